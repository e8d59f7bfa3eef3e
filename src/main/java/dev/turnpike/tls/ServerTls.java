package dev.turnpike.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Builds the server {@link SslContext} of one certificate under one security policy, with ALPN
 * {@code h2} and {@code http/1.1}.
 *
 * <p>Implementation notes: the provider is BoringSSL (netty-tcnative-boringssl-static) whenever it
 * loads. The JDK's provider refuses TLS 1.0/1.1 and 3DES process-wide ({@code
 * jdk.tls.disabledAlgorithms}), which would drop the {@code TLS_1_0} policy; BoringSSL takes
 * protocols and suites per context, so a {@code TLS_1_2} domain and a {@code TLS_1_0} domain live
 * side by side on one listener, and full handshakes are several times cheaper. Where no native
 * library exists for the platform, the JDK provider serves and {@code TLS_1_0} domains get the
 * JDK's floor (TLS 1.2), which {@link #tls10Available()} reports.
 */
public final class ServerTls {
  private static final boolean OPENSSL = OpenSsl.isAvailable();

  private ServerTls() {}

  public static SslProvider provider() {
    return OPENSSL ? SslProvider.OPENSSL : SslProvider.JDK;
  }

  /**
   * Whether the {@code TLS_1_0} policy is served as AWS serves it (TLS 1.0/1.1 and CBC-SHA1
   * suites).
   */
  public static boolean tls10Available() {
    return OPENSSL;
  }

  /** "BoringSSL 2.0.x" or "JDK". */
  public static String providerDescription() {
    return OPENSSL ? OpenSsl.versionString() : "JDK " + System.getProperty("java.version");
  }

  public static SslContext context(CertifiedKey key, SecurityPolicy policy) throws TlsException {
    return context(key, policy, null);
  }

  /**
   * With {@code clientTrust}, the context requests and requires a client certificate that it trusts
   * (mutual TLS); a missing or untrusted one fails the handshake.
   */
  public static SslContext context(
      CertifiedKey key, SecurityPolicy policy, @Nullable ClientCertificateTrust clientTrust)
      throws TlsException {
    try {
      SslContextBuilder b =
          SslContextBuilder.forServer(key.key(), key.chain().toArray(new X509Certificate[0]));
      if (clientTrust != null) {
        b.clientAuth(ClientAuth.REQUIRE).trustManager(clientTrust);
      }
      return b.sslProvider(provider())
          .protocols(policy.protocols())
          .ciphers(policy.ciphers(), SupportedCipherSuiteFilter.INSTANCE)
          .applicationProtocolConfig(
              new ApplicationProtocolConfig(
                  ApplicationProtocolConfig.Protocol.ALPN,
                  ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                  ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                  ApplicationProtocolNames.HTTP_2,
                  ApplicationProtocolNames.HTTP_1_1))
          .build();
    } catch (SSLException | RuntimeException e) {
      throw new TlsException("cannot serve this certificate: " + e.getMessage(), e);
    }
  }
}
