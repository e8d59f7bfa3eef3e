package dev.turnpike.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.turnpike.model.Authorizer;
import dev.turnpike.model.DeployedApi;
import dev.turnpike.model.Method;
import dev.turnpike.model.Model;
import dev.turnpike.model.RequestValidator;
import dev.turnpike.model.Resource;
import dev.turnpike.model.RestApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deployed REST API as an OpenAPI 3.0.1 or Swagger 2.0 document (GetExport, spec 10.5).
 *
 * <p>Implementation notes (recorded exports): Swagger has {@code host} {@code
 * {api}.execute-api.{region}.amazonaws.com}, {@code basePath} {@code /{stage}}, {@code schemes
 * [https]}; OpenAPI 3 one server {@code https://{host}/{basePath}} with the variable's default the
 * stage name, and {@code "components": {}} when there is nothing in it. {@code info.version} is the
 * API's version, else the deployment's time. Models (JSON ones only) become definitions/schemas
 * with their absolute model URLs turned back into local {@code $ref}s. Extensions appear only when
 * asked for ({@code integrations}, {@code authorizers}, or {@code apigateway} for all of them plus
 * the API-level ones). The API key is the {@code api_key} scheme, the header {@code x-api-key},
 * whatever the extensions. Deviation: models, validators and authorizers are read as they are now,
 * not as the deployment froze them (Turnpike's deployments freeze resources, methods and gateway
 * responses).
 */
public final class OpenApiExporter {
  static final String API_KEY_SCHEME = "api_key";
  static final String SIGV4_SCHEME = "sigv4";
  private static final String MODEL_URL = "https://apigateway.amazonaws.com/restapis/";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private OpenApiExporter() {}

  /** The document for {@code deployed} with the API's current models, validators, authorizers. */
  public static ObjectNode export(
      DeployedApi deployed,
      List<Model> models,
      List<RequestValidator> validators,
      List<Authorizer> authorizers,
      ExportOptions options) {
    boolean swagger = options.format() == ExportOptions.Format.SWAGGER;
    RestApi api = deployed.api();
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    String version =
        api.version() != null
            ? api.version()
            : Instant.ofEpochSecond(options.deployedAt()).toString();
    String host = api.id() + ".execute-api." + options.region() + ".amazonaws.com";
    if (swagger) {
      doc.put("swagger", "2.0");
      ObjectNode info = doc.putObject("info");
      IntegrationWriter.putIf(info, "description", api.description());
      info.put("version", version).put("title", api.name());
      doc.put("host", host).put("basePath", "/" + options.stageName());
      doc.putArray("schemes").add("https");
    } else {
      doc.put("openapi", "3.0.1");
      ObjectNode info = doc.putObject("info").put("title", api.name());
      IntegrationWriter.putIf(info, "description", api.description());
      info.put("version", version);
      ObjectNode server = doc.putArray("servers").addObject();
      server.put("url", "https://" + host + "/{basePath}");
      server.putObject("variables").putObject("basePath").put("default", options.stageName());
      if (options.apigateway() && api.disableExecuteApiEndpoint()) {
        server
            .putObject("x-amazon-apigateway-endpoint-configuration")
            .put("disableExecuteApiEndpoint", true);
      }
    }
    Map<String, String> authorizerNames = new HashMap<>();
    authorizers.forEach(a -> authorizerNames.put(a.id(), a.name()));
    Map<String, String> validatorNames = new HashMap<>();
    validators.forEach(v -> validatorNames.put(v.id(), v.name()));
    OperationWriter operations = new OperationWriter(options, authorizerNames, validatorNames);
    ObjectNode paths = doc.putObject("paths");
    boolean apiKeys = false;
    List<Resource> resources =
        deployed.resources().stream().sorted(Comparator.comparing(Resource::path)).toList();
    for (Resource r : resources) {
      if (r.resourceMethods() == null || r.resourceMethods().isEmpty()) {
        continue;
      }
      ObjectNode item = paths.putObject(r.path());
      for (Method m : r.resourceMethods().values()) {
        String key =
            m.httpMethod().equals("ANY")
                ? "x-amazon-apigateway-any-method"
                : m.httpMethod().toLowerCase(Locale.ROOT);
        item.set(key, operations.write(m));
        apiKeys |= m.apiKeyRequired();
      }
    }
    ObjectNode schemes = securitySchemes(swagger, authorizers, options, apiKeys);
    ObjectNode schemas = schemas(models, swagger);
    if (swagger) {
      if (!schemes.isEmpty()) {
        doc.set("securityDefinitions", schemes);
      }
      if (!schemas.isEmpty()) {
        doc.set("definitions", schemas);
      }
    } else {
      ObjectNode components = doc.putObject("components");
      if (!schemas.isEmpty()) {
        components.set("schemas", schemas);
      }
      if (!schemes.isEmpty()) {
        components.set("securitySchemes", schemes);
      }
    }
    if (options.apigateway()) {
      RootExtensions.write(doc, api, deployed.gatewayResponses(), validators, swagger);
    }
    return doc;
  }

  private static ObjectNode securitySchemes(
      boolean swagger, List<Authorizer> authorizers, ExportOptions options, boolean apiKeys) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (apiKeys) {
      out.putObject(API_KEY_SCHEME)
          .put("type", "apiKey")
          .put("name", "x-api-key")
          .put("in", "header");
    }
    if (!options.authorizers()) {
      return out;
    }
    out.putObject(SIGV4_SCHEME)
        .put("type", "apiKey")
        .put("name", "Authorization")
        .put("in", "header")
        .put("x-amazon-apigateway-authtype", "awsSigv4");
    for (Authorizer a : authorizers) {
      String source = a.identitySource();
      String header =
          source != null && source.startsWith("method.request.header.") && !source.contains(",")
              ? source.substring("method.request.header.".length())
              : "Unused";
      ObjectNode s = out.putObject(a.name()).put("type", "apiKey").put("name", header);
      s.put("in", "header");
      IntegrationWriter.putIf(s, "x-amazon-apigateway-authtype", a.authType());
      ObjectNode ext = s.putObject("x-amazon-apigateway-authorizer");
      ext.put("type", a.type().toLowerCase(Locale.ROOT));
      IntegrationWriter.putIf(ext, "authorizerUri", a.authorizerUri());
      IntegrationWriter.putIf(ext, "authorizerCredentials", a.authorizerCredentials());
      IntegrationWriter.putIf(ext, "identitySource", source);
      IntegrationWriter.putIf(
          ext, "identityValidationExpression", a.identityValidationExpression());
      if (a.authorizerResultTtlInSeconds() != null) {
        ext.put("authorizerResultTtlInSeconds", a.authorizerResultTtlInSeconds());
      }
      if (a.providerARNs() != null) {
        a.providerARNs().forEach(ext.putArray("providerARNs")::add);
      }
    }
    return out;
  }

  private static ObjectNode schemas(List<Model> models, boolean swagger) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    String local = swagger ? "#/definitions/" : "#/components/schemas/";
    for (Model m : models) {
      if (!m.contentType().equals("application/json") || m.schema() == null) {
        continue;
      }
      try {
        JsonNode schema = JSON.readTree(m.schema());
        localRefs(schema, local);
        out.set(m.name(), schema);
      } catch (JsonProcessingException e) {
        // A model whose schema is not JSON cannot be exported; AWS leaves it out too.
      }
    }
    return out;
  }

  /** {@code https://apigateway.amazonaws.com/restapis/{any}/models/X} back to a local ref. */
  private static void localRefs(JsonNode node, String local) {
    if (node instanceof ObjectNode o) {
      JsonNode ref = o.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith(MODEL_URL)) {
        String url = ref.asText();
        o.put("$ref", local + url.substring(url.lastIndexOf('/') + 1));
      }
      o.fields().forEachRemaining(e -> localRefs(e.getValue(), local));
    } else if (node.isArray()) {
      node.forEach(e -> localRefs(e, local));
    }
  }

  /** The document as bytes: pretty JSON, or YAML when {@code yaml}. */
  public static byte[] render(ObjectNode doc, boolean yaml) {
    try {
      return (yaml ? YAML : JSON).writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
