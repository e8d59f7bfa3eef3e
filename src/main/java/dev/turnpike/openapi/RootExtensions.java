package dev.turnpike.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.model.GatewayResponse;
import dev.turnpike.model.RequestValidator;
import dev.turnpike.model.RestApi;
import java.util.List;

/**
 * The API-level extensions {@code extensions=apigateway} exports (spec 10.4): binary media types
 * (recorded), API key source, minimum compression size, the resource policy (as JSON), request
 * validators, customized gateway responses, and for Swagger the endpoint configuration.
 */
final class RootExtensions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RootExtensions() {}

  static void write(
      ObjectNode doc,
      RestApi api,
      List<GatewayResponse> gatewayResponses,
      List<RequestValidator> validators,
      boolean swagger) {
    if (api.binaryMediaTypes() != null && !api.binaryMediaTypes().isEmpty()) {
      api.binaryMediaTypes().forEach(doc.putArray("x-amazon-apigateway-binary-media-types")::add);
    }
    doc.put("x-amazon-apigateway-api-key-source", api.apiKeySource());
    if (api.minimumCompressionSize() != null) {
      doc.put("x-amazon-apigateway-minimum-compression-size", api.minimumCompressionSize());
    }
    if (api.policy() != null && !api.policy().isBlank()) {
      try {
        doc.set("x-amazon-apigateway-policy", JSON.readTree(api.policy()));
      } catch (JsonProcessingException e) {
        doc.put("x-amazon-apigateway-policy", api.policy());
      }
    }
    if (!validators.isEmpty()) {
      ObjectNode v = doc.putObject("x-amazon-apigateway-request-validators");
      validators.forEach(
          rv ->
              v.putObject(rv.name())
                  .put("validateRequestBody", rv.validateRequestBody())
                  .put("validateRequestParameters", rv.validateRequestParameters()));
    }
    if (!gatewayResponses.isEmpty()) {
      ObjectNode g = doc.putObject("x-amazon-apigateway-gateway-responses");
      for (GatewayResponse r : gatewayResponses) {
        ObjectNode one = g.putObject(r.responseType());
        IntegrationWriter.putIf(one, "statusCode", r.statusCode());
        IntegrationWriter.putMap(one, "responseParameters", r.responseParameters());
        IntegrationWriter.putMap(one, "responseTemplates", r.responseTemplates());
      }
    }
    if (swagger && api.disableExecuteApiEndpoint()) {
      doc.putObject("x-amazon-apigateway-endpoint-configuration")
          .put("disableExecuteApiEndpoint", true);
    }
  }
}
