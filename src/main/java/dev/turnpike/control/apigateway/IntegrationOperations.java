package dev.turnpike.control.apigateway;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.MapEntries;
import dev.turnpike.control.Operation;
import dev.turnpike.control.PatchApplier;
import dev.turnpike.control.PatchApplier.Kind;
import dev.turnpike.control.PatchOperation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.Integration;
import dev.turnpike.model.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * PutIntegration, GetIntegration, UpdateIntegration, DeleteIntegration. The integration is embedded
 * in its method ({@code methodIntegration}).
 *
 * <p>Implementation notes: defaults as AWS fills them (LocalStack snapshots {@code
 * test_create_integration_with_vpc_link}, {@code test_lifecycle_integration_response}): {@code
 * timeoutInMillis} 29000, {@code passthroughBehavior} WHEN_NO_MATCH, {@code cacheNamespace} = the
 * resource id, {@code cacheKeyParameters} []. {@code connectionType} INTERNET is filled for every
 * type but MOCK, whose recorded output has none. HTTP URIs may carry {@code {path}} and {@code
 * ${stageVariables.x}} placeholders
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/aws-api-gateway-stage-variables-reference.html),
 * so they are checked with the placeholders stood in for. PutIntegration replaces an existing
 * integration whole, integration responses included.
 */
final class IntegrationOperations {
  private static final Set<String> PASSTHROUGH =
      Set.of("WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER");
  private static final Set<String> CONTENT_HANDLING =
      Set.of("CONVERT_TO_BINARY", "CONVERT_TO_TEXT");
  private static final PatchApplier PATCHES =
      PatchApplier.listing()
          .allow("/uri", Kind.STRING)
          .allow("/httpMethod", Kind.STRING)
          .allow("/type", Kind.STRING)
          .allow("/timeoutInMillis", Kind.INT)
          .allow("/passthroughBehavior", Kind.STRING)
          .allow("/contentHandling", Kind.STRING)
          .allow("/connectionType", Kind.STRING)
          .allow("/connectionId", Kind.STRING)
          .allow("/credentials", Kind.STRING)
          .allow("/cacheNamespace", Kind.STRING)
          .map("/requestTemplates", MapEntries.strings())
          .map("/requestParameters", MapEntries.strings())
          .allow("/cacheKeyParameters/*", Kind.LIST_VALUE);

  private final ApiRepository repo;

  IntegrationOperations(ApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    String uri = "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration";
    routes
        .add("PUT", uri, this::put)
        .add("GET", uri, this::get)
        .add("PATCH", uri, this::update)
        .add("DELETE", uri, this::delete);
  }

  private ControlResponse put(ApiCall call) {
    ApiRepository.MethodAddress at = repo.address(call);
    Method m = at.method();
    ObjectNode body = call.body();
    String type = Bodies.string(body, "type");
    validateType(type);
    Integer timeout = Bodies.integer(body, "timeoutInMillis");
    List<String> cacheKeys = Bodies.stringList(body, "cacheKeyParameters");
    String cacheNamespace = Bodies.string(body, "cacheNamespace");
    String connectionType = Bodies.string(body, "connectionType");
    if (connectionType == null && !"MOCK".equals(type)) {
      connectionType = "INTERNET";
    }
    String passthrough = Bodies.string(body, "passthroughBehavior");
    String integrationMethod = Bodies.string(body, "httpMethod");
    Integration i =
        new Integration(
            requireNonNull(type, "type"),
            integrationMethod == null ? null : integrationMethod.toUpperCase(Locale.ROOT),
            Bodies.string(body, "uri"),
            connectionType,
            Bodies.string(body, "connectionId"),
            Bodies.string(body, "credentials"),
            Bodies.stringMap(body, "requestParameters"),
            Bodies.stringMap(body, "requestTemplates"),
            passthrough == null ? "WHEN_NO_MATCH" : passthrough,
            Bodies.string(body, "contentHandling"),
            timeout == null ? Integration.DEFAULT_TIMEOUT_MILLIS : timeout,
            cacheNamespace == null ? at.resource().id() : cacheNamespace,
            cacheKeys == null ? List.of() : cacheKeys,
            null);
    validate(i);
    repo.saveMethod(at, m.withIntegration(i));
    return Bodies.json(201, i);
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(200, integration(repo.address(call).method()));
  }

