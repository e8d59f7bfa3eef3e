package dev.turnpike.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.internal.tcnative.CertificateVerifier;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Decides, during a mutual-TLS handshake, whether the client's certificate chain is trusted by a
 * domain's truststore. A refusal fails the handshake (the client sees a TLS alert, no HTTP
 * response).
 *
 * <p>Implementation notes (spec 3.6;
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html): API
 * Gateway validates X.509 syntax, integrity (signatures), the validity period and name/key chaining
 * up to a certificate of the truststore, with a maximum chain length of four; revocation is not
 * checked; SHA-256+, RSA-2048+ and ECDSA-256+ only (the KC article's reasons "Client cert using an
 * insecure Signature Algorithm", "Could not find issuer for certificate"). Path building and the
 * validity, signature and TLS-client key-usage checks (keyUsage digitalSignature and
 * extendedKeyUsage clientAuth when those extensions are present) are the JDK's PKIX implementation;
 * Turnpike adds the algorithm floor and sets the path length. Every certificate of the truststore
 * is an anchor (AWS "accepts client certificates issued by any CA present in the chain of trust").
 * "Maximum chain length of four" counts CA certificates: the root and at most three intermediates
 * above the client's certificate, which itself is not counted (a third-party reproduction against
 * AWS, javierinthecloud.com "Understanding the API Gateway mTLS chain depth limit"; not in AWS's
 * own text).
 */
public final class ClientCertificateTrust extends X509ExtendedTrustManager {
  /**
   * "Certificates can have a maximum chain length of four" (AWS): CA certificates above the
   * client's.
   */
  static final int MAX_CA_CERTIFICATES = 4;

  private final List<X509Certificate> anchors;
  private final X509TrustManager pkix;

  private ClientCertificateTrust(List<X509Certificate> anchors, X509TrustManager pkix) {
    this.anchors = List.copyOf(anchors);
    this.pkix = pkix;
  }

  /** A trust decision over {@code truststore}'s anchors; none at all refuses every client. */
  public static ClientCertificateTrust of(Truststore truststore) throws TlsException {
    List<X509Certificate> anchors = truststore.anchors();
    if (anchors.isEmpty()) {
      return new ClientCertificateTrust(anchors, new RefuseAll());
    }
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      for (int i = 0; i < anchors.size(); i++) {
        ks.setCertificateEntry("anchor-" + i, anchors.get(i));
      }
      PKIXBuilderParameters params = new PKIXBuilderParameters(ks, new X509CertSelector());
      params.setRevocationEnabled(false); // AWS does not check revocation
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(new CertPathTrustManagerParameters(params));
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return new ClientCertificateTrust(anchors, x);
        }
      }
      throw new TlsException("no X.509 trust manager in the JDK's PKIX provider");
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsException("cannot build the truststore: " + e.getMessage(), e);
    }
  }

  /** Throws when the chain (client certificate first) is not trusted; the message says why. */
  public void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("No client certificate presented");
    }
    X509Certificate leaf = chain[0];
    if (!Truststore.strongSignature(leaf)) {
      throw refusal(
          "Client cert using an insecure Signature Algorithm: " + leaf.getSigAlgName(),
          () -> CertificateVerifier.X509_V_ERR_CERT_REJECTED);
    }
    String weak = Truststore.weakKey(leaf.getPublicKey());
    if (weak != null) {
      throw refusal(
          "Client cert using a weak key: " + weak,
          () -> CertificateVerifier.X509_V_ERR_CERT_REJECTED);
    }
    try {
      pkix.checkClientTrusted(chain, leaf.getPublicKey().getAlgorithm());
    } catch (CertificateException e) {
      throw classified(e);
    }
    int cas = caDepth(chain);
    if (cas > MAX_CA_CERTIFICATES) {
      throw refusal(
          "Client certificate chain has more than " + MAX_CA_CERTIFICATES + " CA certificates",
          () -> CertificateVerifier.X509_V_ERR_CERT_CHAIN_TOO_LONG);
    }
  }

  /**
   * The validator's refusal as an exception BoringSSL turns into the matching TLS alert ({@code
   * certificate_expired}, {@code unknown_ca}, ...) rather than {@code internal_error}, so a
   * client's error says what is wrong.
   */
  private static CertificateException classified(CertificateException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException
          || t instanceof CertificateNotYetValidException) {
        return (CertificateException) t;
      }
      if (t instanceof CertPathValidatorException v) {
        if (v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
          return new CertificateExpiredException("Client certificate expired: " + v.getMessage());
        }
        if (v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
          return new CertificateNotYetValidException(
              "Client certificate not yet valid: " + v.getMessage());
        }
      }
    }
    CertificateException untrusted =
        refusal(
            "Could not find issuer for certificate (" + e.getMessage() + ")",
            () -> CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    untrusted.initCause(e);
    return untrusted;
  }

  /**
   * A refusal carrying the OpenSSL verify code BoringSSL maps to an alert; the code can only be
   * checked with the native library loaded, so without it (the JDK provider) a plain exception
   * serves.
   */
  private static CertificateException refusal(String message, IntSupplier openSslCode) {
    // The codes are read from the native library when CertificateVerifier initializes: only touch
    // it once loaded.
    return OpenSsl.isAvailable()
        ? new OpenSslCertificateException(message, openSslCode.getAsInt())
        : new CertificateException(message);
  }

  /**
   * CA certificates above the client's, up to the self-signed root, following issuer names through
   * what the client sent and the truststore (the validator already checked the signatures of the
   * path it accepted). The JDK's trust manager applies no {@code maxPathLength}, and AWS counts up
   * to the root even when intermediates are in the truststore, so the depth is counted here.
   */
  int caDepth(X509Certificate[] chain) {
    List<X509Certificate> known = new ArrayList<>(anchors);
    known.addAll(List.of(chain));
    X509Certificate current = chain[0];
    int depth = 0;
    while (depth <= MAX_CA_CERTIFICATES
        && !current.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
      X509Certificate issuer = null;
      for (X509Certificate c : known) {
        if (c.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
          issuer = c;
          break;
        }
      }
      if (issuer == null) {
        break;
      }
      depth++;
      current = issuer;
    }
    return depth;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("a client-certificate trust manager does not judge servers");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  /** The CA names sent in the CertificateRequest, so clients can pick the right certificate. */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return anchors.toArray(new X509Certificate[0]);
  }

  private static final class RefuseAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException(
          "The truststore has no valid certificate; every client is refused");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("not a server trust manager");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
