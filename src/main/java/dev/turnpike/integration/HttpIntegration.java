package dev.turnpike.integration;

import dev.turnpike.counters.Ticker;
import dev.turnpike.decision.Cause;
import dev.turnpike.integration.http.BackendRequest;
import dev.turnpike.integration.http.HttpBackendClient;
import dev.turnpike.integration.http.IntegrationHeaders;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.GatewayResponses;
import dev.turnpike.pipeline.Integration;
import dev.turnpike.pipeline.ParameterSources;
import dev.turnpike.pipeline.TemplateInputs;
import dev.turnpike.snapshot.CompiledIntegration;
import dev.turnpike.snapshot.ParameterMapping;
import dev.turnpike.template.TemplateException;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP (non-proxy): only mapped parameters reach the backend (C34), the request template (or
 * passthrough) makes the body, and the integration responses map the backend's status to the
 * method's (C33: with one default response, a backend 400 becomes a client 200). Mapping {@code
 * Content-Length} or {@code Transfer-Encoding} is a configuration error → 500 (C36).
 */
final class HttpIntegration implements Integration {
  private final HttpBackendClient client;
  private final Ticker ticker;

  HttpIntegration(HttpBackendClient client, Ticker ticker) {
    this.client = client;
    this.ticker = ticker;
  }

  @Override
  public CompletableFuture<GatewayReply> invoke(
      Exchange ex, CompiledIntegration in, EventLoop loop) {
    RequestTemplates.Choice choice = RequestTemplates.choose(in, ex.headers.get("Content-Type"));
    if (choice.unsupportedMediaType()) {
      return done(
          GatewayResponses.refuse(
              ex, GatewayResponseType.UNSUPPORTED_MEDIA_TYPE, Cause.OTHER_ERROR, null));
    }
    if (in.mappings().mapsFramingHeader()) {
      return done(BackendCalls.badEndpoint(ex));
    }
    URI uri = BackendUris.resolve(ex, in, false);
    if (uri == null) {
      return done(BackendCalls.invalidEndpoint(ex));
    }
    byte[] body = ex.body;
    if (choice.template() != null) {
      try {
        body =
            choice
                .template()
                .render(TemplateInputs.of(ex, new String(ex.body, StandardCharsets.UTF_8), null))
                .getBytes(StandardCharsets.UTF_8);
      } catch (TemplateException e) {
        return done(BackendCalls.badEndpoint(ex));
      }
    }
    HttpHeaders headers =
        IntegrationHeaders.forHttpRequest(ex.api().apiId(), ex.traceId(), uri, body.length);
    for (ParameterMapping m : in.mappings().headers()) {
      String v = ParameterSources.resolveHeader(m.source(), ex, null);
      if (v != null) {
        headers.set(m.target(), v);
      }
    }
    String method =
        in.httpMethod().isEmpty() || in.httpMethod().equals("ANY") ? ex.method : in.httpMethod();
    HttpLog.request(ex, uri, "", headers, body);
    long start = ticker.read();
    return client
        .send(new BackendRequest(method, uri, headers, body, in.timeoutMillis()), loop)
        .handle(
            (response, error) -> {
              ex.integrationLatencyMillis = (ticker.read() - start) / 1_000_000;
              if (error != null) {
                return BackendCalls.failure(ex, error);
              }
              HttpLog.response(ex, response);
              GatewayReply reply =
                  ResponseSelection.respond(
                      ex,
                      in,
                      Integer.toString(response.status()),
                      new String(response.body(), StandardCharsets.UTF_8),
                      response.headers());
              reply.headers().set("X-Amzn-Trace-Id", ex.traceId());
              return reply;
            });
  }

  private static CompletableFuture<GatewayReply> done(GatewayReply reply) {
    return CompletableFuture.completedFuture(reply);
  }
}
