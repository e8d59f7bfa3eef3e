package dev.turnpike.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.model.Authorizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Security schemes ({@code securityDefinitions} / {@code components.securitySchemes}) and an
 * operation's {@code security} requirement.
 *
 * <p>Implementation notes (spec 10.3, recorded): every scheme carrying {@code
 * x-amazon-apigateway-authorizer} becomes an {@link Authorizer}, used or not; its {@code type} is
 * upper-cased, its {@code identitySource} defaults to {@code method.request.header.{name}} of the
 * scheme, {@code authType} is {@code x-amazon-apigateway-authtype}. A scheme whose authtype is
 * {@code awsSigv4} means {@code AWS_IAM}; any other {@code apiKey} scheme without an authorizer is
 * the API key ({@code apiKeyRequired}). A requirement naming an authorizer makes the method {@code
 * CUSTOM} ({@code COGNITO_USER_POOLS} for a Cognito authorizer, whose requirement's scopes become
 * {@code authorizationScopes}). The root {@code security} applies to operations without their own
 * (the 2025 recording; the older docs say it is ignored). {@code x-amazon-apigateway-auth} on the
 * operation sets {@code NONE} or {@code AWS_IAM} directly.
 */
final class SecurityReader {
  private final Map<String, Authorizer> authorizersByScheme = new LinkedHashMap<>();
  private final List<String> sigv4Schemes = new ArrayList<>();
  private final List<String> apiKeySchemes = new ArrayList<>();
  private final @Nullable JsonNode rootSecurity;

  SecurityReader(JsonNode doc, OpenApiVersion version, IdSource ids) {
    JsonNode schemes =
        version == OpenApiVersion.SWAGGER_2
            ? doc.get("securityDefinitions")
            : doc.path("components").get("securitySchemes");
    Nodes.fields(schemes)
        .forEach(
            (name, scheme) -> {
              JsonNode ext = scheme.get("x-amazon-apigateway-authorizer");
              String authType = Nodes.text(scheme, "x-amazon-apigateway-authtype");
              if (ext != null && ext.isObject()) {
                authorizersByScheme.put(name, authorizer(name, scheme, ext, authType, ids));
              } else if (authType != null && authType.equalsIgnoreCase("awsSigv4")) {
                sigv4Schemes.add(name);
              } else if ("apiKey".equals(Nodes.text(scheme, "type"))) {
                apiKeySchemes.add(name);
              }
            });
    this.rootSecurity = doc.get("security");
  }

  List<Authorizer> authorizers() {
    return List.copyOf(authorizersByScheme.values());
  }

  private static Authorizer authorizer(
      String name, JsonNode scheme, JsonNode ext, @Nullable String authType, IdSource ids) {
    String type = Nodes.text(ext, "type");
    String identitySource = Nodes.text(ext, "identitySource");
    String header = Nodes.text(scheme, "name");
    if (identitySource == null && header != null) {
      identitySource = "method.request.header." + header;
    }
    return new Authorizer(
        ids.idFor(IdSource.AUTHORIZER, name),
        name,
        type == null ? "TOKEN" : type.toUpperCase(Locale.ROOT),
        Nodes.textList(ext, "providerARNs"),
        authType,
        Nodes.text(ext, "authorizerUri"),
        Nodes.text(ext, "authorizerCredentials"),
        identitySource,
        Nodes.text(ext, "identityValidationExpression"),
        Nodes.integer(ext, "authorizerResultTtlInSeconds"));
  }

  /** What an operation's security (or the root's) means for its method. */
  MethodAuth methodAuth(JsonNode operation) {
    JsonNode auth = operation.get("x-amazon-apigateway-auth");
    String direct = Nodes.text(auth, "type");
    JsonNode security = operation.has("security") ? operation.get("security") : rootSecurity;
    String type = "NONE";
    String authorizerId = null;
    List<String> scopes = null;
    boolean apiKey = false;
    if (security != null && security.isArray()) {
      for (JsonNode requirement : security) {
        for (Map.Entry<String, JsonNode> e : Nodes.fields(requirement).entrySet()) {
          Authorizer a = authorizersByScheme.get(e.getKey());
          if (a != null) {
            type = a.type().equals("COGNITO_USER_POOLS") ? "COGNITO_USER_POOLS" : "CUSTOM";
            authorizerId = a.id();
            List<String> s = new ArrayList<>();
            e.getValue().forEach(v -> s.add(v.asText()));
            scopes = s.isEmpty() ? null : s;
          } else if (sigv4Schemes.contains(e.getKey())) {
            type = "AWS_IAM";
          } else if (apiKeySchemes.contains(e.getKey())) {
            apiKey = true;
          }
        }
      }
    }
    if (direct != null) {
      type = direct.toUpperCase(Locale.ROOT);
      authorizerId = null;
      scopes = null;
    }
    return new MethodAuth(type, authorizerId, scopes, apiKey);
  }

  /** A method's authorization fields. */
  record MethodAuth(
      String authorizationType,
      @Nullable String authorizerId,
      @Nullable List<String> authorizationScopes,
      boolean apiKeyRequired) {}
}
