package dev.turnpike.store;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.jspecify.annotations.Nullable;

/**
 * Encrypts, at rest in a shared store, the documents that hold secrets: IAM secret access keys
 * ({@link Kinds#ACCESS_KEY}), temporary credentials ({@link Kinds#STS_SESSION}), ACM private keys
 * ({@link Kinds#ACM_CERTIFICATE}) and Cognito's signing keys, client secrets and password hashes
 * ({@link Kinds#COGNITO_POOL_SECRETS}, {@link Kinds#COGNITO_CLIENT}, {@link Kinds#COGNITO_USER})
 * and the cluster's local CA ({@link Kinds#LOCAL_CA}). Everything else stays readable JSON, so an
 * operator can still inspect the store with {@code psql}.
 *
 * <p>Implementation notes: AES-256-GCM with a random 96-bit nonce per write (NIST SP 800-38D; at
 * the rate configuration changes, random nonces stay far below the 2³² messages per key that bound
 * their collision risk). The document's address is the additional authenticated data, so a sealed
 * body copied to another row (another account's key, say) fails to open instead of being accepted.
 * The stored form is {@code tp-sealed:v1:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>}; the key id
 * names which key of the {@link SecretKeyRing} sealed it, so a rotation can proceed while rows
 * under the old key remain. A body without the prefix is plaintext written before a key was
 * configured: it is read as is and sealed on its next write or by {@code turnpike store
 * rotate-key}.
 */
public final class SecretSealer implements DocumentSealer {
  static final String PREFIX = "tp-sealed:v1:";
  static final Set<String> SEALED_KINDS =
      Set.of(
          Kinds.ACCESS_KEY,
          Kinds.STS_SESSION,
          Kinds.ACM_CERTIFICATE,
          Kinds.COGNITO_POOL_SECRETS,
          Kinds.COGNITO_CLIENT,
          Kinds.COGNITO_USER,
          Kinds.LOCAL_CA);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeyRing ring;
  private final SecureRandom random = new SecureRandom();

  public SecretSealer(SecretKeyRing ring) {
    this.ring = requireNonNull(ring, "ring");
  }

  /** True for kinds whose bodies are sealed. */
  public static boolean sealed(String kind) {
    return SEALED_KINDS.contains(kind);
  }

  @Override
  public String seal(DocumentKey key, String json) {
    if (!sealed(key.kind())) {
      return json;
    }
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, ring.current().key(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(key));
      byte[] sealed = cipher.doFinal(json.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return PREFIX + ring.current().id() + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new StoreException("cannot encrypt " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String open(DocumentKey key, String stored) {
    if (!stored.startsWith(PREFIX)) {
      return stored;
    }
    int colon = stored.indexOf(':', PREFIX.length());
    if (colon < 0) {
      throw new StoreException(key + ": malformed sealed body", null);
    }
    String keyId = stored.substring(PREFIX.length(), colon);
    SecretKeyRing.Entry entry = ring.find(keyId);
    if (entry == null) {
      throw new StoreException(
          key
              + " is encrypted under secret key "
              + keyId
              + ", which this node's key ring ("
              + ring.ids()
              + ") does not hold: give every node the cluster's --secret-key-file",
          null);
    }
    try {
      byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, entry.key(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(aad(key));
      byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new StoreException(
          key + ": the sealed body does not authenticate under key " + keyId + " (altered?)", e);
    }
  }

  @Override
  public boolean isCurrent(DocumentKey key, String stored) {
    return !sealed(key.kind()) || ring.current().id().equals(keyIdOf(stored));
  }

  /** The key id a stored body was sealed under, or null for plaintext. */
  static @Nullable String keyIdOf(String stored) {
    if (!stored.startsWith(PREFIX)) {
      return null;
    }
    int colon = stored.indexOf(':', PREFIX.length());
    return colon < 0 ? null : stored.substring(PREFIX.length(), colon);
  }

  private static byte[] aad(DocumentKey key) {
    return ("turnpike/v1\n"
            + key.accountId()
            + "\n"
            + key.kind()
            + "\n"
            + key.scope()
            + "\n"
            + key.id())
        .getBytes(StandardCharsets.UTF_8);
  }
}
