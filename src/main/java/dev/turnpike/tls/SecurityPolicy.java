package dev.turnpike.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * API Gateway's minimum-TLS security policies for custom domains (spec 3.5; cipher tables from
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html),
 * as IANA suite names (Netty maps them to BoringSSL's). {@code TLS_1_2} is the default. Both
 * include TLS 1.3, which AWS negotiates on its endpoints today (spec 1.1 capture); whether a
 * Regional {@code TLS_1_0} domain offers TLS 1.3 is not confirmed.
 */
public enum SecurityPolicy {
  TLS_1_0(List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"), Suites.TLS_1_0),
  TLS_1_2(List.of("TLSv1.3", "TLSv1.2"), Suites.TLS_1_2);

  private final List<String> protocols;
  private final List<String> ciphers;

  SecurityPolicy(List<String> protocols, List<String> ciphers) {
    this.protocols = protocols;
    this.ciphers = ciphers;
  }

  public List<String> protocols() {
    return protocols;
  }

  public List<String> ciphers() {
    return ciphers;
  }

  /** The policy named (case-insensitively), or null for a name API Gateway does not know. */
  public static @Nullable SecurityPolicy parse(@Nullable String name) {
    if (name == null) {
      return null;
    }
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static final class Suites {
    static final List<String> TLS13 =
        List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
    static final List<String> TLS_1_2 =
        concat(
            TLS13,
            List.of(
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
                "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256",
                "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_256_CBC_SHA256"));
    static final List<String> TLS_1_0 =
        concat(
            TLS_1_2,
            List.of(
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
                "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
                "TLS_RSA_WITH_AES_128_CBC_SHA",
                "TLS_RSA_WITH_AES_256_CBC_SHA",
                "TLS_RSA_WITH_3DES_EDE_CBC_SHA"));

    private static List<String> concat(List<String> a, List<String> b) {
      List<String> out = new ArrayList<>(a);
      out.addAll(b);
      return List.copyOf(out);
    }
  }
}
