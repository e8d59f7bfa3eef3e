package dev.turnpike.openapi;

import dev.turnpike.testkit.Fuzz;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 fuzzing: mutated OpenAPI 3 and Swagger 2 documents (JSON and YAML) are imported or
 * refused with an {@link OpenApiException} (AWS's BadRequestException); nothing else escapes.
 */
class OpenApiImportFuzzTest {
  private static byte[] resource(String name) throws Exception {
    try (InputStream in = OpenApiImportFuzzTest.class.getResourceAsStream("/openapi/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void mutatedDocuments_importedOrRefused() throws Exception {
    byte[][] valid = {
      resource("petstore-swagger.json"),
      resource("orders-oas3.yaml"),
      resource("validated-oas3.yaml"),
      resource("sam-lambda-authorizer.yaml")
    };
    Fuzz.seeded()
        .run(
            f ->
                new String(
                    f.mutate(f.oneOf(valid), 4), java.nio.charset.StandardCharsets.ISO_8859_1),
            doc -> {
              try {
                OpenApiImporter.read(
                    doc.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    "abc123",
                    ImportOptions.DEFAULTS,
                    (kind, name) -> kind + "-" + name);
              } catch (OpenApiException refused) {
                // AWS's BadRequestException
              }
            });
  }
}
