package dev.turnpike.snapshot;

import dev.turnpike.media.ContentHandling;
import dev.turnpike.template.CompiledTemplate;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An integration compiled once per deployment: its type, target (URI template with {@code {param}}
 * and {@code ${stageVariables.x}} left to substitute per request), timeout, request templates by
 * content type, request parameter mappings (as configured, and compiled in {@code mappings}),
 * integration responses in selection order (patterns first, the default last), and the
 * implementation its type is bound to ({@code binding}; null when Turnpike does not serve the
 * type). {@code configurationError} is set when something could not be compiled (a broken
 * template): the method then answers API_CONFIGURATION_ERROR, as AWS does for mapping failures.
 * {@code credentials} is the integration's role ARN (or {@code arn:aws:iam::*:user/*}), null
 * without one: Lambda integrations are allowed to call a function through it.
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
    @Nullable String configurationError,
    @Nullable URI staticUri,
    RequestMappings mappings,
    @Nullable BoundIntegration binding,
    @Nullable String credentials,
    ContentHandling contentHandling) {

  /**
   * Computes {@link #staticUri()} and {@link #mappings()} from {@code uri} and {@code
   * requestParameters}; unbound.
   */
  public CompiledIntegration(
      String type,
      String httpMethod,
      String uri,
      int timeoutMillis,
      String passthroughBehavior,
      Map<String, String> requestParameters,
      Map<String, CompiledTemplate> requestTemplates,
      List<CompiledIntegrationResponse> responses,
      @Nullable String configurationError) {
    this(
        type,
        httpMethod,
        uri,
        timeoutMillis,
        passthroughBehavior,
        requestParameters,
        requestTemplates,
        responses,
        configurationError,
        staticUriOf(uri, requestParameters),
        RequestMappings.compile(requestParameters),
        null,
        null,
        ContentHandling.PASSTHROUGH);
  }

  public CompiledIntegration {
    requestParameters = Map.copyOf(requestParameters);
    requestTemplates = Map.copyOf(requestTemplates);
    responses = List.copyOf(responses);
  }

  /** This integration bound to {@code implementation} (null: the type is not served). */
  public CompiledIntegration bound(@Nullable BoundIntegration implementation) {
    return new CompiledIntegration(
        type,
        httpMethod,
        uri,
        timeoutMillis,
        passthroughBehavior,
        requestParameters,
        requestTemplates,
        responses,
        configurationError,
        staticUri,
        mappings,
        implementation,
        credentials,
        contentHandling);
  }

  /** This integration with {@code role} as its credentials. */
  public CompiledIntegration withCredentials(@Nullable String role) {
    return new CompiledIntegration(
        type,
        httpMethod,
        uri,
        timeoutMillis,
        passthroughBehavior,
        requestParameters,
        requestTemplates,
        responses,
        configurationError,
        staticUri,
        mappings,
        binding,
        role,
        contentHandling);
  }

  /** This integration with {@code handling} for its request payloads. */
  public CompiledIntegration withContentHandling(ContentHandling handling) {
    return new CompiledIntegration(
        type,
        httpMethod,
        uri,
        timeoutMillis,
        passthroughBehavior,
        requestParameters,
        requestTemplates,
        responses,
        configurationError,
        staticUri,
        mappings,
        binding,
        credentials,
        handling);
  }

  /**
   * The backend URI parsed once, when it has nothing to substitute per request (no {@code {param}},
   * no stage variable, no query-string mapping); null otherwise. Parsing it per request was 4-6% of
   * a proxied request.
   */
  static @Nullable URI staticUriOf(String uri, Map<String, String> requestParameters) {
    if (uri.isEmpty() || uri.indexOf('{') >= 0 || uri.contains("${")) {
      return null;
    }
    for (String target : requestParameters.keySet()) {
      if (target.startsWith("integration.request.querystring.")) {
        return null;
      }
    }
    try {
      URI parsed = URI.create(uri);
      String scheme = parsed.getScheme();
      return parsed.getHost() != null
              && scheme != null
              && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          ? parsed
          : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
