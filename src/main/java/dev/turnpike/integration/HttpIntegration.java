package dev.turnpike.integration;

import dev.turnpike.counters.Ticker;
import dev.turnpike.decision.Cause;
import dev.turnpike.integration.http.BackendRequest;
import dev.turnpike.integration.http.HttpBackendClient;
import dev.turnpike.integration.http.IntegrationHeaders;
import dev.turnpike.media.ContentCoding;
import dev.turnpike.media.ContentHandling;
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
  /** What a compressed request body may expand to: the request body limit (10 MB). */
  private static final int MAX_DECOMPRESSED = 10 * 1024 * 1024;

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
    byte[] received = ex.body;
    ContentCoding coding =
        ex.stage().content().compresses()
            ? ContentCoding.ofContentEncoding(ex.headers.get("Content-Encoding"))
            : null;
    if (coding != null) {
      // With compression on, API Gateway decompresses a gzip/deflate body before mapping it (spec
      // 11.4); at most 10 MB come out, as a request body may have. [UNCONF: AWS's status for a
      // body that is not in its coding or expands past that: 415 and 413 here.]
      try {
        received = coding.decode(ex.body, MAX_DECOMPRESSED);
      } catch (ContentCoding.BadBody e) {
        return done(
            GatewayResponses.refuse(
                ex,
                e.tooLarge()
                    ? GatewayResponseType.REQUEST_TOO_LARGE
                    : GatewayResponseType.UNSUPPORTED_MEDIA_TYPE,
                Cause.OTHER_ERROR,
                null));
      }
    }
    ContentHandling.Payload payload;
    try {
      payload =
          in.contentHandling()
              .request(
                  ex.stage().content().binary().matches(ex.headers.get("Content-Type")), received);
    } catch (IllegalArgumentException e) {
      return done(BackendCalls.badEndpoint(ex)); // CONVERT_TO_BINARY of text that is not base64
    }
    byte[] body = payload.bytes();
    if (choice.template() != null && payload.text()) { // binary passes through untemplated
      try {
        body =
            choice
                .template()
                .render(TemplateInputs.of(ex, new String(body, StandardCharsets.UTF_8), null))
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
                  ResponseSelection.respondBytes(
                      ex,
                      in,
                      Integer.toString(response.status()),
                      response.body(),
                      response.headers());
              reply.headers().set("X-Amzn-Trace-Id", ex.traceId());
              return reply;
            });
  }

  private static CompletableFuture<GatewayReply> done(GatewayReply reply) {
    return CompletableFuture.completedFuture(reply);
  }
}
