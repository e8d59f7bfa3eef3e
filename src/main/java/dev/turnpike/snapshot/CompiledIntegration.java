package dev.turnpike.snapshot;

import dev.turnpike.integration.template.CompiledTemplate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An integration compiled once per deployment: its type, target (URI template with {@code {param}} and
 * {@code ${stageVariables.x}} left to substitute per request), timeout, request templates by content type, request
 * parameter mappings, and integration responses in selection order (patterns first, the default last).
 * {@code configurationError} is set when something could not be compiled (a broken template): the method then
 * answers API_CONFIGURATION_ERROR, as AWS does for mapping failures.
 */
public record CompiledIntegration(
    String type,
    String httpMethod,
    String uri,
    int timeoutMillis,
    String passthroughBehavior,
    Map<String, String> requestParameters,
    Map<String, CompiledTemplate> requestTemplates,
    List<CompiledIntegrationResponse> responses,
    @Nullable String configurationError) {

  public CompiledIntegration {
    requestParameters = Map.copyOf(requestParameters);
    requestTemplates = Map.copyOf(requestTemplates);
    responses = List.copyOf(responses);
  }
}
