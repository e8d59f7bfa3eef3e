package dev.turnpike.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.model.Integration;
import dev.turnpike.model.Method;
import dev.turnpike.model.MethodResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One operation of a path item to a {@link Method}: parameters (the path item's, overridden by the
 * operation's, {@code $ref}s followed), the request body's and responses' models, security, the
 * request validator and the integration.
 *
 * <p>Implementation notes (spec 10.3, recorded): {@code in: query|header|path} becomes {@code
 * method.request.querystring|header|path.{name}} with {@code required} as the value (path
 * parameters are always required); a body schema that is a {@code $ref} to a model becomes {@code
 * requestModels} under the operation's media type ({@code application/json} when it names none); a
 * response's headers become {@code method.response.header.{name}: false} and its schema {@code
 * responseModels}. A {@code $ref} to a model the document does not define is AWS's warning {@code
 * Parse issue: attribute paths.'{path}'({method}).….{ref} is missing}.
 */
final class OperationReader {
  private static final Map<String, String> LOCATIONS =
      Map.of("query", "querystring", "header", "header", "path", "path");

  private final Refs refs;
  private final OpenApiVersion version;
  private final Set<String> modelNames;
  private final SecurityReader security;
  private final Map<String, String> validatorIds;
  private final @Nullable String defaultValidator;
  private final @Nullable List<String> rootConsumes;
  private final @Nullable List<String> rootProduces;

  OperationReader(
      JsonNode doc,
      OpenApiVersion version,
      Set<String> modelNames,
      SecurityReader security,
      Map<String, String> validatorIds) {
    this.refs = new Refs(doc);
    this.version = version;
    this.modelNames = modelNames;
    this.security = security;
    this.validatorIds = validatorIds;
    this.defaultValidator = Nodes.text(doc, "x-amazon-apigateway-request-validator");
    this.rootConsumes = Nodes.textList(doc, "consumes");
    this.rootProduces = Nodes.textList(doc, "produces");
  }

  /**
   * The method for {@code operation} at {@code docPath} (the document's key, for warnings) served
   * at {@code path} (after the base-path rule).
   */
  Method read(
      String docPath,
      String path,
      String httpMethod,
      String docMethod,
      JsonNode pathItem,
      JsonNode operation,
      List<String> warnings) {
    Map<String, Boolean> params = new LinkedHashMap<>();
    Map<String, String> models = new LinkedHashMap<>();
    String where = "paths.'" + docPath + "'(" + docMethod + ")";
    for (JsonNode p : parameters(pathItem, operation).values()) {
      String in = Nodes.text(p, "in");
      String name = Nodes.text(p, "name");
      if (in == null || name == null) {
        continue;
      }
      if (in.equals("body")) {
        String type = first(Nodes.textList(operation, "consumes"), rootConsumes);
        putModel(
            models, type, p.get("schema"), where + ".parameters." + name + ".schema", warnings);
      } else if (LOCATIONS.containsKey(in)) {
        Boolean required = Nodes.bool(p, "required");
        params.put(
            "method.request." + LOCATIONS.get(in) + "." + name,
            in.equals("path") || Boolean.TRUE.equals(required));
      }
    }
    JsonNode body = refs.resolve(operation.get("requestBody"));
    Nodes.fields(body, "content")
        .forEach(
            (type, media) ->
                putModel(
                    models,
                    type,
                    media.get("schema"),
                    where + ".requestBody.content.schema",
                    warnings));
    SecurityReader.MethodAuth auth = security.methodAuth(operation);
    JsonNode ext = operation.get("x-amazon-apigateway-integration");
    Integration integration =
        ext != null && ext.isObject()
            ? IntegrationReader.read(ext, path, httpMethod, warnings)
            : null;
    Map<String, MethodResponse> responses = responses(operation, where, warnings);
    return new Method(
        httpMethod,
        auth.authorizationType(),
        auth.authorizerId(),
        auth.apiKeyRequired(),
        validatorId(operation, where, warnings),
        Nodes.text(operation, "operationId"),
        params.isEmpty() ? null : params,
        models.isEmpty() ? null : models,
        responses.isEmpty() ? null : responses,
        integration,
        auth.authorizationScopes());
  }

  /** Path-item parameters overridden by the operation's, keyed by location and name. */
  private Map<String, JsonNode> parameters(JsonNode pathItem, JsonNode operation) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode source :
        new JsonNode[] {pathItem.get("parameters"), operation.get("parameters")}) {
      if (source == null || !source.isArray()) {
        continue;
      }
      for (JsonNode raw : source) {
        JsonNode p = refs.resolve(raw);
        if (p != null && p.isObject()) {
          out.put(Nodes.text(p, "in") + "\u0000" + Nodes.text(p, "name"), p);
        }
      }
    }
    return out;
  }

  private Map<String, MethodResponse> responses(
      JsonNode operation, String where, List<String> warnings) {
    Map<String, MethodResponse> out = new LinkedHashMap<>();
    Nodes.fields(operation, "responses")
        .forEach(
            (code, raw) -> {
              if (!code.matches("[1-5]\\d\\d")) {
                return;
              }
              JsonNode r = refs.resolve(raw);
              Map<String, Boolean> headers = new LinkedHashMap<>();
              Nodes.fields(r, "headers")
                  .keySet()
                  .forEach(h -> headers.put("method.response.header." + h, false));
              Map<String, String> models = new LinkedHashMap<>();
              String at = where + ".responses." + code;
              if (version == OpenApiVersion.SWAGGER_2) {
                String type = first(Nodes.textList(operation, "produces"), rootProduces);
                putModel(
                    models, type, r == null ? null : r.get("schema"), at + ".schema", warnings);
              } else {
                Nodes.fields(r, "content")
                    .forEach(
                        (type, media) ->
                            putModel(
                                models,
                                type,
                                media.get("schema"),
                                at + ".content.schema",
                                warnings));
              }
              out.put(
                  code,
                  new MethodResponse(
                      code, headers.isEmpty() ? null : headers, models.isEmpty() ? null : models));
            });
    return out;
  }

  private void putModel(
      Map<String, String> models,
      String contentType,
      @Nullable JsonNode schema,
      String at,
      List<String> warnings) {
    String ref = schema == null ? null : Refs.ref(schema);
    if (ref == null) {
      return;
    }
    String name =
        ref.startsWith(version.schemaRefPrefix)
            ? ref.substring(version.schemaRefPrefix.length())
            : null;
    if (name == null || !modelNames.contains(name)) {
      warnings.add("Parse issue: attribute " + at + "." + ref + " is missing");
      return;
    }
    models.put(contentType, name);
  }

  private @Nullable String validatorId(JsonNode operation, String where, List<String> warnings) {
    String name = Nodes.text(operation, "x-amazon-apigateway-request-validator");
    if (name == null) {
      name = defaultValidator;
    }
    if (name == null) {
      return null;
    }
    String id = validatorIds.get(name);
    if (id == null) {
      warnings.add(
          "Parse issue: attribute "
              + where
              + ".x-amazon-apigateway-request-validator."
              + name
              + " is missing");
    }
    return id;
  }

  private static String first(@Nullable List<String> own, @Nullable List<String> root) {
    List<String> types = own != null && !own.isEmpty() ? own : root;
    return types == null || types.isEmpty()
        ? "application/json"
        : types.get(0).toLowerCase(Locale.ROOT);
  }
}
