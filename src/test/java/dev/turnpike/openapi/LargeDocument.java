package dev.turnpike.openapi;

/** A generated OpenAPI 3 document of {@code n} resource collections (4 operations each). */
final class LargeDocument {
  private LargeDocument() {}

  static String oas3(int n) {
    StringBuilder b =
        new StringBuilder(
            "{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"large\",\"version\":\"1\"},\"paths\":{");
    for (int i = 0; i < n; i++) {
      String name = "res" + i;
      String mock =
          "\"x-amazon-apigateway-integration\":{\"type\":\"mock\",\"requestTemplates\":"
              + "{\"application/json\":\"{\\\"statusCode\\\": 200}\"},\"responses\":{\"default\":"
              + "{\"statusCode\":\"200\"}}}";
      String ok =
          "\"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":"
              + "{\"schema\":{\"$ref\":\"#/components/schemas/M"
              + i
              + "\"}}}}}";
      if (i > 0) {
        b.append(',');
      }
      b.append("\"/v1/").append(name).append("\":{\"get\":{").append(ok).append(',').append(mock);
      b.append("},\"post\":{\"requestBody\":{\"content\":{\"application/json\":{\"schema\":");
      b.append("{\"$ref\":\"#/components/schemas/M").append(i).append("\"}}}},").append(ok);
      b.append(',').append(mock).append("}},");
      b.append("\"/v1/").append(name).append("/{id}\":{\"parameters\":[{\"name\":\"id\",");
      b.append("\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"string\"}}],");
      b.append("\"get\":{").append(ok).append(',').append(mock).append("},");
      b.append("\"delete\":{\"responses\":{\"204\":{\"description\":\"gone\"}},")
          .append(mock)
          .append("}}");
    }
    b.append("},\"components\":{\"schemas\":{");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append("\"M").append(i).append("\":{\"type\":\"object\",\"properties\":{\"id\":");
      b.append("{\"type\":\"string\"},\"next\":{\"$ref\":\"#/components/schemas/M");
      b.append((i + 1) % n).append("\"}}}");
    }
    return b.append("}}}").toString();
  }
}
