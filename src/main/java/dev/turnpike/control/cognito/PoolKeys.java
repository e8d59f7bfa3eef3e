package dev.turnpike.control.cognito;

import dev.turnpike.model.CognitoPoolSecrets;
import dev.turnpike.model.CognitoUserPool;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * A pool's keys: a new RSA 2048 signing key per pool (with a {@code kid} shaped as Cognito's, the
 * base64 SHA-256 of the public key), an AES-256 refresh-token key, and their stored forms.
 */
final class PoolKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private PoolKeys() {}

  /** The generated keys: the public half goes on the pool, the rest into sealed secrets. */
  record Generated(String keyId, String publicKey, CognitoPoolSecrets secrets) {}

  static Generated generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, RANDOM);
      KeyPair pair = g.generateKeyPair();
      byte[] pub = pair.getPublic().getEncoded();
      String kid =
          Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(pub));
      byte[] refresh = new byte[32];
      RANDOM.nextBytes(refresh);
      Base64.Encoder b64 = Base64.getEncoder();
      return new Generated(
          kid,
          b64.encodeToString(pub),
          new CognitoPoolSecrets(
              kid,
              b64.encodeToString(pair.getPrivate().getEncoded()),
              b64.encodeToString(refresh)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a pool key: " + e.getMessage(), e);
    }
  }

  static RSAPublicKey publicKey(CognitoUserPool pool) {
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pool.publicKey())));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("pool " + pool.id() + " has an unreadable public key", e);
    }
  }

  static PrivateKey privateKey(CognitoPoolSecrets secrets) {
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(
              new PKCS8EncodedKeySpec(Base64.getDecoder().decode(secrets.privateKey())));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("a pool's signing key is unreadable", e);
    }
  }
}
