package dev.turnpike.snapshot;

import dev.turnpike.media.ContentHandling;
import dev.turnpike.template.CompiledTemplate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An integration response: the method status it produces, the pattern that selects it (null = the
 * default response), its response templates by content type and response parameter mappings (as
 * configured, and the {@code method.response.header.*} ones compiled in {@code headerMappings}).
 */
public record CompiledIntegrationResponse(
    int statusCode,
    @Nullable Pattern selectionPattern,
    Map<String, CompiledTemplate> templates,
    Map<String, String> responseParameters,
    List<ParameterMapping> headerMappings,
    ContentHandling contentHandling) {

  /** Compiles {@code headerMappings} from {@code responseParameters}. */
  public CompiledIntegrationResponse(
      int statusCode,
      @Nullable Pattern selectionPattern,
      Map<String, CompiledTemplate> templates,
      Map<String, String> responseParameters) {
    this(
        statusCode,
        selectionPattern,
        templates,
        responseParameters,
        ParameterMapping.withPrefix(responseParameters, "method.response.header."),
        ContentHandling.PASSTHROUGH);
  }

  /** As above, with the response's {@code contentHandling}. */
  public CompiledIntegrationResponse(
      int statusCode,
      @Nullable Pattern selectionPattern,
      Map<String, CompiledTemplate> templates,
      Map<String, String> responseParameters,
      ContentHandling contentHandling) {
    this(
        statusCode,
        selectionPattern,
        templates,
        responseParameters,
        ParameterMapping.withPrefix(responseParameters, "method.response.header."),
        contentHandling);
  }

  public CompiledIntegrationResponse {
    templates = Map.copyOf(templates);
    responseParameters = Map.copyOf(responseParameters);
    headerMappings = List.copyOf(headerMappings);
  }

  /** Whole-string Java regex match, as API Gateway applies {@code selectionPattern}. */
  public boolean selects(String value) {
    return selectionPattern != null && selectionPattern.matcher(value).matches();
  }
}
