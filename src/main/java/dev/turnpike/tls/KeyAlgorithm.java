package dev.turnpike.tls;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** ACM's key algorithms ({@code KeyAlgorithm} in DescribeCertificate and RequestCertificate). */
public enum KeyAlgorithm {
  RSA_1024("RSA", 1024, null),
  RSA_2048("RSA", 2048, null),
  RSA_3072("RSA", 3072, null),
  RSA_4096("RSA", 4096, null),
  EC_prime256v1("EC", 256, "secp256r1"),
  EC_secp384r1("EC", 384, "secp384r1"),
  EC_secp521r1("EC", 521, "secp521r1");

  private final String jca;
  private final int bits;
  private final @Nullable String curve;

  KeyAlgorithm(String jca, int bits, @Nullable String curve) {
    this.jca = jca;
    this.bits = bits;
    this.curve = curve;
  }

  /** The algorithm of a public key, or null when ACM would not accept it. */
  public static @Nullable KeyAlgorithm of(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      for (KeyAlgorithm a : values()) {
        if (a.jca.equals("RSA") && a.bits == bits) {
          return a;
        }
      }
      return null;
    }
    if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      for (KeyAlgorithm a : values()) {
        if (a.jca.equals("EC") && a.bits == bits) {
          return a;
        }
      }
    }
    return null;
  }

  public static @Nullable KeyAlgorithm parse(@Nullable String name) {
    if (name == null) {
      return null;
    }
    for (KeyAlgorithm a : values()) {
      if (a.name().equalsIgnoreCase(name)) {
        return a;
      }
    }
    return null;
  }

  public boolean isRsa() {
    return jca.equals("RSA");
  }

  /** The JCA signature algorithm a CA with this key signs with. */
  public String signatureAlgorithm() {
    if (isRsa()) {
      return "SHA256withRSA";
    }
    return bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
  }

  public KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(jca);
      if (curve != null) {
        g.initialize(new ECGenParameterSpec(curve));
      } else {
        g.initialize(bits);
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot generate a " + name().toLowerCase(Locale.ROOT) + " key", e);
    }
  }
}
