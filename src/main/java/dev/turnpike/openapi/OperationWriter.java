package dev.turnpike.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.model.Integration;
import dev.turnpike.model.IntegrationResponse;
import dev.turnpike.model.Method;
import dev.turnpike.model.MethodResponse;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Method} as an operation object, in the shape API Gateway exports (spec 10.5,
 * LocalStack's AWS-recorded {@code test_export_swagger_openapi} / {@code
 * test_export_oas30_openapi}).
 *
 * <p>Implementation notes: Swagger operations carry {@code consumes} (the request models' media
 * types, else the integration's request-template types) and {@code produces} (response models' and
 * integration response templates' types); parameters are {@code type: string} ({@code schema} in
 * OpenAPI 3, where {@code required} is written only when true); a request model is a {@code body}
 * parameter named after the model (a {@code requestBody} in OpenAPI 3); every response is described
 * {@code "{code} response"}, OpenAPI 3 responses without a model carry {@code "content": {}}.
 */
final class OperationWriter {
  private static final Map<String, String> LOCATIONS =
      Map.of("querystring", "query", "header", "header", "path", "path");

  private final ExportOptions options;
  private final Map<String, String> authorizerNames;
  private final Map<String, String> validatorNames;

  OperationWriter(
      ExportOptions options,
      Map<String, String> authorizerNames,
      Map<String, String> validatorNames) {
    this.options = options;
    this.authorizerNames = authorizerNames;
    this.validatorNames = validatorNames;
  }

  private boolean swagger() {
    return options.format() == ExportOptions.Format.SWAGGER;
  }

  private String ref(String model) {
    return (swagger() ? "#/definitions/" : "#/components/schemas/") + model;
  }

  ObjectNode write(Method m) {
    ObjectNode op = JsonNodeFactory.instance.objectNode();
    IntegrationWriter.putIf(op, "operationId", m.operationName());
    Integration integration = m.methodIntegration();
    if (swagger()) {
      Set<String> consumes = new LinkedHashSet<>();
      if (m.requestModels() != null && !m.requestModels().isEmpty()) {
        consumes.addAll(m.requestModels().keySet());
      } else if (integration != null && integration.requestTemplates() != null) {
        consumes.addAll(integration.requestTemplates().keySet());
      }
      array(op, "consumes", consumes);
      array(op, "produces", produces(m, integration));
    }
    parameters(op, m);
    responses(op, m);
    security(op, m);
    if (options.integrations() && integration != null) {
      op.set("x-amazon-apigateway-integration", IntegrationWriter.write(integration));
    }
    if (options.apigateway() && m.requestValidatorId() != null) {
      String name = validatorNames.get(m.requestValidatorId());
      if (name != null) {
        op.put("x-amazon-apigateway-request-validator", name);
      }
    }
    return op;
  }

  private static Set<String> produces(Method m, @Nullable Integration integration) {
    Set<String> produces = new LinkedHashSet<>();
    if (m.methodResponses() != null) {
      for (MethodResponse r : m.methodResponses().values()) {
        if (r.responseModels() != null) {
          produces.addAll(r.responseModels().keySet());
        }
      }
    }
    if (integration != null && integration.integrationResponses() != null) {
      for (IntegrationResponse r : integration.integrationResponses().values()) {
        if (r.responseTemplates() != null) {
          produces.addAll(r.responseTemplates().keySet());
        }
      }
    }
    return produces;
  }

  private void parameters(ObjectNode op, Method m) {
    ArrayNode params = JsonNodeFactory.instance.arrayNode();
    if (m.requestParameters() != null) {
      m.requestParameters()
          .forEach(
              (key, required) -> {
                String[] parts = key.split("\\.", 4);
                if (parts.length < 4 || !LOCATIONS.containsKey(parts[2])) {
                  return;
                }
                ObjectNode p = params.addObject();
                p.put("name", parts[3]).put("in", LOCATIONS.get(parts[2]));
                if (swagger()) {
                  p.put("required", Boolean.TRUE.equals(required)).put("type", "string");
                } else {
                  if (Boolean.TRUE.equals(required)) {
                    p.put("required", true);
                  }
                  p.putObject("schema").put("type", "string");
                }
              });
    }
    Map<String, String> models = m.requestModels();
    if (models != null && !models.isEmpty()) {
      if (swagger()) {
        String model = models.values().iterator().next();
        params
            .addObject()
            .put("in", "body")
            .put("name", model)
            .put("required", true)
            .putObject("schema")
            .put("$ref", ref(model));
      } else {
        ObjectNode body = op.putObject("requestBody");
        ObjectNode content = body.putObject("content");
        models.forEach(
            (type, model) -> content.putObject(type).putObject("schema").put("$ref", ref(model)));
        body.put("required", true);
      }
    }
    if (!params.isEmpty()) {
      op.set("parameters", params);
      if (op.has("requestBody")) {
        // OpenAPI 3 lists parameters before the request body, as AWS writes it.
        op.set("requestBody", op.remove("requestBody"));
      }
    }
  }

  private void responses(ObjectNode op, Method m) {
    ObjectNode out = op.putObject("responses");
    if (m.methodResponses() == null) {
      return;
    }
    m.methodResponses()
        .forEach(
            (code, r) -> {
              ObjectNode one = out.putObject(code);
              one.put("description", code + " response");
              Map<String, String> models = r.responseModels();
              if (swagger() && models != null && !models.isEmpty()) {
                one.putObject("schema").put("$ref", ref(models.values().iterator().next()));
              }
              if (r.responseParameters() != null && !r.responseParameters().isEmpty()) {
                ObjectNode headers = one.putObject("headers");
                r.responseParameters()
                    .keySet()
                    .forEach(
                        k -> {
                          String name = k.substring(k.lastIndexOf('.') + 1);
                          ObjectNode h = headers.putObject(name);
                          if (swagger()) {
                            h.put("type", "string");
                          } else {
                            h.putObject("schema").put("type", "string");
                          }
                        });
              }
              if (!swagger()) {
                ObjectNode content = one.putObject("content");
                if (models != null) {
                  models.forEach(
                      (type, model) ->
                          content.putObject(type).putObject("schema").put("$ref", ref(model)));
                }
              }
            });
  }

  private void security(ObjectNode op, Method m) {
    ArrayNode security = JsonNodeFactory.instance.arrayNode();
    String authorizer = m.authorizerId() == null ? null : authorizerNames.get(m.authorizerId());
    if (options.authorizers() && authorizer != null) {
      ArrayNode scopes = security.addObject().putArray(authorizer);
      if (m.authorizationScopes() != null) {
        m.authorizationScopes().forEach(scopes::add);
      }
    }
    if (options.authorizers() && "AWS_IAM".equals(m.authorizationType())) {
      security.addObject().putArray(OpenApiExporter.SIGV4_SCHEME);
    }
    if (m.apiKeyRequired()) {
      security.addObject().putArray(OpenApiExporter.API_KEY_SCHEME);
    }
    if (!security.isEmpty()) {
      op.set("security", security);
    }
  }

  private static void array(ObjectNode op, String name, Set<String> values) {
    if (!values.isEmpty()) {
      values.forEach(op.putArray(name)::add);
    }
  }
}
