package dev.turnpike.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable set of RSA public keys by key id ({@code kid}), as a JWKS document publishes them.
 */
public final class JwtKeys {
  public static final JwtKeys EMPTY = new JwtKeys(Map.of());

  private final Map<String, RSAPublicKey> keys;

  private JwtKeys(Map<String, RSAPublicKey> keys) {
    this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
  }

  /** The keys by {@code kid}, in the given order (the order the JWKS document lists them). */
  public static JwtKeys of(Map<String, RSAPublicKey> byKid) {
    return byKid.isEmpty() ? EMPTY : new JwtKeys(byKid);
  }

  /**
   * The RSA signing keys of a JWKS document ({@code {"keys": [{"kty": "RSA", "kid": ..., "n": ...,
   * "e": ...}]}}); keys of other types, without a {@code kid}, or for encryption ({@code "use":
   * "enc"}) are skipped.
   *
   * @throws IllegalArgumentException when the document is not a JWKS
   */
  public static JwtKeys parseJwks(String json) {
    JWKSet set;
    try {
      set = JWKSet.parse(json);
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a JWKS document: " + e.getMessage(), e);
    }
    Map<String, RSAPublicKey> byKid = new LinkedHashMap<>();
    for (JWK jwk : set.getKeys()) {
      if (jwk instanceof RSAKey rsa
          && jwk.getKeyID() != null
          && (jwk.getKeyUse() == null || "sig".equals(jwk.getKeyUse().identifier()))) {
        try {
          byKid.put(jwk.getKeyID(), rsa.toRSAPublicKey());
        } catch (JOSEException e) {
          throw new IllegalArgumentException(
              "JWKS key " + jwk.getKeyID() + " is not a valid RSA key: " + e.getMessage(), e);
        }
      }
    }
    return of(byKid);
  }

  public @Nullable RSAPublicKey key(String kid) {
    return keys.get(kid);
  }

  /** The key ids, in document order. */
  public Set<String> kids() {
    return keys.keySet();
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  /** A key set with these keys and {@code other}'s (this one's win a shared {@code kid}). */
  public JwtKeys with(JwtKeys other) {
    if (other.isEmpty()) {
      return this;
    }
    Map<String, RSAPublicKey> all = new LinkedHashMap<>(other.keys);
    all.putAll(keys);
    return of(all);
  }

  /**
   * The JWKS document of these keys, with Cognito's members in Cognito's order: {@code
   * {"keys":[{"alg":"RS256","e":"AQAB","kid":"...","kty":"RSA","n":"...","use":"sig"}]}}.
   */
  public String toJwks() {
    StringBuilder b = new StringBuilder("{\"keys\":[");
    boolean first = true;
    for (Map.Entry<String, RSAPublicKey> k : keys.entrySet()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      b.append("{\"alg\":\"RS256\",\"e\":\"")
          .append(Base64URL.encode(unsigned(k.getValue().getPublicExponent().toByteArray())))
          .append("\",\"kid\":");
      quote(b, k.getKey());
      b.append(",\"kty\":\"RSA\",\"n\":\"")
          .append(Base64URL.encode(unsigned(k.getValue().getModulus().toByteArray())))
          .append("\",\"use\":\"sig\"}");
    }
    return b.append("]}").toString();
  }

  /** A big-endian magnitude without the sign byte {@code BigInteger} adds (RFC 7518 6.3.1.1). */
  private static byte[] unsigned(byte[] twosComplement) {
    if (twosComplement.length > 1 && twosComplement[0] == 0) {
      byte[] out = new byte[twosComplement.length - 1];
      System.arraycopy(twosComplement, 1, out, 0, out.length);
      return out;
    }
    return twosComplement;
  }

  private static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    b.append('"');
  }

  @Override
  public String toString() {
    return "JwtKeys" + keys.keySet();
  }
}
