package dev.turnpike.openapi;

import dev.turnpike.model.Authorizer;
import dev.turnpike.model.GatewayResponse;
import dev.turnpike.model.Method;
import dev.turnpike.model.Model;
import dev.turnpike.model.RequestValidator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a document describes, ready for the control plane to store: the API's own settings (null
 * where the document says nothing), its resources by path with their methods (integrations
 * embedded; {@code cacheNamespace} left for the control plane to set to the resource id), and the
 * models, validators, authorizers and gateway responses. {@code warnings} are AWS's texts, in
 * document order.
 */
public record ImportedApi(
    @Nullable String name,
    @Nullable String description,
    @Nullable String version,
    @Nullable List<String> binaryMediaTypes,
    @Nullable Integer minimumCompressionSize,
    @Nullable String apiKeySource,
    @Nullable String policy,
    @Nullable Boolean disableExecuteApiEndpoint,
    @Nullable List<String> vpcEndpointIds,
    List<ImportedResource> resources,
    List<Model> models,
    List<RequestValidator> validators,
    List<Authorizer> authorizers,
    List<GatewayResponse> gatewayResponses,
    List<String> warnings) {

  public ImportedApi {
    resources = List.copyOf(resources);
    models = List.copyOf(models);
    validators = List.copyOf(validators);
    authorizers = List.copyOf(authorizers);
    gatewayResponses = List.copyOf(gatewayResponses);
    warnings = List.copyOf(warnings);
  }

  /**
   * A path of the document (after the base-path rule) and its methods by HTTP method ({@code ANY}
   * for {@code x-amazon-apigateway-any-method}); a path without operations has none.
   */
  public record ImportedResource(String path, Map<String, Method> methods) {
    public ImportedResource {
      methods = Map.copyOf(methods);
    }
  }
}
