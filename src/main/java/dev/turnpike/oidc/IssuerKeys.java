package dev.turnpike.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.auth.jwt.JwtKeys;
import dev.turnpike.counters.Ticker;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One issuer's signing keys: {@code {issuer}/.well-known/openid-configuration} gives the {@code
 * jwks_uri}, whose JWKS gives the RSA keys by {@code kid} (http-api-jwt-authorizer.html). Shared by
 * every authorizer naming the issuer; thread-safe without locks.
 *
 * <p>Reads never block: {@link #cached()} is the last key set fetched (or null), {@link
 * #keysFor(String)} a future that is already complete whenever the cached keys do (the common
 * case). Fetches run on the {@code HttpClient}'s executor, one at a time per issuer (callers
 * arriving meanwhile share it). A token whose {@code kid} the cached keys lack forces a new JWKS
 * fetch at most once per {@link OidcSettings#unknownKidInterval()}; keys older than {@link
 * OidcSettings#refreshAfter()} are fetched again in the background while the old ones keep serving;
 * a failed fetch keeps the old keys and is answered from memory for {@link
 * OidcSettings#failureBackoff()}. A JWKS fetch that fails sends the next attempt back through
 * discovery (the {@code jwks_uri} may have moved).
 */
public final class IssuerKeys {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String issuer;
  private final URI discovery;
  private final @Nullable OidcHttp http;
  private final boolean fixed;
  private final Ticker ticker;
  private final OidcSettings settings;
  private final VerifiedTokens verified;
  // Written only by the completion of the one fetch in flight; read by any thread.
  private volatile State state = State.EMPTY;
  private final AtomicReference<@Nullable CompletableFuture<JwtKeys>> inFlight =
      new AtomicReference<>();

  IssuerKeys(String issuer, OidcHttp http, Ticker ticker, OidcSettings settings) {
    this.issuer = issuer;
    this.discovery = discoveryUri(issuer);
    this.http = http;
    this.fixed = false;
    this.ticker = ticker;
    this.settings = settings;
    this.verified = new VerifiedTokens(ticker);
  }

  private IssuerKeys(String issuer, JwtKeys keys, Ticker ticker) {
    this.issuer = issuer;
    this.discovery = discoveryUri(issuer);
    this.http = null;
    this.fixed = true;
    this.ticker = ticker;
    this.settings = OidcSettings.defaults();
    this.verified = new VerifiedTokens(ticker);
    long now = ticker.read();
    this.state = new State(keys, null, now, now, null);
  }

  /**
   * Keys known without fetching, never refreshed: an issuer Turnpike itself is (a local {@code
   * cognito-idp} user pool, whose tokens name AWS's issuer URL, which is not to be called).
   *
   * @throws IllegalArgumentException when the issuer is not an absolute http(s) URL
   */
  public static IssuerKeys fixed(String issuer, JwtKeys keys, Ticker ticker) {
    return new IssuerKeys(issuer, keys, ticker);
  }

  /** Tokens these keys already verified (signature, kid, issuer, validity period). */
  VerifiedTokens verified() {
    return verified;
  }

  /**
   * {@code {issuer}/.well-known/openid-configuration}, a trailing slash of the issuer dropped.
   *
   * @throws IllegalArgumentException when the issuer is not an absolute http(s) URL
   */
  static URI discoveryUri(String issuer) {
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    URI uri;
    try {
      uri = URI.create(base + "/.well-known/openid-configuration");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("issuer " + issuer + " is not a URL", e);
    }
    if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
        || uri.getHost() == null) {
      throw new IllegalArgumentException("issuer " + issuer + " is not an http(s) URL");
    }
    return uri;
  }

  public String issuer() {
    return issuer;
  }

  /** The last key set fetched, null before the first fetch succeeded. */
  public @Nullable JwtKeys cached() {
    return state.keys;
  }

  /**
   * The cached keys for a request that needs them now: null before the first fetch succeeded; when
   * they are older than {@link OidcSettings#refreshAfter()}, a background fetch starts and the old
   * ones are answered meanwhile.
   */
  public @Nullable JwtKeys current() {
    State s = state;
    if (s.keys != null && !fixed) {
      long now = ticker.read();
      if (now - s.fetchedAt >= settings.refreshAfter().toNanos() && !recentlyTried(s, now)) {
        fetch();
      }
    }
    return s.keys;
  }

  /** Why the last fetch failed, null when it succeeded (for doctor and explain). */
  public @Nullable String lastError() {
    return state.error;
  }

  /** Starts the first fetch if none happened yet (the snapshot calls this for new authorizers). */
  public void prefetch() {
    if (!fixed && state.keys == null && state.attemptedAt == null) {
      fetch();
    }
  }

  /**
   * Keys that should hold {@code kid}: the cached ones when they do (complete at once; a background
   * refresh starts when they are old); otherwise a fetch, unless one ran within the interval, in
   * which case the cached keys as they are (the verifier then refuses the unknown {@code kid}).
   * Fails with an {@link OidcException} when no keys could ever be had.
   */
  public CompletableFuture<JwtKeys> keysFor(String kid) {
    State s = state;
    if (fixed && s.keys != null) {
      return CompletableFuture.completedFuture(s.keys);
    }
    long now = ticker.read();
    JwtKeys keys = s.keys;
    if (keys != null && keys.key(kid) != null) {
      if (now - s.fetchedAt >= settings.refreshAfter().toNanos() && !recentlyTried(s, now)) {
        fetch();
      }
      return CompletableFuture.completedFuture(keys);
    }
    if (keys == null) {
      if (recentlyFailed(s, now)) {
        return CompletableFuture.failedFuture(new OidcException(String.valueOf(s.error)));
      }
      return fetch();
    }
    if (s.attemptedAt != null && now - s.attemptedAt < settings.unknownKidInterval().toNanos()) {
      return CompletableFuture.completedFuture(keys);
    }
    return fetch().exceptionally(e -> keys);
  }

  private boolean recentlyTried(State s, long now) {
    return s.attemptedAt != null && now - s.attemptedAt < settings.unknownKidInterval().toNanos();
  }

  private boolean recentlyFailed(State s, long now) {
    return s.error != null
        && s.attemptedAt != null
        && now - s.attemptedAt < settings.failureBackoff().toNanos();
  }

  /** The one fetch in flight for this issuer, started if there is none. */
  private CompletableFuture<JwtKeys> fetch() {
    CompletableFuture<JwtKeys> mine = new CompletableFuture<>();
    CompletableFuture<JwtKeys> running = inFlight.compareAndExchange(null, mine);
    if (running != null) {
      return running;
    }
    OidcHttp http = java.util.Objects.requireNonNull(this.http, "fixed keys are never fetched");
    State before = state;
    URI knownJwks = before.jwksUri;
    CompletableFuture<URI> jwksUri =
        knownJwks != null
            ? CompletableFuture.completedFuture(knownJwks)
            : http.get(discovery).thenApply(this::jwksUriOf);
    jwksUri
        .thenCompose(uri -> http.get(uri).thenApply(body -> new Fetched(uri, parseJwks(uri, body))))
        .whenComplete(
            (fetched, error) -> {
              long now = ticker.read();
              if (error == null) {
                state = (new State(fetched.keys, fetched.jwksUri, now, now, null));
                inFlight.set(null);
                mine.complete(fetched.keys);
              } else {
                String why = message(error);
                State s = state;
                state = (new State(s.keys, null, s.fetchedAt, now, why));
                inFlight.set(null);
                mine.completeExceptionally(new OidcException(why, error));
              }
            });
    return mine;
  }

  private URI jwksUriOf(String body) {
    JsonNode doc;
    try {
      doc = JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new OidcException(discovery + " is not JSON");
    }
    JsonNode uri = doc == null ? null : doc.get("jwks_uri");
    if (uri == null || !uri.isTextual()) {
      throw new OidcException(discovery + " has no jwks_uri");
    }
    try {
      URI u = URI.create(uri.asText());
      if (u.getScheme() == null
          || !(u.getScheme().equalsIgnoreCase("https") || u.getScheme().equalsIgnoreCase("http"))) {
        throw new OidcException(discovery + ": jwks_uri " + uri.asText() + " is not http(s)");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new OidcException(discovery + ": jwks_uri " + uri.asText() + " is not a URL");
    }
  }

  private static JwtKeys parseJwks(URI uri, String body) {
    JwtKeys keys;
    try {
      keys = JwtKeys.parseJwks(body);
    } catch (IllegalArgumentException e) {
      throw new OidcException(uri + ": " + e.getMessage());
    }
    if (keys.isEmpty()) {
      throw new OidcException(uri + " has no RSA signing key with a kid");
    }
    return keys;
  }

  private static String message(Throwable error) {
    Throwable t = error;
    while (!(t instanceof OidcException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof OidcException ? String.valueOf(t.getMessage()) : String.valueOf(t);
  }

  @Override
  public String toString() {
    State s = state;
    return "IssuerKeys[" + issuer + ", " + s.keys + (s.error == null ? "" : ", " + s.error) + "]";
  }

  private record Fetched(URI jwksUri, JwtKeys keys) {}

  /** What is known of the issuer; replaced whole, never changed in place. */
  private record State(
      @Nullable JwtKeys keys,
      @Nullable URI jwksUri,
      long fetchedAt,
      @Nullable Long attemptedAt,
      @Nullable String error) {
    static final State EMPTY = new State(null, null, 0, null, null);
  }
}
