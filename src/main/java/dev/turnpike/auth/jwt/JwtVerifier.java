package dev.turnpike.auth.jwt;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.turnpike.auth.jwt.JwtResult.Reason;
import dev.turnpike.auth.jwt.JwtResult.Rejected;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a signed JWT the way API Gateway's {@code COGNITO_USER_POOLS} authorizer does: RS256
 * only, the key named by the header's {@code kid} among the issuer's keys, the signature, the
 * issuer, then the validity period against the clock passed in. Parsing and the signature check are
 * Nimbus JOSE+JWT's; the rules and their order are here. Stateless and thread-safe: the caller
 * caches results per token (a signature check is the expensive part, tens of microseconds).
 *
 * <p>HTTP API JWT authorizers ({@code oidc.JwtAuthorizer}) pass {@link Algorithms#RSA} (AWS: "only
 * RSA-based algorithms are supported"); every other caller keeps RS256 only.
 *
 * <p>Messages never include the token or its signature (a token is a credential).
 */
public final class JwtVerifier {
  private JwtVerifier() {}

  /** Verifies against one key set shared by the accepted issuers. */
  public static JwtResult verify(
      String token, JwtKeys keys, Set<String> acceptedIssuers, Instant now) {
    return verify(token, keys, acceptedIssuers, Algorithms.RS256_ONLY, now);
  }

  /**
   * Verifies against one key set shared by the accepted issuers, accepting the given signing
   * algorithms ({@link Algorithms#RSA} for HTTP API JWT authorizers: "only RSA-based algorithms are
   * supported").
   */
  public static JwtResult verify(
      String token, JwtKeys keys, Set<String> acceptedIssuers, Algorithms algorithms, Instant now) {
    Parsed p = parse(token, algorithms);
    if (p.rejected != null) {
      return p.rejected;
    }
    if (!acceptedIssuers.contains(p.issuer)) {
      return wrongIssuer(p.issuer);
    }
    return check(p, keys, now);
  }

  /** Verifies against the keys of the issuer the token names, if {@code trust} accepts it. */
  public static JwtResult verify(String token, JwtTrust trust, Instant now) {
    Parsed p = parse(token, Algorithms.RS256_ONLY);
    if (p.rejected != null) {
      return p.rejected;
    }
    JwtKeys keys = trust.keys(p.issuer);
    if (keys == null) {
      return wrongIssuer(p.issuer);
    }
    return check(p, keys, now);
  }

  /** The parts read before any key is chosen: signing input, signature, claims, issuer, kid. */
  private static final class Parsed {
    @Nullable Rejected rejected;
    String token = "";
    int signatureStart;
    Map<String, @Nullable Object> claims = Map.of();
    String issuer = "";
    String kid = "";
    JWSAlgorithm alg = JWSAlgorithm.RS256;
  }

  /** The signing algorithms a verification accepts. */
  public enum Algorithms {
    /** What {@code COGNITO_USER_POOLS} authorizers accept (Cognito signs RS256). */
    RS256_ONLY(Set.of(JWSAlgorithm.RS256), "only RS256 is accepted"),
    /** RSASSA-PKCS1-v1_5: RS256, RS384, RS512. */
    RSA(
        Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512),
        "only RS256, RS384 and RS512 are accepted");

    private final Set<JWSAlgorithm> accepted;
    private final String text;

    Algorithms(Set<JWSAlgorithm> accepted, String text) {
      this.accepted = accepted;
      this.text = text;
    }
  }

  private static Parsed parse(String token, Algorithms algorithms) {
    Parsed p = new Parsed();
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    int dots = 0;
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) == '.') {
        dots++;
      }
    }
    if (dots != 2) {
      p.rejected =
          dots == 4
              ? new Rejected(
                  Reason.UNSUPPORTED_ALGORITHM, "the token is encrypted (JWE); " + algorithms.text)
              : new Rejected(
                  Reason.MALFORMED,
                  "not a JWT: " + (dots + 1) + " segments where a signed JWT has 3");
      return p;
    }
    Header header;
    Map<String, Object> raw;
    try {
      header = Header.parse(new Base64URL(token.substring(0, first)));
      raw =
          JSONObjectUtils.parse(new Base64URL(token.substring(first + 1, second)).decodeToString());
    } catch (ParseException | RuntimeException e) {
      p.rejected = new Rejected(Reason.MALFORMED, "not a JWT: " + e.getMessage());
      return p;
    }
    if (!(header instanceof JWSHeader jws)) {
      p.rejected =
          new Rejected(
              Reason.UNSUPPORTED_ALGORITHM,
              header instanceof PlainHeader
                  ? "the token is unsigned (alg none); " + algorithms.text
                  : "the token is encrypted (JWE); " + algorithms.text);
      return p;
    }
    if (!algorithms.accepted.contains(jws.getAlgorithm())) {
      p.rejected =
          new Rejected(
              Reason.UNSUPPORTED_ALGORITHM,
              "the token is signed with " + jws.getAlgorithm() + "; " + algorithms.text);
      return p;
    }
    if (jws.getCriticalParams() != null && !jws.getCriticalParams().isEmpty()) {
      // RFC 7515 4.1.11: a critical header parameter the verifier does not understand fails it.
      p.rejected =
          new Rejected(
              Reason.MALFORMED, "the header names critical parameters " + jws.getCriticalParams());
      return p;
    }
    Object iss = raw.get("iss");
    p.token = token;
    p.signatureStart = second + 1;
    p.claims = immutableMap(raw);
    p.issuer = iss instanceof String s ? s : "";
    p.kid = jws.getKeyID() == null ? "" : jws.getKeyID();
    p.alg = jws.getAlgorithm();
    return p;
  }

  private static JwtResult check(Parsed p, JwtKeys keys, Instant now) {
    RSAPublicKey key = keys.key(p.kid);
    if (key == null) {
      return new Rejected(
          Reason.UNKNOWN_KEY,
          p.kid.isEmpty()
              ? "the token's header has no kid"
              : "no key with kid " + p.kid + " in the issuer's key set");
    }
    if (!signatureMatches(p, key)) {
      return new Rejected(Reason.BAD_SIGNATURE, "the signature does not match (kid " + p.kid + ")");
    }
    Object exp = p.claims.get("exp");
    if (!(exp instanceof Number expSeconds)) {
      return new Rejected(Reason.NO_EXPIRY, "the token has no numeric exp claim");
    }
    long nowMillis = now.toEpochMilli();
    long expMillis = (long) (expSeconds.doubleValue() * 1000);
    if (nowMillis >= expMillis) {
      return new Rejected(
          Reason.EXPIRED,
          "the token expired at "
              + Instant.ofEpochMilli(expMillis)
              + " ("
              + Math.max(1, (nowMillis - expMillis) / 1000)
              + " s ago)");
    }
    Object nbf = p.claims.get("nbf");
    if (nbf instanceof Number notBefore && nowMillis < (long) (notBefore.doubleValue() * 1000)) {
      return new Rejected(
          Reason.NOT_YET_VALID,
          "the token is not valid before "
              + Instant.ofEpochMilli((long) (notBefore.doubleValue() * 1000)));
    }
    Object tokenUse = p.claims.get("token_use");
    return new JwtResult.Verified(
        p.claims,
        p.issuer,
        tokenUse instanceof String s ? s : null,
        scopes(p.claims.get("scope")),
        Instant.ofEpochMilli(expMillis));
  }

  /**
   * RSASSA-PKCS1-v1_5 with the header's SHA-2 over the ASCII signing input, on the JDK's provider.
   * One {@code Signature} per thread: {@code Signature.getInstance} per token costs a provider
   * lookup and a few kilobytes. A signature whose length is not the modulus length is refused
   * before the math.
   */
  private static boolean signatureMatches(Parsed p, RSAPublicKey key) {
    byte[] signature;
    try {
      signature = new Base64URL(p.token.substring(p.signatureStart)).decode();
    } catch (RuntimeException e) {
      return false;
    }
    if (signature.length != (key.getModulus().bitLength() + 7) / 8) {
      return false;
    }
    Signature verifier =
        JWSAlgorithm.RS512.equals(p.alg)
            ? RS512.get()
            : JWSAlgorithm.RS384.equals(p.alg) ? RS384.get() : RS256.get();
    try {
      verifier.initVerify(key);
      int end = p.signatureStart - 1;
      for (int i = 0; i < end; i += INPUT_CHUNK.length) {
        int n = Math.min(INPUT_CHUNK.length, end - i);
        byte[] chunk = CHUNK.get();
        for (int j = 0; j < n; j++) {
          chunk[j] = (byte) p.token.charAt(i + j); // the signing input is base64url: ASCII
        }
        verifier.update(chunk, 0, n);
      }
      return verifier.verify(signature);
    } catch (InvalidKeyException | SignatureException e) {
      return false;
    }
  }

  private static final byte[] INPUT_CHUNK = new byte[512];
  private static final ThreadLocal<byte[]> CHUNK =
      ThreadLocal.withInitial(() -> new byte[INPUT_CHUNK.length]);
  private static final ThreadLocal<Signature> RS256 = signature("SHA256withRSA");
  private static final ThreadLocal<Signature> RS384 = signature("SHA384withRSA");
  private static final ThreadLocal<Signature> RS512 = signature("SHA512withRSA");

  private static ThreadLocal<Signature> signature(String name) {
    return ThreadLocal.withInitial(
        () -> {
          try {
            return Signature.getInstance(name);
          } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + name, e);
          }
        });
  }

  private static Rejected wrongIssuer(String issuer) {
    return new Rejected(
        Reason.WRONG_ISSUER,
        issuer.isEmpty()
            ? "the token has no iss claim"
            : "the issuer " + issuer + " is not one the authorizer accepts");
  }

  /** {@code scope} split on spaces, as Cognito writes several scopes in one claim. */
  static List<String> scopes(@Nullable Object scope) {
    if (!(scope instanceof String s) || s.isBlank()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(4);
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == ' ') {
        if (i > start) {
          out.add(s.substring(start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }

  private static Map<String, @Nullable Object> immutableMap(Map<String, ?> m) {
    Map<String, @Nullable Object> copy = new LinkedHashMap<>(m.size() * 2);
    for (Map.Entry<String, ?> e : m.entrySet()) {
      copy.put(e.getKey(), immutable(e.getValue()));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static @Nullable Object immutable(@Nullable Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, @Nullable Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        copy.put(String.valueOf(e.getKey()), immutable(e.getValue()));
      }
      return Collections.unmodifiableMap(copy);
    }
    if (v instanceof List<?> l) {
      List<@Nullable Object> copy = new ArrayList<>(l.size());
      for (Object o : l) {
        copy.add(immutable(o));
      }
      return Collections.unmodifiableList(copy);
    }
    return v;
  }
}
