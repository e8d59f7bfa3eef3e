package dev.turnpike.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import dev.turnpike.auth.jwt.JwtSigner;
import dev.turnpike.oidc.JwtOutcome.Authorized;
import dev.turnpike.oidc.JwtOutcome.Reason;
import dev.turnpike.oidc.JwtOutcome.Refused;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API JWT authorizer's rules (http-api-jwt-authorizer.html), with tokens signed by keys a
 * local issuer on 127.0.0.1 publishes.
 */
class JwtAuthorizerTest {
  private static final KeyPair K1 = LocalIssuer.rsa();
  private static final KeyPair K2 = LocalIssuer.rsa();
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final long T = NOW.getEpochSecond();
  private static final List<String> NO_SCOPES = List.of();

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private ExecutorService executor;
  private LocalIssuer issuer;
  private JwtAuthorizer authorizer;

  @BeforeEach
  void start() throws Exception {
    executor = Executors.newFixedThreadPool(2);
    issuer = new LocalIssuer();
    issuer.publish(Map.of("k1", K1));
    OidcKeyCache cache = new OidcKeyCache(executor, nanos::get, OidcSettings.defaults());
    authorizer =
        JwtAuthorizer.compile(
            issuer.issuer(),
            List.of("api://orders", "spa-client"),
            List.of("$request.header.Authorization"),
            cache,
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    issuer.close();
    executor.shutdownNow();
  }

  private String claims(String extra) {
    return "{\"iss\":\""
        + issuer.issuer()
        + "\",\"sub\":\"user-1\",\"exp\":"
        + (T + 300)
        + ",\"iat\":"
        + (T - 10)
        + (extra.isEmpty() ? "" : "," + extra)
        + "}";
  }

  private String token(String extra) {
    return JwtSigner.signRs256(K1.getPrivate(), "k1", claims("\"aud\":\"api://orders\"" + extra));
  }

  private JwtOutcome run(String identity, List<String> scopes) throws Exception {
    return authorizer.authorize(identity, scopes).get(10, TimeUnit.SECONDS);
  }

  private Refused refused(String identity, List<String> scopes) throws Exception {
    JwtOutcome o = run(identity, scopes);
    assertThat(o).isInstanceOf(Refused.class);
    Refused r = (Refused) o;
    assertThat(r.detail()).doesNotContain(identity.replace("Bearer ", ""));
    return r;
  }

  // "The identitySource can include only the token, or the token prefixed with Bearer."
  @Test
  void authorize_bearerOrBareToken_authorized() throws Exception {
    String t = token("");
    assertThat(run("Bearer " + t, NO_SCOPES)).isInstanceOf(Authorized.class);
    assertThat(run(t, NO_SCOPES)).isInstanceOf(Authorized.class);
    assertThat(run("bearer  " + t, NO_SCOPES)).isInstanceOf(Authorized.class);
  }

  // payload 2.0: claims as strings, scopes null when the route has none.
  @Test
  void authorize_valid_claimsAsTextForThe20Event() throws Exception {
    String t =
        JwtSigner.signRs256(
            K1.getPrivate(),
            "k1",
            claims(
                "\"aud\":[\"other\",\"spa-client\"],\"cognito:groups\":[\"admins\",\"users\"],"
                    + "\"email_verified\":true,\"scope\":\"orders/read openid\""));
    Authorized a = (Authorized) run("Bearer " + t, NO_SCOPES);
    assertThat(a.claims())
        .containsEntry("sub", "user-1")
        .containsEntry("exp", Long.toString(T + 300))
        .containsEntry("cognito:groups", "[admins users]")
        .containsEntry("email_verified", "true")
        .containsEntry("aud", "[other spa-client]");
    assertThat(a.claims().keySet()).startsWith("iss", "sub", "exp", "iat");
    assertThat(a.scopes()).isNull();
  }

  // No token: 401 with a bare "Bearer" challenge.
  @Test
  void authorize_noToken_401BareBearer() throws Exception {
    for (String identity : new String[] {null, "", "Bearer", "Bearer   "}) {
      Refused r = (Refused) authorizer.authorize(identity, NO_SCOPES).get(5, TimeUnit.SECONDS);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.body()).isEqualTo("{\"message\":\"Unauthorized\"}").hasSize(26);
      assertThat(r.wwwAuthenticate()).isEqualTo("Bearer");
      assertThat(r.reason()).isEqualTo(Reason.NO_TOKEN);
    }
  }

