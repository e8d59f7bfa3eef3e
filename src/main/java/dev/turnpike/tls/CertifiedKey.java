package dev.turnpike.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key and its certificate chain, leaf first (intermediates after it, the root optional
 * and last).
 */
public record CertifiedKey(PrivateKey key, List<X509Certificate> chain) {
  public CertifiedKey {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain: empty (expected: the leaf certificate at least)");
    }
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }
}
