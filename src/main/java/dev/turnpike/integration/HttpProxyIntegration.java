package dev.turnpike.integration;

import dev.turnpike.counters.Ticker;
import dev.turnpike.integration.http.BackendRequest;
import dev.turnpike.integration.http.BackendResponse;
import dev.turnpike.integration.http.HttpBackendClient;
import dev.turnpike.integration.http.IntegrationHeaders;
import dev.turnpike.integration.http.QueryText;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.Integration;
import dev.turnpike.snapshot.CompiledIntegration;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP_PROXY: method, resolved path, query, headers and body go to the backend; its status, headers
 * (with AWS's remapping, spec 6.7) and body come back unchanged (C32, C35, C37). No X-Amzn-Trace-Id
 * on success (C08 family).
 */
final class HttpProxyIntegration implements Integration {
  /**
   * As AWS spells it on the response; an AsciiString so its hash is computed once, not per lookup.
   */
  private static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");

  private final HttpBackendClient client;
  private final Ticker ticker;

  HttpProxyIntegration(HttpBackendClient client, Ticker ticker) {
    this.client = client;
    this.ticker = ticker;
  }

  @Override
  public CompletableFuture<GatewayReply> invoke(
      Exchange ex, CompiledIntegration in, EventLoop loop) {
    URI fixed = in.staticUri();
    // The usual case: a fixed endpoint and the client's query forwarded as sent, kept apart from
    // the URI (building
    // a java.net.URI around a presigned query was 5 % of a signed request's CPU). Anything else is
    // resolved whole.
    boolean apart = fixed != null && !ex.rawQuery.isEmpty() && QueryText.isUriQuery(ex.rawQuery);
    URI uri = apart ? fixed : BackendUris.resolve(ex, in, true);
    if (uri == null) {
      return CompletableFuture.completedFuture(BackendCalls.invalidEndpoint(ex));
    }
    String method =
        in.httpMethod().isEmpty() || in.httpMethod().equals("ANY") ? ex.method : in.httpMethod();
    HttpHeaders headers =
        IntegrationHeaders.forProxyRequest(ex.headers, ex.api().apiId(), ex.traceId(), uri);
    BackendRequest request =
        new BackendRequest(
            method, uri, apart ? ex.rawQuery : "", headers, ex.body, in.timeoutMillis());
    HttpLog.request(ex, uri, apart ? ex.rawQuery : "", headers, ex.body);
    long start = ticker.read();
    return client
        .send(request, loop)
        .handle(
            (response, error) -> {
              ex.integrationLatencyMillis = (ticker.read() - start) / 1_000_000;
              if (error != null) {
                return BackendCalls.failure(ex, error);
              }
              HttpLog.response(ex, response);
              return reply(response);
            });
  }

  private static GatewayReply reply(BackendResponse response) {
    HttpHeaders headers = IntegrationHeaders.forClientResponse(response.headers());
    if (!headers.contains(CONTENT_TYPE)) {
      headers.set(CONTENT_TYPE, "application/json");
    }
    return GatewayReply.of(response.status(), headers, response.body());
  }
}
