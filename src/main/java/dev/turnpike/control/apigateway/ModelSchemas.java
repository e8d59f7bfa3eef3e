package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.model.Model;
import dev.turnpike.store.Documents;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/**
 * Model schemas as the control plane reads them: {@code GetModel?flatten=true} resolves the
 * references to the API's other models (the canonical form {@code
 * https://apigateway.amazonaws.com/restapis/{api}/models/{Name}}) into one self-contained schema.
 * Each referenced model is put once under {@code definitions} and every reference to it becomes
 * {@code #/definitions/{Name}}, so recursive models flatten too [UNCONF: AWS's exact layout of a
 * flattened model is not recorded].
 */
final class ModelSchemas {
  private ModelSchemas() {}

  static String canonicalPrefix(String apiId) {
    return "https://apigateway.amazonaws.com/restapis/" + apiId + "/models/";
  }

  /** The schema text as a tree; an unreadable one (stored before checks existed) as {@code {}}. */
  static JsonNode parse(String schema) {
    try {
      JsonNode n = Documents.MAPPER.readTree(schema);
      return n == null ? Documents.MAPPER.createObjectNode() : n;
    } catch (JsonProcessingException e) {
      return Documents.MAPPER.createObjectNode();
    }
  }

  static String flatten(String apiId, String schema, List<Model> models) {
    Map<String, Model> byName = new HashMap<>();
    for (Model m : models) {
      byName.put(m.name(), m);
    }
    String prefix = canonicalPrefix(apiId);
    JsonNode root = parse(schema);
    Map<String, JsonNode> definitions = new LinkedHashMap<>();
    Deque<String> pending = new ArrayDeque<>();
    rewrite(root, prefix, byName, pending);
    while (!pending.isEmpty()) {
      String name = pending.removeFirst();
      if (definitions.containsKey(name)) {
        continue;
      }
      Model m = byName.get(name);
      JsonNode sub = m == null || m.schema() == null ? null : parse(m.schema());
      if (sub == null) {
        continue;
      }
      if (sub instanceof ObjectNode o) {
        o.remove("$schema");
      }
      definitions.put(name, sub);
      rewrite(sub, prefix, byName, pending);
    }
    if (!definitions.isEmpty() && root instanceof ObjectNode o) {
      ObjectNode defs =
          o.get("definitions") instanceof ObjectNode existing
              ? existing
              : o.putObject("definitions");
      for (Entry<String, JsonNode> e : definitions.entrySet()) {
        if (!defs.has(e.getKey())) {
          defs.set(e.getKey(), e.getValue());
        }
      }
    }
    return root.toString();
  }

  /** Rewrites canonical references in place and queues the models they name. */
  private static void rewrite(
      JsonNode node, String prefix, Map<String, Model> byName, Deque<String> pending) {
    if (node instanceof ObjectNode o) {
      JsonNode ref = o.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith(prefix)) {
        String name = ref.asText().substring(prefix.length());
        if (byName.containsKey(name)) {
          o.put("$ref", "#/definitions/" + name);
          pending.addLast(name);
        }
      }
      for (Entry<String, JsonNode> e : o.properties()) {
        rewrite(e.getValue(), prefix, byName, pending);
      }
    } else if (node instanceof ArrayNode a) {
      for (JsonNode item : a) {
        rewrite(item, prefix, byName, pending);
      }
    }
  }
}
