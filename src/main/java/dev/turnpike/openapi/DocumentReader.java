package dev.turnpike.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Bytes to a document tree: JSON when the first non-blank byte is <code>{</code>, YAML otherwise
 * (AWS accepts both on the same operation without a content type saying which).
 *
 * <p>Implementation notes: YAML is read with SnakeYAML's limits kept on (aliases per collection,
 * nesting depth) so an alias bomb is refused rather than expanded; the code-point limit is raised
 * to AWS's 6 MB body size. Anything that does not parse, or parses to something other than a
 * mapping with {@code swagger: "2.0"} or {@code openapi: 3.0.x}, is AWS's {@code Invalid OpenAPI
 * input.}
 */
final class DocumentReader {
  /** AWS's import body limit (spec 10.1). */
  static final int MAX_BYTES = 6 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(yamlFactory());

  private DocumentReader() {}

  private static YAMLFactory yamlFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_BYTES + 1024);
    options.setMaxAliasesForCollections(50);
    options.setNestingDepthLimit(200);
    return YAMLFactory.builder().loaderOptions(options).build();
  }

  /** The document's tree; throws {@link OpenApiException} with AWS's text when it is not one. */
  static ObjectNode read(byte[] body) {
    if (body.length > MAX_BYTES) {
      throw new OpenApiException("Request body is too large. Maximum size is 6MB.");
    }
    JsonNode node;
    try {
      node = looksLikeJson(body) ? JSON.readTree(body) : YAML.readTree(body);
    } catch (JsonProcessingException e) {
      throw OpenApiException.invalidInput();
    } catch (IOException | RuntimeException e) {
      // SnakeYAML reports its limits as unchecked exceptions.
      throw OpenApiException.invalidInput();
    }
    if (!(node instanceof ObjectNode doc)) {
      throw OpenApiException.invalidInput();
    }
    OpenApiVersion.of(doc);
    return doc;
  }

  private static boolean looksLikeJson(byte[] body) {
    for (byte b : body) {
      if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
        continue;
      }
      return b == '{';
    }
    return false;
  }
}