  private ControlResponse update(ApiCall call) {
    ApiRepository.MethodAddress at = repo.address(call);
    Method m = at.method();
    Integration updated =
        Bodies.patch(
            integration(m),
            Integration.class,
            PATCHES,
            PatchOperation.listFrom(call.body(), "updateIntegrationInput"));
    validate(updated);
    repo.saveMethod(at, m.withIntegration(updated));
    return Bodies.json(200, updated);
  }

  private ControlResponse delete(ApiCall call) {
    ApiRepository.MethodAddress at = repo.address(call);
    Method m = at.method();
    integration(m);
    repo.saveMethod(at, m.withIntegration(null));
    return ControlResponse.empty(204);
  }

  static Integration integration(Method m) {
    if (m.methodIntegration() == null) {
      throw ApiException.notFound("Invalid Integration identifier specified");
    }
    return m.methodIntegration();
  }

  private static void validateType(@Nullable String type) {
    if (type == null || !Set.of("HTTP", "MOCK", "AWS_PROXY", "HTTP_PROXY", "AWS").contains(type)) {
      // Recorded text (LocalStack snapshot test_put_integration_wrong_type).
      throw new ApiException(
          400,
          "ValidationException",
          "1 validation error detected: Value '"
              + type
              + "' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy"
              + " enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]");
    }
  }

  static void validate(Integration i) {
    validateType(i.type());
    boolean http = i.type().equals("HTTP") || i.type().equals("HTTP_PROXY");
    boolean aws = i.type().equals("AWS") || i.type().equals("AWS_PROXY");
    if ((http || aws) && (i.httpMethod() == null || i.httpMethod().isEmpty())) {
      throw ApiException.badRequest("Enumeration value for HttpMethod must be non-empty");
    }
    if (i.httpMethod() != null && !MethodOperations.HTTP_METHODS.contains(i.httpMethod())) {
      throw ApiException.badRequest(
          "Invalid HttpMethod specified. Valid options are"
              + " GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
    }
    if (http && !isHttpEndpoint(i.uri())) {
      throw ApiException.badRequest("Invalid HTTP endpoint specified for URI");
    }
    if (aws && (i.uri() == null || !i.uri().startsWith("arn:"))) {
      throw ApiException.badRequest("Invalid ARN specified in the request");
    }
    if (i.timeoutInMillis() < 50 || i.timeoutInMillis() > Integration.DEFAULT_TIMEOUT_MILLIS) {
      throw ApiException.badRequest(
          "Integration timeout must be between 50 milliseconds and 29 seconds.");
    }
    if (i.passthroughBehavior() != null && !PASSTHROUGH.contains(i.passthroughBehavior())) {
      throw ApiException.badRequest(
          "Invalid passthrough behavior specified: "
              + i.passthroughBehavior()
              + ". Valid options are WHEN_NO_MATCH,WHEN_NO_TEMPLATES,NEVER");
    }
    if (i.contentHandling() != null && !CONTENT_HANDLING.contains(i.contentHandling())) {
      throw ApiException.badRequest(
          "Invalid content handling specified: "
              + i.contentHandling()
              + ". Valid options are CONVERT_TO_BINARY,CONVERT_TO_TEXT");
    }
    if (i.connectionType() != null
        && !i.connectionType().equals("INTERNET")
        && !i.connectionType().equals("VPC_LINK")) {
      throw ApiException.badRequest(
          "Invalid connection type specified: "
              + i.connectionType()
              + ". Valid options are INTERNET,VPC_LINK");
    }
    if ("VPC_LINK".equals(i.connectionType())
        && (i.connectionId() == null || i.connectionId().isEmpty())) {
      throw ApiException.badRequest(
          "ConnectionId must be specified when ConnectionType is VPC_LINK");
    }
  }

  /**
   * An absolute http(s) URL once {@code ${stageVariables.x}} and {@code {param}} placeholders are
   * stood in for.
   */
  static boolean isHttpEndpoint(@Nullable String uri) {
    if (uri == null) {
      return false;
    }
    String probe = uri.replaceAll("\\$\\{[^}]*}", "x").replaceAll("\\{[^}]*}", "x");
    try {
      URI u = new URI(probe);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https"))
          && u.getHost() != null
          && !u.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
