package dev.turnpike.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Which of the two document formats API Gateway imports a document is. */
enum OpenApiVersion {
  SWAGGER_2("#/definitions/"),
  OPENAPI_3("#/components/schemas/");

  /** Where this format's schemas live, as a local {@code $ref} prefix. */
  final String schemaRefPrefix;

  OpenApiVersion(String schemaRefPrefix) {
    this.schemaRefPrefix = schemaRefPrefix;
  }

  /**
   * The document's version; anything but {@code swagger: "2.0"} or {@code openapi: 3.0.x} fails.
   */
  static OpenApiVersion of(ObjectNode doc) {
    JsonNode swagger = doc.get("swagger");
    if (swagger != null) {
      if ("2.0".equals(swagger.asText())) {
        return SWAGGER_2;
      }
      throw OpenApiException.invalidInput();
    }
    JsonNode openapi = doc.get("openapi");
    if (openapi != null && openapi.isTextual() && openapi.asText().startsWith("3.0")) {
      return OPENAPI_3;
    }
    throw OpenApiException.invalidInput();
  }
}
