package dev.turnpike.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.auth.jwt.JwtSigner;
import dev.turnpike.oidc.JwtAuthorizer;
import dev.turnpike.oidc.JwtOutcome;
import dev.turnpike.oidc.LocalIssuer;
import dev.turnpike.oidc.OidcKeyCache;
import dev.turnpike.oidc.OidcSettings;
import dev.turnpike.snapshot.GatewaySnapshot;
import dev.turnpike.testkit.PathRunner;
import dev.turnpike.testkit.TestExchanges;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JWT step on a real request path and event loop, the keys fetched from a local issuer on
 * 127.0.0.1 while the exchange is suspended.
 */
class HttpApiJwtTest {
  private static final KeyPair KEY = LocalIssuer.rsa();

  private ExecutorService executor;
  private LocalIssuer issuer;
  private JwtAuthorizer authorizer;

  @BeforeEach
  void start() throws Exception {
    executor = Executors.newFixedThreadPool(2);
    issuer = new LocalIssuer();
    issuer.publish(Map.of("k1", KEY));
    authorizer =
        JwtAuthorizer.compile(
            issuer.issuer(),
            List.of("orders-api"),
            List.of("$request.header.Authorization"),
            new OidcKeyCache(executor, System::nanoTime, OidcSettings.defaults()),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    issuer.close();
    executor.shutdownNow();
  }

  private String token(String scope) {
    long now = System.currentTimeMillis() / 1000;
    return JwtSigner.signRs256(
        KEY.getPrivate(),
        "k1",
        "{\"iss\":\""
            + issuer.issuer()
            + "\",\"sub\":\"u1\",\"aud\":\"orders-api\",\"scope\":\""
            + scope
            + "\",\"exp\":"
            + (now + 300)
            + ",\"iat\":"
            + (now - 5)
            + "}");
  }

  private Stage stage(List<String> scopes, AtomicReference<JwtOutcome.Authorized> seen) {
    return ex ->
        HttpApiJwt.run(
            ex,
            authorizer,
            scopes,
            (e, a) -> {
              assertThat(e.eventLoop().inEventLoop()).isTrue();
              seen.set(a);
            },
            (e, r) -> HttpApiJwt.refusal(r));
  }

  private Exchange request(String... headers) {
    return TestExchanges.of(GatewaySnapshot.empty(), "abc123", "GET", "/orders", "", headers);
  }

  @Test
  void run_firstRequest_suspendsFetchesKeysAndContinuesOnTheLoop() {
    AtomicReference<JwtOutcome.Authorized> seen = new AtomicReference<>();
    GatewayReply r =
        PathRunner.refusal(
            List.of(stage(List.of(), seen)),
            request("Authorization", "Bearer " + token("orders/read")));
    assertThat(r).isNull();
    assertThat(seen.get().claims()).containsEntry("sub", "u1");
    assertThat(issuer.hits("jwks")).isEqualTo(1);
  }

  @Test
  void run_missingScope_403WithWwwAuthenticate() {
    GatewayReply r =
        PathRunner.refusal(
            List.of(stage(List.of("orders/write"), new AtomicReference<>())),
            request("Authorization", "Bearer " + token("orders/read")));
    assertThat(r).isNotNull();
    assertThat(r.status()).isEqualTo(403);
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"message\":\"Forbidden\"}");
    assertThat(r.headers().get("www-authenticate"))
        .startsWith("Bearer scope=\"orders/write\" error=\"insufficient_scope\"");
  }

  @Test
  void run_noToken_401BearerWithoutFetching() {
    GatewayReply r =
        PathRunner.refusal(List.of(stage(List.of(), new AtomicReference<>())), request());
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.headers().get("www-authenticate")).isEqualTo("Bearer");
    assertThat(r.headers().get("content-type")).isEqualTo("application/json");
    assertThat(r.body()).hasSize(26);
    assertThat(issuer.hits("discovery")).isZero();
  }

  @Test
  void identity_headerIgnoringCaseOrQueryParameter() {
    assertThat(
            HttpApiJwt.identity(request("AUTHORIZATION", "Bearer x"), authorizer.identitySource()))
        .isEqualTo("Bearer x");
    Exchange q =
        TestExchanges.of(
            GatewaySnapshot.empty(), "abc123", "GET", "/orders?access_token=a%2Bb&x=1", "");
    assertThat(
            HttpApiJwt.identity(
                q,
                dev.turnpike.oidc.IdentitySource.parse(
                    List.of("$request.querystring.access_token"))))
        .isEqualTo("a+b");
  }
}
