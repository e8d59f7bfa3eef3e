package dev.turnpike.control.apigatewayv2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.control.domain.CustomDomains;
import dev.turnpike.control.domain.DomainMappings;
import dev.turnpike.model.BasePathMapping;
import dev.turnpike.model.DomainName;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Create/Get/GetApiMappings/Update/Delete ApiMapping (apigatewayv2, spec 3.2/3.3). An API mapping
 * is the same document as a v1 base path mapping (v1 lists it; a v1 mapping is listed here with its
 * id), so keys are unique across both APIs. Multi-level keys ({@code orders/v2/items}) are created
 * here only, and only on a REGIONAL TLS_1_2 domain (rest-api-mappings.html). Targets are REST or
 * HTTP APIs and their stages. Recorded AWS texts: {@code An ApiMapping key may contain only
 * letters, numbers and one of $-_.+!*'()} and {@code Invalid stage identifier specified}
 * (aws/aws-cdk#8983, 2020, before multi-level keys: our key message adds '/'); the others are ours
 * [UNCONF].
 */
final class ApiMappingOperations {
  private final CustomDomains domains;
  private final DomainMappings mappings;

  ApiMappingOperations(CustomDomains domains) {
    this.domains = domains;
    this.mappings = domains.mappings();
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("POST", "/v2/domainnames/{domainName}/apimappings", this::create)
        .add("GET", "/v2/domainnames/{domainName}/apimappings", this::list)
        .add("GET", "/v2/domainnames/{domainName}/apimappings/{apiMappingId}", this::get)
        .add("PATCH", "/v2/domainnames/{domainName}/apimappings/{apiMappingId}", this::update)
        .add("DELETE", "/v2/domainnames/{domainName}/apimappings/{apiMappingId}", this::delete);
  }

  private ControlResponse create(ApiCall call) {
    DomainName dn = managedDomain(call);
    ObjectNode body = call.body();
    String key = checkKey(dn, Bodies.string(body, "apiMappingKey"));
    BasePathMapping m =
        new BasePathMapping(
            key,
            Bodies.requiredString(body, "apiId"),
            Bodies.requiredString(body, "stage"),
            DomainMappings.newId());
    checkTarget(call, m);
    checkFree(call, dn, key);
    mappings.create(call.accountId(), dn.domainName(), m);
    return Bodies.json(201, V2Shapes.apiMapping(m));
  }

  private ControlResponse list(ApiCall call) {
    DomainName dn = domains.get(call.accountId(), call.path("domainName"));
    List<V2Shapes.ApiMapping> all =
        mappings.list(call.accountId(), dn.domainName()).stream()
            .map(V2Shapes::apiMapping)
            .toList();
    return Bodies.json(200, V2Page.of(all, call));
  }

  private ControlResponse get(ApiCall call) {
    DomainName dn = domains.get(call.accountId(), call.path("domainName"));
    return Bodies.json(200, V2Shapes.apiMapping(mapping(call, dn)));
  }

  /** ApiId is required (as in the model); a key or stage left out keeps the current one. */
  private ControlResponse update(ApiCall call) {
    DomainName dn = managedDomain(call);
    BasePathMapping m = mapping(call, dn);
    ObjectNode body = call.body();
    String key =
        body.has("apiMappingKey")
            ? checkKey(dn, Bodies.string(body, "apiMappingKey"))
            : m.basePath();
    String stage = Bodies.string(body, "stage");
    BasePathMapping updated =
        new BasePathMapping(
            key,
            Bodies.requiredString(body, "apiId"),
            stage != null ? stage : m.stage(),
            m.apiMappingId());
    checkTarget(call, updated);
    if (!key.equals(m.basePath())) {
      checkFree(call, dn, key);
    }
    mappings.replace(call.accountId(), dn.domainName(), m, updated);
    return Bodies.json(200, V2Shapes.apiMapping(updated));
  }

  private ControlResponse delete(ApiCall call) {
    DomainName dn = domains.get(call.accountId(), call.path("domainName"));
    mappings.delete(call.accountId(), dn.domainName(), mapping(call, dn));
    return ControlResponse.empty(204);
  }

  /**
   * The domain, which v2 may change only when it is REGIONAL (AWS's recorded refusal otherwise).
   */
  private DomainName managedDomain(ApiCall call) {
    DomainName dn = domains.get(call.accountId(), call.path("domainName"));
    if (dn.isEdge()) {
      throw ApiException.badRequest(V2DomainNameOperations.REGIONAL_ONLY);
    }
    return dn;
  }

  private BasePathMapping mapping(ApiCall call, DomainName dn) {
    return mappings
        .findById(call.accountId(), dn.domainName(), call.path("apiMappingId"))
        .orElseThrow(() -> ApiException.notFound("Invalid API mapping identifier specified"));
  }

  /** The stored key ("(none)" for an empty or absent one), or AWS's 400. */
  private static String checkKey(DomainName dn, @Nullable String requested) {
    if (requested != null && (requested.startsWith("/") || requested.endsWith("/"))) {
      throw ApiException.badRequest(
          "An ApiMapping key may not start or end with '/': " + requested);
    }
    String key = DomainMappings.normalize(requested);
    if (DomainMappings.NONE.equals(key)) {
      return key;
    }
    if (!DomainMappings.isValidKey(key, true)) {
      throw ApiException.badRequest(
          key.length() > DomainMappings.MAX_KEY_LENGTH
              ? "An ApiMapping key may be at most "
                  + DomainMappings.MAX_KEY_LENGTH
                  + " characters long."
              : "An ApiMapping key may contain only letters, numbers and one of $-_.+!*'()/ (with"
                  + " '/' only between non-empty segments)");
    }
    if (DomainMappings.isMultiLevel(key) && !CustomDomains.allowsMultiLevel(dn)) {
      throw ApiException.badRequest(CustomDomains.MULTI_LEVEL_NEEDS_REGIONAL_TLS_1_2);
    }
    return key;
  }

  private void checkTarget(ApiCall call, BasePathMapping m) {
    if (!mappings.anyApiExists(call.accountId(), m.restApiId())) {
      throw ApiException.notFound(
          "Invalid API identifier specified " + call.accountId() + ":" + m.restApiId());
    }
    if (m.stage() == null || !mappings.anyStageExists(call.accountId(), m.restApiId(), m.stage())) {
      throw ApiException.badRequest("Invalid stage identifier specified");
    }
  }

  private void checkFree(ApiCall call, DomainName dn, String key) {
    if (mappings.exists(call.accountId(), dn.domainName(), key)) {
      throw ApiException.conflict(
          DomainMappings.NONE.equals(key)
              ? "An ApiMapping with an empty key already exists for domain name " + dn.domainName()
              : "An ApiMapping with key '"
                  + key
                  + "' already exists for domain name "
                  + dn.domainName());
    }
  }
}
