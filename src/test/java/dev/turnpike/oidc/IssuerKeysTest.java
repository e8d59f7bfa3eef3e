package dev.turnpike.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.auth.jwt.JwtKeys;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery, JWKS caching and refresh against a real local issuer over HTTP. */
class IssuerKeysTest {
  private static final KeyPair K1 = LocalIssuer.rsa();
  private static final KeyPair K2 = LocalIssuer.rsa();

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private ExecutorService executor;
  private LocalIssuer issuer;
  private OidcKeyCache cache;

  @BeforeEach
  void start() throws Exception {
    executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "oidc-test-fetch");
              t.setDaemon(true);
              return t;
            });
    issuer = new LocalIssuer();
    issuer.publish(Map.of("k1", K1));
    cache = new OidcKeyCache(executor, nanos::get, settings(Duration.ofMillis(1500)));
  }

  private static OidcSettings settings(Duration timeout) {
    return new OidcSettings(
        timeout, 150_000, Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    issuer.close();
    executor.shutdownNow();
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  private static JwtKeys await(CompletableFuture<JwtKeys> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  @Test
  void keysFor_firstRequest_followsDiscoveryToJwksUri() throws Exception {
    IssuerKeys keys = cache.forIssuer(issuer.issuer());
    assertThat(keys.cached()).isNull();
    JwtKeys got = await(keys.keysFor("k1"));
    assertThat(got.kids()).containsExactly("k1");
    assertThat(issuer.hits("discovery")).isEqualTo(1);
    assertThat(issuer.hits("jwks")).isEqualTo(1);
    assertThat(keys.cached()).isSameAs(got);
    assertThat(keys.lastError()).isNull();
  }

  @Test
  void keysFor_cachedKid_answersAtOnceWithoutFetching() throws Exception {
    IssuerKeys keys = cache.forIssuer(issuer.issuer());
    await(keys.keysFor("k1"));
    CompletableFuture<JwtKeys> again = keys.keysFor("k1");
    assertThat(again).isDone();
    assertThat(issuer.hits("jwks")).isEqualTo(1);
  }

  @Test
  void forIssuer_trailingSlash_sameDiscoveryDocument() {
    assertThat(IssuerKeys.discoveryUri("https://idp.example.com/tenant/").toString())
        .isEqualTo("https://idp.example.com/tenant/.well-known/openid-configuration");
    assertThatThrownBy(() -> cache.forIssuer("idp.example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an http(s) URL");
    assertThat(cache.forIssuer(issuer.issuer())).isSameAs(cache.forIssuer(issuer.issuer()));
  }

  // rest-api-jwt-authorizer-keys.html: "When API Gateway receives a token signed with a key it
  // hasn't seen, it retrieves the key set again."
  @Test
  void keysFor_unknownKidAfterRotation_refetchesJwksOnly() throws Exception {
    IssuerKeys keys = cache.forIssuer(issuer.issuer());
    await(keys.keysFor("k1"));
    issuer.publish(Map.of("k1", K1, "k2", K2));
    advance(Duration.ofSeconds(11));
    JwtKeys rotated = await(keys.keysFor("k2"));
    assertThat(rotated.kids()).containsExactlyInAnyOrder("k1", "k2");
    assertThat(issuer.hits("jwks")).isEqualTo(2);
    assertThat(issuer.hits("discovery")).isEqualTo(1);
  }

  @Test
  void keysFor_floodOfUnknownKids_onefetchPerInterval() throws Exception {
    IssuerKeys keys = cache.forIssuer(issuer.issuer());
    await(keys.keysFor("k1"));
    advance(Duration.ofSeconds(11));
    List<CompletableFuture<JwtKeys>> all = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      all.add(keys.keysFor("bogus-" + i));
    }
    for (CompletableFuture<JwtKeys> f : all) {
      assertThat(await(f).kids()).containsExactly("k1");
    }
    assertThat(issuer.hits("jwks")).isEqualTo(2);
    for (int i = 0; i < 500; i++) {
      assertThat(keys.keysFor("bogus-again-" + i)).isDone();
    }
    assertThat(issuer.hits("jwks")).isEqualTo(2);
    advance(Duration.ofSeconds(10));
    await(keys.keysFor("bogus-later"));
    assertThat(issuer.hits("jwks")).isEqualTo(3);
  }

  @Test
  void keysFor_concurrentFirstRequests_shareOneFetch() throws Exception {
    issuer.delayMillis = 200;
    IssuerKeys keys = cache.forIssuer(issuer.issuer());
    List<CompletableFuture<JwtKeys>> all = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      all.add(keys.keysFor("k1"));
    }
    for (CompletableFuture<JwtKeys> f : all) {
      assertThat(await(f).kids()).containsExactly("k1");
    }
    assertThat(issuer.hits("discovery")).isEqualTo(1);
    assertThat(issuer.hits("jwks")).isEqualTo(1);
  }

  @Test
  void keysFor_completesOnTheFetchExecutorNotTheCaller() throws Exception {
    issuer.delayMillis = 100;
    AtomicReference<String> thread = new AtomicReference<>();
    cache
        .forIssuer(issuer.issuer())
        .keysFor("k1")
        .thenRun(() -> thread.set(Thread.currentThread().getName()))
        .get(10, TimeUnit.SECONDS);
    assertThat(thread.get()).isNotEqualTo(Thread.currentThread().getName());
  }

  @Test
  void current_keysOlderThanAnHour_refreshInBackgroundServingOldOnes() throws Exception {
    IssuerKeys keys = cache.forIssuer(issuer.issuer());
    JwtKeys first = await(keys.keysFor("k1"));
    issuer.publish(Map.of("k2", K2));
    advance(Duration.ofMinutes(61));
    assertThat(keys.current()).isSameAs(first);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (keys.cached() == first && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(keys.cached().kids()).containsExactly("k2");
  }

  @Test
  void keysFor_discoveryNotFound_failsNamingTheUrlAndStatus() {
    issuer.discoveryStatus = 404;
    IssuerKeys keys = cache.forIssuer(issuer.issuer());
    assertThatThrownBy(() -> await(keys.keysFor("k1")))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(OidcException.class)
        .hasMessage("GET " + issuer.issuer() + "/.well-known/openid-configuration: HTTP 404");
    assertThat(keys.lastError()).endsWith("HTTP 404");
  }

  @Test
  void keysFor_discoveryWithoutJwksUri_failsSayingSo() {
    issuer.discoveryOverride = "{\"issuer\":\"x\"}";
    assertThatThrownBy(() -> await(cache.forIssuer(issuer.issuer()).keysFor("k1")))
        .cause()
        .hasMessageEndingWith("/.well-known/openid-configuration has no jwks_uri");
  }

  @Test
  void keysFor_jwksNotJwks_failsNamingTheJwksUri() {
    issuer.jwksOverride = "<html>maintenance</html>";
    assertThatThrownBy(() -> await(cache.forIssuer(issuer.issuer()).keysFor("k1")))
        .cause()
        .hasMessageContaining("/protocol/openid-connect/certs: not a JWKS document");
  }

  @Test
  void keysFor_jwksWithoutRsaKeys_fails() {
    issuer.jwksOverride = "{\"keys\":[]}";
    assertThatThrownBy(() -> await(cache.forIssuer(issuer.issuer()).keysFor("k1")))
        .cause()
        .hasMessageEndingWith("/protocol/openid-connect/certs has no RSA signing key with a kid");
  }

  // limits.md: a JWKS of at most 150,000 bytes.
  @Test
  void keysFor_jwksLargerThanTheCap_fails() {
    issuer.jwksOverride = "{\"keys\":[],\"pad\":\"" + "x".repeat(150_001) + "\"}";
    assertThatThrownBy(() -> await(cache.forIssuer(issuer.issuer()).keysFor("k1")))
        .cause()
        .hasMessageContaining("the document is larger than 150000 bytes");
  }

  // limits.md: 1,500 ms to answer.
  @Test
  void keysFor_slowIssuer_timesOut() throws Exception {
    issuer.delayMillis = 6_000;
    OidcKeyCache quick = new OidcKeyCache(executor, nanos::get, settings(Duration.ofMillis(300)));
    long start = System.nanoTime();
    assertThatThrownBy(() -> await(quick.forIssuer(issuer.issuer()).keysFor("k1")))
        .cause()
        .hasMessageEndingWith("/.well-known/openid-configuration: timed out");
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(4_000));
  }

  @Test
  void keysFor_afterFailure_answersFromMemoryForTheBackoffThenRetries() throws Exception {
    issuer.discoveryStatus = 500;
    IssuerKeys keys = cache.forIssuer(issuer.issuer());
    assertThatThrownBy(() -> await(keys.keysFor("k1"))).cause().hasMessageEndingWith("HTTP 500");
    assertThat(keys.keysFor("k1")).isCompletedExceptionally();
    assertThat(issuer.hits("discovery")).isEqualTo(1);
    issuer.discoveryStatus = 200;
    advance(Duration.ofSeconds(6));
    assertThat(await(keys.keysFor("k1")).kids()).containsExactly("k1");
    assertThat(issuer.hits("discovery")).isEqualTo(2);
  }

  @Test
  void keysFor_jwksDownAfterSuccess_keepsOldKeysAndRediscovers() throws Exception {
    IssuerKeys keys = cache.forIssuer(issuer.issuer());
    JwtKeys first = await(keys.keysFor("k1"));
    issuer.jwksStatus = 503;
    advance(Duration.ofSeconds(11));
    assertThat(await(keys.keysFor("k9"))).isSameAs(first);
    assertThat(keys.cached()).isSameAs(first);
    assertThat(keys.lastError()).endsWith("HTTP 503");
    issuer.jwksStatus = 200;
    advance(Duration.ofSeconds(11));
    await(keys.keysFor("k9"));
    assertThat(issuer.hits("discovery")).isEqualTo(2);
  }

  @Test
  void keysFor_issuerUnreachable_failsSayingConnectionRefused() throws Exception {
    String gone = issuer.issuer();
    issuer.close();
    assertThatThrownBy(() -> await(cache.forIssuer(gone).keysFor("k1")))
        .cause()
        .hasMessageStartingWith("GET " + gone + "/.well-known/openid-configuration: ");
  }

  @Test
  void fixedKeys_areServedWithoutEverFetching_evenForAnUnknownKidOrAfterAnHour() throws Exception {
    JwtKeys keys = JwtKeys.of(Map.of("k1", (java.security.interfaces.RSAPublicKey) K1.getPublic()));
    IssuerKeys fixed = IssuerKeys.fixed(issuer.issuer(), keys, nanos::get);
    fixed.prefetch();
    assertThat(fixed.current()).isSameAs(keys);
    assertThat(await(fixed.keysFor("unknown"))).isSameAs(keys);
    advance(Duration.ofHours(2));
    assertThat(fixed.current()).isSameAs(keys);
    assertThat(issuer.hits("discovery") + issuer.hits("jwks")).isZero();
  }
}
