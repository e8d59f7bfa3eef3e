package dev.turnpike.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.model.Integration;
import dev.turnpike.model.IntegrationResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code x-amazon-apigateway-integration} to an {@link Integration}.
 *
 * <p>Implementation notes: values as AWS stores them after an import (LocalStack's AWS-recorded
 * {@code test_import_swagger_api}): {@code type} and {@code passthroughBehavior} upper-cased
 * ({@code WHEN_NO_MATCH} when absent), {@code timeoutInMillis} 29000 when absent, {@code
 * cacheKeyParameters} {@code []}, {@code connectionType} {@code INTERNET} for every type but MOCK;
 * the integration response keyed {@code default} has no {@code selectionPattern}, the others take
 * their key as it. A {@code requestParameters} value that is not a string is left out with AWS's
 * recorded warning (spec 10.1).
 */
final class IntegrationReader {
  private static final Set<String> TYPES = Set.of("HTTP", "HTTP_PROXY", "AWS", "AWS_PROXY", "MOCK");

  private IntegrationReader() {}

  /**
   * The integration at {@code path} and {@code method}, or null (with a warning) when the extension
   * names an unknown type.
   */
  static @Nullable Integration read(
      JsonNode ext, String path, String method, List<String> warnings) {
    String rawType = Nodes.text(ext, "type");
    String type = rawType == null ? "" : rawType.toUpperCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      warnings.add(
          "Unable to put integration on '"
              + method
              + "' for resource at path '"
              + path
              + "': Invalid integration type specified: "
              + rawType);
      return null;
    }
    String passthrough = Nodes.text(ext, "passthroughBehavior");
    Integer timeout = Nodes.integer(ext, "timeoutInMillis");
    String httpMethod = Nodes.text(ext, "httpMethod");
    List<String> cacheKeys = Nodes.textList(ext, "cacheKeyParameters");
    String connectionType = Nodes.text(ext, "connectionType");
    return new Integration(
        type,
        httpMethod == null ? null : httpMethod.toUpperCase(Locale.ROOT),
        Nodes.text(ext, "uri"),
        type.equals("MOCK") ? connectionType : connectionType == null ? "INTERNET" : connectionType,
        Nodes.text(ext, "connectionId"),
        Nodes.text(ext, "credentials"),
        requestParameters(ext, path, method, warnings),
        Nodes.textMap(ext, "requestTemplates"),
        passthrough == null ? "WHEN_NO_MATCH" : passthrough.toUpperCase(Locale.ROOT),
        Nodes.text(ext, "contentHandling"),
        timeout == null ? Integration.DEFAULT_TIMEOUT_MILLIS : timeout,
        Nodes.text(ext, "cacheNamespace"),
        cacheKeys == null ? List.of() : cacheKeys,
        responses(ext));
  }

  private static @Nullable Map<String, String> requestParameters(
      JsonNode ext, String path, String method, List<String> warnings) {
    Map<String, JsonNode> raw = Nodes.fields(ext, "requestParameters");
    if (raw.isEmpty()) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    raw.forEach(
        (k, v) -> {
          if (v.isTextual()) {
            out.put(k, v.asText());
          } else {
            warnings.add(
                "Invalid format for 'requestParameters'. Expected type string for property '"
                    + k
                    + "' of resource '"
                    + path
                    + "' and method '"
                    + method
                    + "' but got '"
                    + v.asText()
                    + "'");
          }
        });
    return out.isEmpty() ? null : out;
  }

  private static @Nullable Map<String, IntegrationResponse> responses(JsonNode ext) {
    Map<String, JsonNode> raw = Nodes.fields(ext, "responses");
    if (raw.isEmpty()) {
      return null;
    }
    Map<String, IntegrationResponse> out = new LinkedHashMap<>();
    raw.forEach(
        (pattern, r) -> {
          String status = Nodes.text(r, "statusCode");
          if (status == null) {
            return;
          }
          out.put(
              status,
              new IntegrationResponse(
                  status,
                  pattern.equals("default") ? null : pattern,
                  Nodes.textMap(r, "responseParameters"),
                  Nodes.textMap(r, "responseTemplates"),
                  Nodes.text(r, "contentHandling")));
        });
    return out.isEmpty() ? null : out;
  }
}
