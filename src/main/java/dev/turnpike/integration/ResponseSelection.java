package dev.turnpike.integration;

import dev.turnpike.media.BinaryMediaTypes;
import dev.turnpike.media.ContentHandling;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.ParameterSources;
import dev.turnpike.pipeline.TemplateInputs;
import dev.turnpike.snapshot.CompiledIntegration;
import dev.turnpike.snapshot.CompiledIntegrationResponse;
import dev.turnpike.snapshot.ParameterMapping;
import dev.turnpike.template.CompiledTemplate;
import dev.turnpike.template.RenderResult;
import dev.turnpike.template.TemplateException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Integration responses for non-proxy integrations (MOCK, HTTP, AWS to Lambda): the first whose
 * {@code selectionPattern} matches the backend status (whole-string Java regex), else the default
 * one (no pattern); none → 500 API_CONFIGURATION_ERROR (spec 6.8). The chosen response's template
 * renders the body (the backend body passes through when it has none), and {@code
 * method.response.header.X} mappings set headers.
 */
final class ResponseSelection {
  private ResponseSelection() {}

  static GatewayReply respond(
      Exchange ex,
      CompiledIntegration in,
      String selector,
      String backendBody,
      @Nullable HttpHeaders backendHeaders) {
    CompiledIntegrationResponse chosen = choose(in, selector);
    return render(ex, chosen, backendBody, backendHeaders);
  }

  /**
   * As {@link #respond}, for a backend body in bytes: the chosen response's {@code contentHandling}
   * and the API's binary media types decide what reaches the client (spec 11.3); a binary result
   * passes through untemplated.
   */
  static GatewayReply respondBytes(
      Exchange ex,
      CompiledIntegration in,
      String selector,
      byte[] backendBody,
      @Nullable HttpHeaders backendHeaders) {
    CompiledIntegrationResponse chosen = choose(in, selector);
    if (chosen == null) {
      return BackendCalls.badEndpoint(ex);
    }
    BinaryMediaTypes binary = ex.stage().content().binary();
    ContentHandling.Payload payload;
    try {
      payload =
          chosen
              .contentHandling()
              .response(
                  !binary.isEmpty(),
                  binary.matches(
                      backendHeaders == null ? null : backendHeaders.get("Content-Type")),
                  binary.matches(BinaryMediaTypes.firstAccept(ex.headers.get("Accept"))),
                  backendBody);
    } catch (IllegalArgumentException e) {
      return BackendCalls.badEndpoint(ex); // text that is not base64, to be decoded
    }
    if (payload.text()) {
      return render(
          ex, chosen, new String(payload.bytes(), StandardCharsets.UTF_8), backendHeaders);
    }
    HttpHeaders headers = new DefaultHttpHeaders();
    headers.set("Content-Type", "application/json");
    mapHeaders(ex, chosen, backendHeaders, headers);
    return GatewayReply.of(chosen.statusCode(), headers, payload.bytes());
  }

  /** The first response whose pattern matches {@code selector}, else the default one; or null. */
  private static @Nullable CompiledIntegrationResponse choose(
      CompiledIntegration in, String selector) {
    for (CompiledIntegrationResponse r : in.responses()) {
      if (r.selectionPattern() == null || r.selects(selector)) {
        return r;
      }
    }
    return null;
  }

  /** The chosen response's {@code method.response.header.X} mappings, values made header-safe. */
  private static void mapHeaders(
      Exchange ex,
      CompiledIntegrationResponse chosen,
      @Nullable HttpHeaders backendHeaders,
      HttpHeaders headers) {
    for (ParameterMapping m : chosen.headerMappings()) {
      String value = ParameterSources.resolveHeader(m.source(), ex, backendHeaders);
      if (value != null) {
        headers.set(m.target(), value);
      }
    }
  }

  /**
   * The default response (no {@code selectionPattern}) alone: what a Lambda function's result
   * selects (patterns match only function errors' messages, spec 9.5).
   */
  static GatewayReply respondDefault(Exchange ex, CompiledIntegration in, String backendBody) {
    CompiledIntegrationResponse chosen = null;
    for (CompiledIntegrationResponse r : in.responses()) {
      if (r.selectionPattern() == null) {
        chosen = r;
        break;
      }
    }
    return render(ex, chosen, backendBody, null);
  }

  private static GatewayReply render(
      Exchange ex,
      @Nullable CompiledIntegrationResponse chosen,
      String backendBody,
      @Nullable HttpHeaders backendHeaders) {
    if (chosen == null) {
      return BackendCalls.badEndpoint(ex);
    }
    HttpHeaders headers = new DefaultHttpHeaders();
    headers.set("Content-Type", "application/json");
    int status = chosen.statusCode();
    String body = backendBody;
    CompiledTemplate template = chosen.templates().get("application/json");
    if (template == null && !chosen.templates().isEmpty()) {
      template = chosen.templates().values().iterator().next();
    }
    if (template != null) {
      try {
        RenderResult rendered =
            template.renderWithOverrides(TemplateInputs.of(ex, backendBody, null));
        body = rendered.body();
        if (rendered.statusOverride().isPresent()) {
          status = rendered.statusOverride().getAsInt();
        }
        rendered
            .headerOverrides()
            .forEach((n, v) -> headers.set(n, ParameterSources.headerValue(v)));
      } catch (TemplateException e) {
        return BackendCalls.badEndpoint(ex);
      }
    }
    mapHeaders(ex, chosen, backendHeaders, headers);
    return GatewayReply.of(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }
}
