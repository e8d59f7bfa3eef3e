package dev.turnpike.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.model.GatewayResponse;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.model.Method;
import dev.turnpike.model.Model;
import dev.turnpike.model.RequestValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Swagger 2.0 or OpenAPI 3.0 document (JSON or YAML) into an {@link ImportedApi}: the whole
 * document or nothing ({@link OpenApiException} with AWS's reason), warnings for what AWS warns
 * about.
 *
 * <p>Implementation notes (spec 10.3-10.4): {@code info.title}, {@code info.description} and {@code
 * info.version} are the API's name, description and version; every schema under {@code definitions}
 * / {@code components.schemas} is a model ({@code application/json}), its local {@code $ref}s
 * rewritten to {@code https://apigateway.amazonaws.com/restapis/{api}/models/{Name}}; root
 * extensions set the API's settings, validators and gateway responses; every path (after the
 * base-path rule) is a resource, every operation (and {@code x-amazon-apigateway-any-method} as
 * {@code ANY}) a method. Not imported: {@code x-amazon-apigateway-documentation} (Turnpike has no
 * documentation parts yet), inline (non-{@code $ref}) schemas, which AWS turns into generated
 * models.
 */
public final class OpenApiImporter {
  private static final Map<String, String> OPERATIONS = operations();
  private static final int MAX_COMPRESSION = 10_485_760;

  private OpenApiImporter() {}

  private static Map<String, String> operations() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String verb : List.of("get", "put", "post", "delete", "options", "head", "patch")) {
      m.put(verb, verb.toUpperCase(Locale.ROOT));
    }
    m.put("x-amazon-apigateway-any-method", "ANY");
    return m;
  }

  /**
   * The API {@code body} describes, for the REST API {@code apiId} (models' references name it).
   *
   * @throws OpenApiException when AWS refuses the document as a whole
   */
  public static ImportedApi read(byte[] body, String apiId, ImportOptions options, IdSource ids) {
    ObjectNode doc = DocumentReader.read(body);
    OpenApiVersion version = OpenApiVersion.of(doc);
    List<String> warnings = new ArrayList<>();
    JsonNode info = doc.get("info");

    List<Model> models = models(doc, version, apiId, ids);
    Set<String> modelNames = new LinkedHashSet<>();
    models.forEach(m -> modelNames.add(m.name()));
    List<RequestValidator> validators = validators(doc, ids);
    Map<String, String> validatorIds = new LinkedHashMap<>();
    validators.forEach(v -> validatorIds.put(v.name(), v.id()));
    SecurityReader security = new SecurityReader(doc, version, ids);
    OperationReader operations =
        new OperationReader(doc, version, modelNames, security, validatorIds);

    String base = BasePath.of(doc, version);
    Map<String, Map<String, Method>> byPath = new TreeMap<>();
    byPath.put("/", new TreeMap<>());
    Nodes.fields(doc, "paths")
        .forEach(
            (docPath, item) -> {
              if (!docPath.startsWith("/") || !item.isObject()) {
                warnings.add("Parse issue: attribute paths." + docPath + " is not a valid path");
                return;
              }
              String path = BasePath.apply(base, options.basePath(), trimSlash(docPath));
              Map<String, Method> methods = byPath.computeIfAbsent(path, p -> new TreeMap<>());
              OPERATIONS.forEach(
                  (docMethod, httpMethod) -> {
                    JsonNode op = item.get(docMethod);
                    if (op != null && op.isObject()) {
                      methods.put(
                          httpMethod,
                          operations.read(
                              docPath, path, httpMethod, docMethod, item, op, warnings));
                    }
                  });
            });
    List<ImportedApi.ImportedResource> resources = new ArrayList<>();
    byPath.forEach((p, m) -> resources.add(new ImportedApi.ImportedResource(p, m)));

    JsonNode endpoint = endpointConfiguration(doc, version);
    return new ImportedApi(
        Nodes.text(info, "title"),
        Nodes.text(info, "description"),
        Nodes.text(info, "version"),
        Nodes.textList(doc, "x-amazon-apigateway-binary-media-types"),
        compressionSize(doc),
        apiKeySource(doc),
        policy(doc),
        Nodes.bool(endpoint, "disableExecuteApiEndpoint"),
        Nodes.textList(endpoint, "vpcEndpointIds"),
        resources,
        models,
        validators,
        security.authorizers(),
        gatewayResponses(doc, warnings),
        warnings);
  }

  private static String trimSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static List<Model> models(
      ObjectNode doc, OpenApiVersion version, String apiId, IdSource ids) {
    JsonNode schemas =
        version == OpenApiVersion.SWAGGER_2
            ? doc.get("definitions")
            : doc.path("components").get("schemas");
    String modelBase = "https://apigateway.amazonaws.com/restapis/" + apiId + "/models/";
    List<Model> out = new ArrayList<>();
    Nodes.fields(schemas)
        .forEach(
            (name, schema) -> {
              JsonNode copy = schema.deepCopy();
              rewriteRefs(copy, version.schemaRefPrefix, modelBase);
              out.add(
                  new Model(
                      ids.idFor(IdSource.MODEL, name),
                      name,
                      Nodes.text(schema, "description"),
                      copy.toString(),
                      "application/json"));
            });
    return out;
  }

  /** Local schema references become the absolute model URLs API Gateway stores (recorded). */
  static void rewriteRefs(JsonNode node, String from, String to) {
    if (node instanceof ObjectNode o) {
      JsonNode ref = o.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith(from)) {
        o.put("$ref", to + ref.asText().substring(from.length()));
      }
      o.fields().forEachRemaining(e -> rewriteRefs(e.getValue(), from, to));
    } else if (node.isArray()) {
      node.forEach(e -> rewriteRefs(e, from, to));
    }
  }

  private static List<RequestValidator> validators(ObjectNode doc, IdSource ids) {
    List<RequestValidator> out = new ArrayList<>();
    Nodes.fields(doc, "x-amazon-apigateway-request-validators")
        .forEach(
            (name, v) ->
                out.add(
                    new RequestValidator(
                        ids.idFor(IdSource.VALIDATOR, name),
                        name,
                        Boolean.TRUE.equals(Nodes.bool(v, "validateRequestBody")),
                        Boolean.TRUE.equals(Nodes.bool(v, "validateRequestParameters")))));
    return out;
  }

  private static List<GatewayResponse> gatewayResponses(ObjectNode doc, List<String> warnings) {
    List<GatewayResponse> out = new ArrayList<>();
    Nodes.fields(doc, "x-amazon-apigateway-gateway-responses")
        .forEach(
            (type, r) -> {
              if (GatewayResponseType.parse(type) == null) {
                warnings.add(
                    "Parse issue: attribute x-amazon-apigateway-gateway-responses."
                        + type
                        + " is not a valid gateway response type");
                return;
              }
              Map<String, String> params = Nodes.textMap(r, "responseParameters");
              Map<String, String> templates = Nodes.textMap(r, "responseTemplates");
              out.add(
                  new GatewayResponse(
                      type,
                      Nodes.text(r, "statusCode"),
                      params == null ? Map.of() : params,
                      templates == null ? Map.of() : templates,
                      false));
            });
    return out;
  }

  private static @Nullable Integer compressionSize(ObjectNode doc) {
    JsonNode raw = doc.get("x-amazon-apigateway-minimum-compression-size");
    if (raw == null || raw.isNull()) {
      return null;
    }
    Integer size = Nodes.integer(doc, "x-amazon-apigateway-minimum-compression-size");
    if (size == null || size < 0 || size > MAX_COMPRESSION) {
      throw new OpenApiException(
          "Invalid minimum compression size, must be between 0 and 10485760");
    }
    return size;
  }

  private static @Nullable String apiKeySource(ObjectNode doc) {
    String source = Nodes.text(doc, "x-amazon-apigateway-api-key-source");
    if (source == null) {
      return null;
    }
    String upper = source.toUpperCase(Locale.ROOT);
    if (!upper.equals("HEADER") && !upper.equals("AUTHORIZER")) {
      throw new OpenApiException(
          "Invalid API Key source specified. Must be one of: [HEADER, AUTHORIZER]");
    }
    return upper;
  }

  private static @Nullable String policy(ObjectNode doc) {
    JsonNode p = doc.get("x-amazon-apigateway-policy");
    if (p == null || p.isNull()) {
      return null;
    }
    return p.isTextual() ? p.asText() : p.toString();
  }

  private static @Nullable JsonNode endpointConfiguration(ObjectNode doc, OpenApiVersion version) {
    String ext = "x-amazon-apigateway-endpoint-configuration";
    if (version == OpenApiVersion.OPENAPI_3) {
      JsonNode servers = doc.get("servers");
      if (servers != null && servers.isArray()) {
        for (JsonNode s : servers) {
          if (s.has(ext)) {
            return s.get(ext);
          }
        }
      }
    }
    return doc.get(ext);
  }
}
