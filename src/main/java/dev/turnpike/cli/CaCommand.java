package dev.turnpike.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code turnpike ca}: the local CA that signs Turnpike's HTTPS certificates. */
@Command(
    name = "ca",
    mixinStandardHelpOptions = true,
    description = "The local certificate authority.",
    subcommands = {CaCommand.Trust.class})
final class CaCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code turnpike ca trust}: how to make clients trust {@code <data-dir>/ca.pem}. */
  @Command(
      name = "trust",
      mixinStandardHelpOptions = true,
      description = "Print how to trust the local CA (curl, Java, the system store).")
  static final class Trust implements Callable<Integer> {
    @Option(
        names = "--data-dir",
        defaultValue = "${env:TURNPIKE_DATA_DIR:-.turnpike}",
        description =
            "The data directory of the Turnpike whose CA to trust (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() {
      Path ca = dataDir.toAbsolutePath().normalize().resolve("ca.pem");
      if (!Files.isRegularFile(ca)) {
        System.err.println(
            "turnpike: no CA at "
                + ca
                + " yet: start `./turnpike serve --data-dir "
                + dataDir
                + "` once, it creates the CA on first start");
        return 1;
      }
      System.out.print(instructions(ca));
      return 0;
    }

    static String instructions(Path ca) {
      return """
      Turnpike's local CA: %1$s
      Every HTTPS certificate Turnpike serves (the default *.execute-api certificate, certificates from
      `aws acm request-certificate`) is signed by it. Trust it in one of these ways:

      curl (per call):
        curl --cacert %1$s https://{apiId}.execute-api.us-east-1.localhost:8443/{stage}/...

      Java (a truststore for -Djavax.net.ssl.trustStore):
        keytool -importcert -noprompt -alias turnpike-local-ca -file %1$s \\
                -keystore turnpike-truststore.p12 -storetype PKCS12 -storepass changeit
        java -Djavax.net.ssl.trustStore=turnpike-truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit ...

      Python / AWS SDKs / Node:
        export REQUESTS_CA_BUNDLE=%1$s AWS_CA_BUNDLE=%1$s NODE_EXTRA_CA_CERTS=%1$s

      System store (every program; remove it again when you are done):
        Debian/Ubuntu: sudo cp %1$s /usr/local/share/ca-certificates/turnpike-local-ca.crt && sudo update-ca-certificates
        Fedora/RHEL:   sudo cp %1$s /etc/pki/ca-trust/source/anchors/turnpike-local-ca.pem && sudo update-ca-trust
        macOS:         sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain %1$s

      The CA key (ca-key.pem, mode 0600) never leaves the data directory; anyone who reads it can mint
      certificates your trust store accepts, so trust this CA only on machines where that is acceptable.
      """
          .formatted(ca);
    }
  }
}
