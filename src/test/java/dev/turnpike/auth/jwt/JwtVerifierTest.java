package dev.turnpike.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import dev.turnpike.auth.jwt.JwtResult.Reason;
import dev.turnpike.auth.jwt.JwtResult.Rejected;
import dev.turnpike.auth.jwt.JwtResult.Verified;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RS256 verification with real 2048-bit RSA keys, and each refusal by its reason. */
class JwtVerifierTest {
  private static final String ISS =
      "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI";
  private static final String OTHER_ISS =
      "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_ZzZzZzZzZ";
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KeyPair KEY = rsa();
  private static final KeyPair OTHER = rsa();
  private static final JwtKeys KEYS = JwtKeys.of(Map.of("kid-1", (RSAPublicKey) KEY.getPublic()));

  private static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> claims(String iss, long exp) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("sub", "5f1c6a1e-0000-4000-8000-000000000001");
    c.put("iss", iss);
    c.put("client_id", "1example23456789abcdefghij");
    c.put("token_use", "access");
    c.put("scope", "aws.cognito.signin.user.admin  openid");
    c.put("cognito:groups", List.of("admins", "users"));
    c.put("exp", exp);
    c.put("iat", exp - 3600);
    return c;
  }

  private static String token(KeyPair key, String kid, Map<String, Object> claims) {
    try {
      return JwtSigner.signRs256(key.getPrivate(), kid, JSON.writeValueAsString(claims));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String valid() {
    return token(KEY, "kid-1", claims(ISS, NOW.getEpochSecond() + 60));
  }

  private static Rejected rejected(JwtResult r) {
    assertThat(r).isInstanceOf(Rejected.class);
    return (Rejected) r;
  }

  @Test
  void aValidTokenYieldsItsClaimsTokenUseScopesAndExpiry() {
    JwtResult r = JwtVerifier.verify(valid(), KEYS, Set.of(ISS), NOW);
    assertThat(r).isInstanceOf(Verified.class);
    Verified v = (Verified) r;
    assertThat(v.issuer()).isEqualTo(ISS);
    assertThat(v.tokenUse()).isEqualTo("access");
    assertThat(v.scopes()).containsExactly("aws.cognito.signin.user.admin", "openid");
    assertThat(v.expiresAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(v.claims().get("exp")).isEqualTo(NOW.getEpochSecond() + 60);
    assertThat(v.claims().get("cognito:groups")).isEqualTo(List.of("admins", "users"));
    assertThat(v.stringClaim("client_id")).isEqualTo("1example23456789abcdefghij");
    assertThat(v.claims().keySet())
        .containsExactly(
            "sub", "iss", "client_id", "token_use", "scope", "cognito:groups", "exp", "iat");
    assertThatThrownBy(() -> v.claims().put("sub", "x"))
        .isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> groups = (List<Object>) v.claims().get("cognito:groups");
    assertThatThrownBy(() -> groups.add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aTamperedPayloadOrSignatureIsABadSignature() {
    String t = valid();
    String[] parts = t.split("\\.");
    Map<String, Object> forged = claims(ISS, NOW.getEpochSecond() + 60);
    forged.put("sub", "someone-else");
    String payload = Base64URL.encode(new Payload(forged).toString()).toString();
    Rejected r =
        rejected(
            JwtVerifier.verify(parts[0] + "." + payload + "." + parts[2], KEYS, Set.of(ISS), NOW));
    assertThat(r.reason()).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(r.message()).doesNotContain(parts[2]);

    char last = parts[2].charAt(10);
    String flipped = parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);
    assertThat(
            rejected(
                    JwtVerifier.verify(
                        parts[0] + "." + parts[1] + "." + flipped, KEYS, Set.of(ISS), NOW))
                .reason())
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void anotherKeyUnderTheSameKidIsABadSignature() {
    String t = token(OTHER, "kid-1", claims(ISS, NOW.getEpochSecond() + 60));
    assertThat(rejected(JwtVerifier.verify(t, KEYS, Set.of(ISS), NOW)).reason())
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void anUnknownKidIsRefusedBeforeAnySignatureCheck() {
    String t = token(KEY, "kid-2", claims(ISS, NOW.getEpochSecond() + 60));
    Rejected r = rejected(JwtVerifier.verify(t, KEYS, Set.of(ISS), NOW));
    assertThat(r.reason()).isEqualTo(Reason.UNKNOWN_KEY);
    assertThat(r.message()).isEqualTo("no key with kid kid-2 in the issuer's key set");
  }

  @Test
  void expiryIsCheckedAgainstTheClockPassedIn() {
    long exp = NOW.getEpochSecond();
    String t = token(KEY, "kid-1", claims(ISS, exp));
    Rejected r = rejected(JwtVerifier.verify(t, KEYS, Set.of(ISS), NOW));
    assertThat(r.reason()).isEqualTo(Reason.EXPIRED);
    assertThat(r.message()).isEqualTo("the token expired at 2026-12-07T12:00:00Z (1 s ago)");
    assertThat(JwtVerifier.verify(t, KEYS, Set.of(ISS), NOW.minusMillis(1)))
        .isInstanceOf(Verified.class);
  }

  @Test
  void aTokenWithoutExpiryOrNotYetValidIsRefused() {
    Map<String, Object> c = claims(ISS, 0);
    c.remove("exp");
    assertThat(
            rejected(JwtVerifier.verify(token(KEY, "kid-1", c), KEYS, Set.of(ISS), NOW)).reason())
        .isEqualTo(Reason.NO_EXPIRY);
    Map<String, Object> later = claims(ISS, NOW.getEpochSecond() + 600);
    later.put("nbf", NOW.getEpochSecond() + 300);
    assertThat(
            rejected(JwtVerifier.verify(token(KEY, "kid-1", later), KEYS, Set.of(ISS), NOW))
                .reason())
        .isEqualTo(Reason.NOT_YET_VALID);
  }

  @Test
  void anotherIssuerIsRefused() {
    String t = token(KEY, "kid-1", claims(OTHER_ISS, NOW.getEpochSecond() + 60));
    Rejected r = rejected(JwtVerifier.verify(t, KEYS, Set.of(ISS), NOW));
    assertThat(r.reason()).isEqualTo(Reason.WRONG_ISSUER);
    assertThat(r.message())
        .isEqualTo("the issuer " + OTHER_ISS + " is not one the authorizer accepts");
  }

  @Test
  void trustChecksATokenOnlyAgainstItsOwnIssuersKeys() {
    JwtTrust trust =
        JwtTrust.of(
            Map.of(
                ISS,
                KEYS,
                OTHER_ISS,
                JwtKeys.of(Map.of("kid-9", (RSAPublicKey) OTHER.getPublic()))));
    assertThat(JwtVerifier.verify(valid(), trust, NOW)).isInstanceOf(Verified.class);
    // Pool A's key signs a token that claims pool B as issuer: B's keys do not have A's kid.
    String crossed = token(KEY, "kid-1", claims(OTHER_ISS, NOW.getEpochSecond() + 60));
    assertThat(rejected(JwtVerifier.verify(crossed, trust, NOW)).reason())
        .isEqualTo(Reason.UNKNOWN_KEY);
    String forged = token(KEY, "kid-9", claims(OTHER_ISS, NOW.getEpochSecond() + 60));
    assertThat(rejected(JwtVerifier.verify(forged, trust, NOW)).reason())
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void algNoneAndHmacAreRefused() throws Exception {
    String header =
        Base64URL.encode("{\"alg\":\"none\",\"kid\":\"kid-1\"}".getBytes(StandardCharsets.UTF_8))
            .toString();
    String payload =
        Base64URL.encode(new Payload(claims(ISS, NOW.getEpochSecond() + 60)).toString()).toString();
    Rejected none =
        rejected(JwtVerifier.verify(header + "." + payload + ".", KEYS, Set.of(ISS), NOW));
    assertThat(none.reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    assertThat(none.message())
        .isEqualTo("the token is unsigned (alg none); only RS256 is accepted");

    JWSObject hmac =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("kid-1").build(),
            new Payload(claims(ISS, NOW.getEpochSecond() + 60)));
    hmac.sign(new MACSigner(new byte[32]));
    Rejected hs = rejected(JwtVerifier.verify(hmac.serialize(), KEYS, Set.of(ISS), NOW));
    assertThat(hs.reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    assertThat(hs.message()).isEqualTo("the token is signed with HS256; only RS256 is accepted");
  }

  @Test
  void rs384AndRs512_onlyWithTheRsaFamily_cognitoStaysRs256Only() throws Exception {
    for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS384, JWSAlgorithm.RS512)) {
      JWSObject jws =
          new JWSObject(
              new JWSHeader.Builder(alg).keyID("kid-1").build(),
              new Payload(claims(ISS, NOW.getEpochSecond() + 60)));
      jws.sign(new com.nimbusds.jose.crypto.RSASSASigner(KEY.getPrivate()));
      assertThat(
              JwtVerifier.verify(
                  jws.serialize(), KEYS, Set.of(ISS), JwtVerifier.Algorithms.RSA, NOW))
          .as(alg.getName())
          .isInstanceOf(Verified.class);
      Rejected cognito = rejected(JwtVerifier.verify(jws.serialize(), KEYS, Set.of(ISS), NOW));
      assertThat(cognito.message())
          .isEqualTo("the token is signed with " + alg + "; only RS256 is accepted");
      String tampered = jws.serialize().substring(0, jws.serialize().length() - 4) + "AAAA";
      assertThat(
              rejected(
                      JwtVerifier.verify(
                          tampered, KEYS, Set.of(ISS), JwtVerifier.Algorithms.RSA, NOW))
                  .reason())
          .isEqualTo(Reason.BAD_SIGNATURE);
    }
    assertThat(JwtVerifier.verify(valid(), KEYS, Set.of(ISS), JwtVerifier.Algorithms.RSA, NOW))
        .isInstanceOf(Verified.class);
  }

  @Test
  void garbageIsMalformed() {
    for (String t : List.of("", "garbage", "a.b", "a.b.c.d", "!!!.@@@.###", "e30.e30.")) {
      Rejected r = rejected(JwtVerifier.verify(t, KEYS, Set.of(ISS), NOW));
      assertThat(r.reason()).as(t).isIn(Reason.MALFORMED, Reason.UNSUPPORTED_ALGORITHM);
    }
    assertThat(rejected(JwtVerifier.verify("a.b", KEYS, Set.of(ISS), NOW)).message())
        .isEqualTo("not a JWT: 2 segments where a signed JWT has 3");
    assertThat(rejected(JwtVerifier.verify("a.b.c.d.e", KEYS, Set.of(ISS), NOW)).reason())
        .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void theJwksDocumentRoundTripsInCognitosShape() {
    String jwks = KEYS.toJwks();
    assertThat(jwks)
        .startsWith(
            "{\"keys\":[{\"alg\":\"RS256\",\"e\":\"AQAB\",\"kid\":\"kid-1\",\"kty\":\"RSA\",\"n\":\"");
    assertThat(jwks).endsWith("\",\"use\":\"sig\"}]}");
    JwtKeys parsed = JwtKeys.parseJwks(jwks);
    assertThat(parsed.kids()).containsExactly("kid-1");
    assertThat(parsed.key("kid-1")).isEqualTo(KEY.getPublic());
    assertThat(JwtVerifier.verify(valid(), parsed, Set.of(ISS), NOW)).isInstanceOf(Verified.class);
    assertThatThrownBy(() -> JwtKeys.parseJwks("{\"nokeys\":1}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
