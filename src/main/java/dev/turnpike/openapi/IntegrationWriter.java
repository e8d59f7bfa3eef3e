package dev.turnpike.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.model.Integration;
import dev.turnpike.model.IntegrationResponse;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An {@link Integration} as {@code x-amazon-apigateway-integration} (spec 10.5, recorded exports):
 * {@code type} and {@code passthroughBehavior} lower-case, the response without a selection pattern
 * keyed {@code default}; values equal to API Gateway's defaults ({@code timeoutInMillis} 29000,
 * {@code INTERNET}, empty cache keys, the resource-id cache namespace) left out, so a re-import
 * fills them the same way.
 */
final class IntegrationWriter {
  private IntegrationWriter() {}

  static ObjectNode write(Integration i) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("type", i.type().toLowerCase(Locale.ROOT));
    putIf(out, "httpMethod", i.httpMethod());
    putIf(out, "uri", i.uri());
    putIf(out, "credentials", i.credentials());
    Map<String, IntegrationResponse> responses = i.integrationResponses();
    if (responses != null && !responses.isEmpty()) {
      ObjectNode r = out.putObject("responses");
      responses
          .values()
          .forEach(
              ir -> {
                ObjectNode one =
                    r.putObject(ir.selectionPattern() == null ? "default" : ir.selectionPattern());
                one.put("statusCode", ir.statusCode());
                putMap(one, "responseParameters", ir.responseParameters());
                putMap(one, "responseTemplates", ir.responseTemplates());
                putIf(one, "contentHandling", ir.contentHandling());
              });
    }
    putMap(out, "requestParameters", i.requestParameters());
    putMap(out, "requestTemplates", i.requestTemplates());
    if (i.passthroughBehavior() != null) {
      out.put("passthroughBehavior", i.passthroughBehavior().toLowerCase(Locale.ROOT));
    }
    putIf(out, "contentHandling", i.contentHandling());
    if (i.timeoutInMillis() != Integration.DEFAULT_TIMEOUT_MILLIS) {
      out.put("timeoutInMillis", i.timeoutInMillis());
    }
    if ("VPC_LINK".equals(i.connectionType())) {
      out.put("connectionType", i.connectionType());
      putIf(out, "connectionId", i.connectionId());
    }
    if (i.cacheKeyParameters() != null && !i.cacheKeyParameters().isEmpty()) {
      i.cacheKeyParameters().forEach(out.putArray("cacheKeyParameters")::add);
    }
    return out;
  }

  static void putIf(ObjectNode out, String name, @Nullable String value) {
    if (value != null) {
      out.put(name, value);
    }
  }

  static void putMap(ObjectNode out, String name, @Nullable Map<String, String> map) {
    if (map != null && !map.isEmpty()) {
      ObjectNode m = out.putObject(name);
      map.forEach(m::put);
    }
  }
}
