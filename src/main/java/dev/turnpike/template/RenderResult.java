package dev.turnpike.template;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What one rendering produced: the body text and the overrides the template set through {@code
 * #set($context.responseOverride.status = 400)} and {@code
 * #set($context.responseOverride.header.Name = 'value')}.
 *
 * <p>See "Use a mapping template to override an API's request and response parameters and status
 * codes" (AWS API Gateway developer guide, {@code
 * apigateway-override-request-response-parameters}).
 *
 * @param body the rendered text
 * @param statusOverride the status the template set, or empty when it set none
 * @param headerOverrides header name (as written in the template) to value, in the order set
 */
public record RenderResult(
    String body, OptionalInt statusOverride, Map<String, String> headerOverrides) {

  /** Validates and copies; the header map keeps the template's order and is unmodifiable. */
  public RenderResult {
    requireNonNull(body, "body");
    requireNonNull(statusOverride, "statusOverride");
    headerOverrides =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(requireNonNull(headerOverrides, "headerOverrides")));
  }
}
