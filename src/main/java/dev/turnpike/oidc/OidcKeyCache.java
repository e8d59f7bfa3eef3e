package dev.turnpike.oidc;

import dev.turnpike.counters.Ticker;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Every issuer's {@link IssuerKeys}, one per issuer URL for the process: snapshots come and go, the
 * keys (and their rate limits) stay. Built once by the composition root with an executor that is
 * not a Netty event loop.
 */
public final class OidcKeyCache {
  private final OidcHttp http;
  private final Ticker ticker;
  private final OidcSettings settings;
  private final ConcurrentHashMap<String, IssuerKeys> byIssuer = new ConcurrentHashMap<>();

  public OidcKeyCache(Executor executor, Ticker ticker, OidcSettings settings) {
    this.http = new OidcHttp(executor, settings.timeout(), settings.maxBytes());
    this.ticker = ticker;
    this.settings = settings;
  }

  /**
   * The keys of an issuer, as its tokens' {@code iss} names it.
   *
   * @throws IllegalArgumentException when the issuer is not an absolute http(s) URL
   */
  public IssuerKeys forIssuer(String issuer) {
    IssuerKeys existing = byIssuer.get(issuer);
    if (existing != null) {
      return existing;
    }
    IssuerKeys.discoveryUri(issuer); // fails here, not inside computeIfAbsent
    return byIssuer.computeIfAbsent(issuer, i -> new IssuerKeys(i, http, ticker, settings));
  }
}
