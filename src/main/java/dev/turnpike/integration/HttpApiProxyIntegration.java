package dev.turnpike.integration;

import dev.turnpike.counters.Ticker;
import dev.turnpike.decision.Cause;
import dev.turnpike.integration.http.BackendException;
import dev.turnpike.integration.http.BackendFailure;
import dev.turnpike.integration.http.BackendRequest;
import dev.turnpike.integration.http.BackendResponse;
import dev.turnpike.integration.http.HttpBackendClient;
import dev.turnpike.integration.http.IntegrationHeaders;
import dev.turnpike.integration.http.QueryText;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.HttpApiIntegration;
import dev.turnpike.pipeline.HttpApiReplies;
import dev.turnpike.pipeline.StageVariables;
import dev.turnpike.routing.RequestTarget;
import dev.turnpike.snapshot.CompiledHttpIntegration;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * {@code HTTP_PROXY} for HTTP APIs (http-api-develop-integrations-http.md): the integration URI
 * with the route's {@code {name}} path variables and {@code ${stageVariables.x}} filled in, the
 * client's query appended, the request method unless the integration names one, headers and body
 * forwarded (the same header rules as REST's proxy, {@link IntegrationHeaders}, then the route's
 * parameter mapping), the backend's status, headers and body returned. A timeout is 503 {@code
 * {"message":"Service Unavailable"}} (spec 1.6: status [REC], body [UNCONF]); an unreachable or
 * garbled backend 500 {@code {"message":"Internal Server Error"}}.
 */
final class HttpApiProxyIntegration implements HttpApiIntegration {
  private final HttpBackendClient client;
  private final Ticker ticker;

  HttpApiProxyIntegration(HttpBackendClient client, Ticker ticker) {
    this.client = client;
    this.ticker = ticker;
  }

  @Override
  public CompletableFuture<GatewayReply> invoke(
      Exchange ex, CompiledHttpIntegration in, EventLoop loop) {
    HttpApiMappings.Applied mapped = HttpApiMappings.apply(ex, in);
    URI uri = in.staticUri() != null ? in.staticUri() : resolve(ex, in.uri(), mapped.path());
    if (uri == null) {
      return CompletableFuture.completedFuture(
          HttpApiReplies.internalError(ex, Cause.CONFIGURATION_ERROR, null));
    }
    String query = mapped.query();
    boolean apart = !query.isEmpty() && QueryText.isUriQuery(query);
    if (!query.isEmpty() && !apart) {
      uri = withQuery(uri, query);
      if (uri == null) {
        return CompletableFuture.completedFuture(
            HttpApiReplies.internalError(ex, Cause.CONFIGURATION_ERROR, null));
      }
    }
    String method = in.method().equals("ANY") ? ex.method : in.method();
    HttpHeaders headers =
        IntegrationHeaders.forProxyRequest(ex.headers, ex.httpStage().apiId(), ex.traceId(), uri);
    mapped.applyHeaders(headers);
    BackendRequest request =
        new BackendRequest(method, uri, apart ? query : "", headers, ex.body, in.timeoutMillis());
    long start = ticker.read();
    return client
        .send(request, loop)
        .handle(
            (response, error) -> {
              ex.integrationLatencyMillis = (ticker.read() - start) / 1_000_000;
              if (error != null) {
                return failure(ex, error);
              }
              return reply(ex, in, response);
            });
  }

  private static GatewayReply reply(
      Exchange ex, CompiledHttpIntegration in, BackendResponse response) {
    HttpHeaders headers = IntegrationHeaders.forClientResponse(response.headers());
    int status = HttpApiMappings.applyResponse(ex, in, response.status(), headers);
    return GatewayReply.of(status, headers, response.body());
  }

  private static GatewayReply failure(Exchange ex, Throwable t) {
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (cause instanceof BackendException be && be.failure() == BackendFailure.TIMEOUT) {
      return HttpApiReplies.serviceUnavailable(ex, Cause.INTEGRATION_TIMEOUT);
    }
    return HttpApiReplies.internalError(ex, Cause.INTEGRATION_FAILURE, null);
  }

  /**
   * The backend URI: stage variables, then each {@code {name}} from the route's path parameters (as
   * sent, still percent-encoded); {@code overwritePath} (a mapping's {@code overwrite:path})
   * replaces the URI's path. Null when it does not resolve to an absolute http(s) URI or climbs out
   * of its path.
   */
  static @Nullable URI resolve(Exchange ex, String template, @Nullable String overwritePath) {
    String uri = StageVariables.substitute(template, ex.httpStage().variables());
    Map<String, String> params = ex.httpRoute == null ? Map.of() : ex.httpRoute.pathParams();
    StringBuilder b = new StringBuilder(uri.length() + 16);
    int i = 0;
    while (i < uri.length()) {
      char c = uri.charAt(i);
      int close = c == '{' ? uri.indexOf('}', i) : -1;
      if (close < 0) {
        b.append(c);
        i++;
        continue;
      }
      String name = uri.substring(i + 1, close);
      if (name.endsWith("+")) {
        name = name.substring(0, name.length() - 1);
      }
      String v = params.get(name);
      b.append(v == null ? "" : v);
      i = close + 1;
    }
    try {
      URI out = URI.create(b.toString());
      if (overwritePath != null) {
        String p = overwritePath.startsWith("/") ? overwritePath : "/" + overwritePath;
        out =
            URI.create(
                out.getScheme()
                    + "://"
                    + out.getRawAuthority()
                    + p
                    + (out.getRawQuery() == null ? "" : "?" + out.getRawQuery()));
      }
      String scheme = out.getScheme();
      String rawPath = out.getRawPath();
      if (out.getHost() == null
          || scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || (rawPath != null && RequestTarget.climbs(rawPath))) {
        return null;
      }
      return out;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static @Nullable URI withQuery(URI uri, String query) {
    try {
      String s = uri.toString();
      return URI.create(s + (uri.getRawQuery() == null ? "?" : "&") + query);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
