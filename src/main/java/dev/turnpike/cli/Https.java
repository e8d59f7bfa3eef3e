package dev.turnpike.cli;

import dev.turnpike.tls.CertificateIndex;
import dev.turnpike.tls.DefaultCertificate;
import dev.turnpike.tls.LocalCa;
import dev.turnpike.tls.ServerTls;
import dev.turnpike.tls.SniMapping;
import dev.turnpike.tls.TlsException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The HTTPS side of the composition root: the local CA (created on first start), the default
 * certificate {@code *.execute-api.{region}.{suffix}} it issues at every start (and the certificate
 * lifecycle renews while Turnpike runs), and the SNI mapping for the listener.
 */
final class Https {
  private final LocalCa ca;
  private final DefaultCertificate defaultCertificate;

  private Https(LocalCa ca, DefaultCertificate defaultCertificate) {
    this.ca = ca;
    this.defaultCertificate = defaultCertificate;
  }

  static Https start(Path dataDir, ServeConfig config, Clock clock)
      throws IOException, TlsException {
    LocalCa ca = LocalCa.loadOrCreate(dataDir, clock);
    String name = "*.execute-api." + config.region() + "." + config.domainSuffix();
    // "localhost" as well, so the path style (https://localhost:8443/restapis/...) verifies too.
    return new Https(ca, DefaultCertificate.issue(ca, List.of(name, "localhost")));
  }

  LocalCa ca() {
    return ca;
  }

  DefaultCertificate defaultCertificate() {
    return defaultCertificate;
  }

  Path caFile() {
    return ca.certificateFile();
  }

  SniMapping sniMapping(Supplier<CertificateIndex> domains) {
    return new SniMapping(defaultCertificate::context, domains);
  }

  String describe() {
    return "default certificate "
        + defaultCertificate.name()
        + ", TLS by "
        + ServerTls.providerDescription();
  }
}
