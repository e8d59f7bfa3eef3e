package dev.turnpike.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.turnpike.model.Model;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One deployment's models as JSON Schema draft 4 (the version API Gateway's models use), compiled
 * on first use while the deployment compiles and never on the request path. A model refers to
 * another of the same API by AWS's canonical address {@code
 * https://apigateway.amazonaws.com/restapis/{api}/models/{Name}}; the registry answers those
 * addresses from the deployment's own models and fetches nothing: remote fetching is off, so a
 * schema can never make the gateway open a connection.
 */
public final class ApiModels {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String apiId;
  private final Map<String, Model> byName = new HashMap<>();
  private final Map<String, String> byAddress = new HashMap<>();
  private final Map<String, BodySchema> compiled = new HashMap<>();
  private final SchemaRegistry registry;
  private final List<String> problems;

  /** {@code problems} collects what could not be compiled, for the compiler's log. */
  public ApiModels(String apiId, List<Model> models, List<String> problems) {
    this.apiId = apiId;
    this.problems = problems;
    for (Model m : models) {
      byName.put(m.name(), m);
      if (m.schema() != null) {
        byAddress.put(address(apiId, m.name()), m.schema());
      }
    }
    this.registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_4,
            b ->
                b.schemas(byAddress::get)
                    .schemaLoader(loader -> loader.fetchRemoteResources(false)));
  }

  /** AWS's address of a model, the form {@code $ref}s between models use. */
  public static String address(String apiId, String modelName) {
    return "https://apigateway.amazonaws.com/restapis/" + apiId + "/models/" + modelName;
  }

  /** The compiled model named {@code name}, null when the API has no such model. */
  public @Nullable BodySchema body(String name) {
    BodySchema done = compiled.get(name);
    if (done != null) {
      return done;
    }
    Model m = byName.get(name);
    if (m == null) {
      return null;
    }
    BodySchema b = compile(m);
    compiled.put(name, b);
    return b;
  }

  /**
   * The first absolute {@code $ref} that names no model of this API, null when there is none. The
   * registry would resolve references lazily, on the first request that reaches one; checking here
   * keeps that failure out of the request path.
   */
  private @Nullable String unresolvedReference(JsonNode node) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        String target = ref.asText();
        int hash = target.indexOf('#');
        String document = hash < 0 ? target : target.substring(0, hash);
        if (document.contains("://") && !byAddress.containsKey(document)) {
          return target;
        }
      }
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        String found = unresolvedReference(child);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private BodySchema compile(Model m) {
    String error;
    try {
      JsonNode tree = m.schema() == null ? null : MAPPER.readTree(m.schema());
      if (tree == null || !tree.isObject()) {
        error = "model " + m.name() + " has no JSON schema";
      } else {
        String unresolved = unresolvedReference(tree);
        if (unresolved == null) {
          Schema schema = registry.getSchema(SchemaLocation.of(address(apiId, m.name())), tree);
          // Every keyword and reference is set up here, on the snapshot thread: requests on the
          // event loops then only read the compiled schema.
          schema.initializeValidators();
          return new BodySchema(m.name(), m.contentType(), schema, null);
        }
        error = "model " + m.name() + " refers to " + unresolved + ", not a model of this API";
      }
    } catch (JsonProcessingException e) {
      error = "model " + m.name() + " is not JSON: " + e.getOriginalMessage();
    } catch (RuntimeException e) {
      error = "model " + m.name() + " could not be compiled: " + e.getMessage();
    }
    problems.add(error);
    return new BodySchema(m.name(), m.contentType(), null, error);
  }
}
