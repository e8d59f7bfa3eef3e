package dev.turnpike.it;

import dev.turnpike.testkit.Prerequisite;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS clients for the e2e tests: the JDK's (trusting Turnpike's ca.pem) and OpenSSL's {@code
 * s_client}.
 */
final class Tls {
  private Tls() {}

  /** What a finished handshake negotiated. */
  record Handshake(String protocol, String cipherSuite, String alpn, X509Certificate peer) {}

  /** An SSLContext that trusts exactly the certificates in {@code caPem}. */
  static SSLContext trusting(Path caPem) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(caPem)) {
      int i = 0;
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca" + i++, c);
      }
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /**
   * A full handshake with SNI {@code serverName} and host-name verification against it, offering
   * {@code alpn}.
   */
  static Handshake handshake(int port, SSLContext ctx, String serverName, String... alpn)
      throws IOException {
    try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port)) {
      plain.setSoTimeout(10_000);
      SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, serverName, port, false);
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      if (alpn.length > 0) {
        p.setApplicationProtocols(alpn);
      }
      s.setSSLParameters(p);
      s.startHandshake();
      Handshake h =
          new Handshake(
              s.getSession().getProtocol(),
              s.getSession().getCipherSuite(),
              s.getApplicationProtocol(),
              (X509Certificate) s.getSession().getPeerCertificates()[0]);
      s.close();
      return h;
    }
  }

  /** Output of {@code openssl s_client}; exit code and the text of stdout and stderr together. */
  record SClient(int exitCode, String output) {
    boolean handshakeDone() {
      return output.contains("Cipher is ") && !output.contains("Cipher is (NONE)");
    }
  }

  /** {@code openssl s_client -connect 127.0.0.1:port -servername name [extra...]}, stdin closed. */
  static SClient sClient(int port, String serverName, String... extra)
      throws IOException, InterruptedException {
    Prerequisite.OPENSSL.require();
    List<String> cmd =
        new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port));
    if (serverName != null) {
      cmd.addAll(List.of("-servername", serverName));
    } else {
      cmd.add("-noservername");
    }
    cmd.addAll(List.of(extra));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("openssl s_client did not finish");
    }
    return new SClient(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
