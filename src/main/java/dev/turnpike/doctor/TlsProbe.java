package dev.turnpike.doctor;

import dev.turnpike.tls.HostNames;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * One real TLS handshake with a given server name (SNI), to see which certificate a client is
 * served. The trust manager accepts every chain, but only to capture it: nothing is sent after the
 * handshake, and every judgement (names covered, validity, the configured certificate or not) is
 * made afterwards on the captured chain by {@link DomainCheck}. Blocking network I/O: runs in the
 * CLI process, never on an event loop.
 */
public final class TlsProbe {
  private TlsProbe() {}

  /**
   * What was negotiated and served, or {@code error} when the handshake failed. {@code trustedBy}
   * names what the served chain validates against (the system trust store, or the CA file given),
   * null when neither; {@code trustProblem} then says why (PKIX's reason).
   */
  public record Result(
      String address,
      int port,
      String serverName,
      @Nullable String protocol,
      @Nullable String cipherSuite,
      List<Certificate> chain,
      @Nullable String error,
      @Nullable String trustedBy,
      @Nullable String trustProblem) {
    public Result(
        String address,
        int port,
        String serverName,
        @Nullable String protocol,
        @Nullable String cipherSuite,
        List<Certificate> chain,
        @Nullable String error) {
      this(address, port, serverName, protocol, cipherSuite, chain, error, null, null);
    }

    public @Nullable Certificate leaf() {
      return chain.isEmpty() ? null : chain.get(0);
    }
  }

  /**
   * The facts of one certificate a person compares: names, issuer, validity, serial and SHA-256
   * fingerprint.
   */
  public record Certificate(
      String subject,
      List<String> dnsNames,
      String issuer,
      long notBeforeMillis,
      long notAfterMillis,
      String serial,
      String sha256) {
    public static Certificate of(X509Certificate c) {
      String sha;
      try {
        sha =
            HexFormat.ofDelimiter(":")
                .withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
      } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
        sha = "unavailable: " + e.getMessage();
      }
      return new Certificate(
          c.getSubjectX500Principal().getName(),
          HostNames.dnsNames(c),
          c.getIssuerX500Principal().getName(),
          c.getNotBefore().getTime(),
          c.getNotAfter().getTime(),
          TlsProbe.serial(c.getSerialNumber()),
          sha);
    }

    public boolean covers(String host) {
      for (String n : dnsNames) {
        if (HostNames.covers(n, host)) {
          return true;
        }
      }
      return false;
    }
  }

  /** ACM's serial form: hex bytes joined by ':' (lowercase). */
  static String serial(BigInteger serial) {
    byte[] b = serial.toByteArray();
    int start = b.length > 1 && b[0] == 0 ? 1 : 0;
    return HexFormat.ofDelimiter(":").formatHex(b, start, b.length).toLowerCase(Locale.ROOT);
  }

  /**
   * Shakes hands with SNI = {@code serverName}; afterwards validates the captured chain (PKIX, as a
   * TLS client would, without host-name checks: {@link DomainCheck} judges names) against the
   * system trust store, then against the certificates in {@code extraTrust} (Turnpike's local CA),
   * when given.
   */
  public static Result handshake(
      String address, int port, String serverName, int timeoutMillis, @Nullable Path extraTrust) {
    Capture capture = new Capture();
    Result r = handshake(address, port, serverName, timeoutMillis, capture);
    X509Certificate[] served = capture.raw;
    if (r.error() != null || served.length == 0) {
      return r;
    }
    String problem;
    try {
      trustManager(null).checkServerTrusted(served, "UNKNOWN");
      return withTrust(r, "the system trust store", null);
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      problem = String.valueOf(e.getMessage());
    }
    if (extraTrust != null && Files.isReadable(extraTrust)) {
      try {
        trustManager(extraTrust).checkServerTrusted(served, "UNKNOWN");
        return withTrust(r, extraTrust.toString(), null);
      } catch (GeneralSecurityException | IOException | RuntimeException e) {
        problem = String.valueOf(e.getMessage());
      }
    }
    return withTrust(r, null, problem);
  }

  private static Result withTrust(Result r, @Nullable String trustedBy, @Nullable String problem) {
    return new Result(
        r.address(),
        r.port(),
        r.serverName(),
        r.protocol(),
        r.cipherSuite(),
        r.chain(),
        r.error(),
        trustedBy,
        problem);
  }

  /**
   * The JDK's PKIX trust manager over the system store ({@code caFile} null) or over the
   * certificates in a file.
   */
  private static X509TrustManager trustManager(@Nullable Path caFile)
      throws GeneralSecurityException, IOException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (caFile == null) {
      tmf.init((KeyStore) null);
    } else {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      try (InputStream in = Files.newInputStream(caFile)) {
        int i = 0;
        for (java.security.cert.Certificate c :
            CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          ks.setCertificateEntry("ca" + i++, c);
        }
      }
      tmf.init(ks);
    }
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X509TrustManager");
  }

  /** One handshake, the served chain reported but not validated. */
  public static Result handshake(String address, int port, String serverName, int timeoutMillis) {
    return handshake(address, port, serverName, timeoutMillis, new Capture());
  }

  private static Result handshake(
      String address, int port, String serverName, int timeoutMillis, Capture capture) {
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(address, port), timeoutMillis);
      plain.setSoTimeout(timeoutMillis);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {capture}, null);
      try (SSLSocket s =
          (SSLSocket) ctx.getSocketFactory().createSocket(plain, serverName, port, false)) {
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName(serverName)));
        s.setSSLParameters(p);
        s.startHandshake();
        return new Result(
            address,
            port,
            serverName,
            s.getSession().getProtocol(),
            s.getSession().getCipherSuite(),
            capture.chain(),
            null);
      }
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      return new Result(
          address, port, serverName, null, null, capture.chain(), String.valueOf(e.getMessage()));
    }
  }

  /** Accepts any chain and keeps it (reporting only; see the class comment). */
  private static final class Capture implements X509TrustManager {
    private volatile List<Certificate> chain = List.of();
    private volatile X509Certificate[] raw = new X509Certificate[0];

    List<Certificate> chain() {
      return chain;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType)
        throws CertificateException {
      // The probe only connects; a trust manager that is asked about a client is misused, so it
      // trusts none.
      throw new CertificateException("the doctor's TLS probe never accepts client certificates");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType) {
      chain = Arrays.stream(certs).map(Certificate::of).toList();
      raw = certs.clone();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