  // Two captures: "Authorization: Bearer not-a-token".
  @Test
  void authorize_notAJwt_invalidNumberOfSegments() throws Exception {
    Refused r = refused("Bearer not-a-token", NO_SCOPES);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.wwwAuthenticate())
        .isEqualTo(
            "Bearer scope=\"\" error=\"invalid_token\" error_description=\"token contains an"
                + " invalid number of segments\"");
    assertThat(issuer.hits("discovery")).isZero();
  }

  // http-api-troubleshooting-jwt.html: the www-authenticate header for a wrong audience.
  @Test
  void authorize_wrongAudience_401WithAwsDescription() throws Exception {
    String t = JwtSigner.signRs256(K1.getPrivate(), "k1", claims("\"aud\":\"someone-else\""));
    Refused r = refused("Bearer " + t, NO_SCOPES);
    assertThat(r.wwwAuthenticate())
        .isEqualTo(
            "Bearer scope=\"\" error=\"invalid_token\" error_description=\"the token does not"
                + " have a valid audience\"");
    assertThat(r.reason()).isEqualTo(Reason.WRONG_AUDIENCE);
  }

  // "API Gateway validates client_id only if aud is not present. When both aud and client_id are
  // present, API Gateway evaluates aud."
  @Test
  void authorize_clientIdOnlyWithoutAud() throws Exception {
    String clientOnly =
        JwtSigner.signRs256(K1.getPrivate(), "k1", claims("\"client_id\":\"spa-client\""));
    assertThat(run(clientOnly, NO_SCOPES)).isInstanceOf(Authorized.class);
    String both =
        JwtSigner.signRs256(
            K1.getPrivate(), "k1", claims("\"aud\":\"nope\",\"client_id\":\"spa-client\""));
    assertThat(refused(both, NO_SCOPES).reason()).isEqualTo(Reason.WRONG_AUDIENCE);
    String neither = JwtSigner.signRs256(K1.getPrivate(), "k1", claims(""));
    assertThat(refused(neither, NO_SCOPES).reason()).isEqualTo(Reason.WRONG_AUDIENCE);
  }

  // 2020 capture: expired token, the route's scope in the challenge.
  @Test
  void authorize_expired_401NamingTheRouteScope() throws Exception {
    String t =
        JwtSigner.signRs256(
            K1.getPrivate(),
            "k1",
            "{\"iss\":\""
                + issuer.issuer()
                + "\",\"aud\":\"api://orders\",\"exp\":"
                + (T - 1)
                + ",\"scope\":\"orders/read\"}");
    Refused r = refused("Bearer " + t, List.of("orders/read"));
    assertThat(r.wwwAuthenticate())
        .isEqualTo(
            "Bearer scope=\"orders/read\" error=\"invalid_token\" error_description=\"the token"
                + " has expired\"");
  }

  // The documented order checks aud before exp.
  @Test
  void authorize_expiredAndWrongAudience_reportsTheAudience() throws Exception {
    String t =
        JwtSigner.signRs256(
            K1.getPrivate(),
            "k1",
            "{\"iss\":\"" + issuer.issuer() + "\",\"aud\":\"x\",\"exp\":" + (T - 1) + "}");
    assertThat(refused(t, NO_SCOPES).reason()).isEqualTo(Reason.WRONG_AUDIENCE);
  }

  // "iss - Must match the issuer that is configured for the authorizer."
  @Test
  void authorize_otherIssuer_refused() throws Exception {
    String t =
        JwtSigner.signRs256(
            K1.getPrivate(),
            "k1",
            "{\"iss\":\"https://evil.example\",\"aud\":\"api://orders\",\"exp\":" + (T + 60) + "}");
    Refused r = refused(t, NO_SCOPES);
    assertThat(r.reason()).isEqualTo(Reason.WRONG_ISSUER);
    assertThat(r.wwwAuthenticate()).contains("error=\"invalid_token\"");
  }

  @Test
  void authorize_notYetValidOrIssuedInTheFuture_refused() throws Exception {
    assertThat(refused(token(",\"nbf\":" + (T + 60)), NO_SCOPES).reason())
        .isEqualTo(Reason.NOT_YET_VALID);
    String future =
        JwtSigner.signRs256(
            K1.getPrivate(),
            "k1",
            "{\"iss\":\""
                + issuer.issuer()
                + "\",\"aud\":\"api://orders\",\"exp\":"
                + (T + 600)
                + ",\"iat\":"
                + (T + 60)
                + "}");
    assertThat(refused(future, NO_SCOPES).reason()).isEqualTo(Reason.ISSUED_IN_FUTURE);
    assertThat(run(token(",\"nbf\":" + (T - 1)), NO_SCOPES)).isInstanceOf(Authorized.class);
  }

  @Test
  void authorize_signedByAnotherKey_badSignature() throws Exception {
    String t = JwtSigner.signRs256(K2.getPrivate(), "k1", claims("\"aud\":\"api://orders\""));
    assertThat(refused(t, NO_SCOPES).reason()).isEqualTo(Reason.BAD_SIGNATURE);
  }

  // "Currently, only RSA-based algorithms are supported."
  @Test
  void authorize_rs512Accepted_hs256Refused() throws Exception {
    JWSObject rs512 =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("k1").build(),
            new Payload(claims("\"aud\":\"api://orders\"")));
    rs512.sign(new RSASSASigner(K1.getPrivate()));
    assertThat(run(rs512.serialize(), NO_SCOPES)).isInstanceOf(Authorized.class);
    JWSObject hs =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(),
            new Payload(claims("\"aud\":\"api://orders\"")));
    hs.sign(new MACSigner(new byte[32]));
    assertThat(refused(hs.serialize(), NO_SCOPES).reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
  }

  // "kid - The token must have a header claim that matches the key in the jwks_uri that signed
  // the token." Keys rotated mid-test: the new kid is fetched, then served from the cache.
  @Test
  void authorize_keyRotatedAtTheIssuer_newKidFetchedOnce() throws Exception {
    assertThat(run(token(""), NO_SCOPES)).isInstanceOf(Authorized.class);
    issuer.publish(Map.of("k1", K1, "k2", K2));
    nanos.addAndGet(Duration.ofSeconds(11).toNanos());
    String t2 = JwtSigner.signRs256(K2.getPrivate(), "k2", claims("\"aud\":\"api://orders\""));
    assertThat(authorizer.tryNow(t2, NO_SCOPES)).isNull();
    assertThat(run(t2, NO_SCOPES)).isInstanceOf(Authorized.class);
    assertThat(authorizer.tryNow(t2, NO_SCOPES)).isInstanceOf(Authorized.class);
    assertThat(issuer.hits("jwks")).isEqualTo(2);
    issuer.publish(Map.of("k2", K2));
    nanos.addAndGet(Duration.ofSeconds(11).toNanos());
    String unknown = JwtSigner.signRs256(K1.getPrivate(), "k3", claims("\"aud\":\"x\""));
    assertThat(refused(unknown, NO_SCOPES).reason()).isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void tryNow_keysCached_answersWithoutWaiting() throws Exception {
    assertThat(authorizer.tryNow(token(""), NO_SCOPES)).isNull();
    run(token(""), NO_SCOPES);
    assertThat(authorizer.tryNow("Bearer " + token(""), NO_SCOPES)).isInstanceOf(Authorized.class);
    assertThat(authorizer.tryNow("x.y", NO_SCOPES)).isInstanceOf(Refused.class);
  }

  // "If you configure scopes for a route, the token must include at least one of the route's
  // scopes." scope (space-separated) or scp.
  @Test
  void authorize_routeScopes_anyOneOfScopeOrScp() throws Exception {
    List<String> route = List.of("orders/write", "orders/admin");
    Authorized a = (Authorized) run(token(",\"scope\":\"openid orders/write\""), route);
    assertThat(a.scopes()).containsExactly("openid", "orders/write");
    assertThat(run(token(",\"scp\":[\"orders/admin\"]"), route)).isInstanceOf(Authorized.class);
    assertThat(run(token(",\"scp\":\"orders/admin profile\""), route))
        .isInstanceOf(Authorized.class);
  }

  @Test
  void authorize_missingRouteScope_403Forbidden() throws Exception {
    Refused r = refused(token(",\"scope\":\"orders/read\""), List.of("orders/write"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("{\"message\":\"Forbidden\"}");
    assertThat(r.wwwAuthenticate())
        .startsWith("Bearer scope=\"orders/write\" error=\"insufficient_scope\"");
    assertThat(refused(token(""), List.of("orders/write")).status()).isEqualTo(403);
  }

  @Test
  void authorize_issuerDown_401KeysUnavailableNamingTheUrl() throws Exception {
    issuer.discoveryStatus = 503;
    Refused r = refused(token(""), List.of("s"));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.reason()).isEqualTo(Reason.KEYS_UNAVAILABLE);
    assertThat(r.detail()).endsWith("/.well-known/openid-configuration: HTTP 503");
    assertThat(r.wwwAuthenticate()).startsWith("Bearer scope=\"s\" error=\"invalid_token\"");
  }

  @Test
  void authorize_sameTokenAgain_servedFromVerifiedTokensUntilItExpires() throws Exception {
    AtomicLong clockMillis = new AtomicLong(NOW.toEpochMilli());
    Clock moving =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return Instant.ofEpochMilli(clockMillis.get());
          }
        };
    OidcKeyCache cache = new OidcKeyCache(executor, nanos::get, OidcSettings.defaults());
    JwtAuthorizer a =
        JwtAuthorizer.compile(
            issuer.issuer(),
            List.of("api://orders"),
            List.of("$request.header.Authorization"),
            cache,
            moving);
    String t = token(",\"scope\":\"orders/read\"");
    assertThat(a.authorize(t, NO_SCOPES).get(10, TimeUnit.SECONDS)).isInstanceOf(Authorized.class);
    assertThat(a.keys().verified().size()).isEqualTo(1);
    // A hit still checks what depends on the route.
    assertThat(((Refused) a.tryNow(t, List.of("orders/write"))).status()).isEqualTo(403);
    assertThat(a.tryNow(t, List.of("orders/read"))).isInstanceOf(Authorized.class);
    assertThat(a.keys().verified().size()).isEqualTo(1);
    // The outcome is rendered once per token, not per request.
    assertThat(a.tryNow(t, NO_SCOPES)).isSameAs(a.tryNow("Bearer " + t, NO_SCOPES));
    assertThat(a.tryNow(t, List.of("orders/read")))
        .isSameAs(a.tryNow(t, List.of("orders/read", "x")));
    // exp is T + 300: past it the cached verification no longer passes.
    clockMillis.set((T + 300) * 1000);
    Refused expired = (Refused) a.tryNow(t, NO_SCOPES);
    assertThat(expired.reason()).isEqualTo(Reason.EXPIRED);
    nanos.addAndGet(Duration.ofSeconds(301).toNanos());
    assertThat(a.keys().verified().size()).isZero();
  }

  @Test
  void identitySource_headerOrQuery_onlyOne() {
    assertThat(IdentitySource.parse(List.of("$request.header.Authorization")))
        .isEqualTo(new IdentitySource(true, "authorization"));
    assertThat(IdentitySource.parse(List.of("$request.querystring.access_token")))
        .isEqualTo(new IdentitySource(false, "access_token"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> IdentitySource.parse(List.of("$context.identity.sourceIp")))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> IdentitySource.parse(List.of("$request.header.A", "$request.header.B")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
