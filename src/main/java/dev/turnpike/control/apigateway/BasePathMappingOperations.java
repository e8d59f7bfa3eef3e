package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.Page;
import dev.turnpike.control.PatchApplier;
import dev.turnpike.control.PatchApplier.Kind;
import dev.turnpike.control.PatchOperation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.control.domain.DomainMappings;
import dev.turnpike.model.BasePathMapping;
import dev.turnpike.model.DomainName;
import java.util.List;

/**
 * Create/Get/GetBasePathMappings/Update/Delete BasePathMapping (v1, spec 3.1): {@code (none)} is
 * the empty base path; v1 creates one level only (multi-level keys are v2 API mappings, which v1
 * lists and reads like any other mapping: AWS manages one set per domain); the API must be the
 * caller's and the stage, when given, must exist. Errors as AWS (409 for a second empty or a
 * duplicate base path, 400 for '/', unknown stage).
 */
final class BasePathMappingOperations {
  static final String NONE = DomainMappings.NONE;
  private static final PatchApplier PATCHES =
      PatchApplier.listing()
          .allow("/basePath", Kind.STRING)
          .allowAs("/restapiId", "/restApiId", Kind.STRING) // the AWS CLI docs' spelling
          .allow("/restApiId", Kind.STRING)
          .allow("/stage", Kind.STRING);

  private final DomainNameOperations domains;
  private final DomainMappings mappings;

  BasePathMappingOperations(DomainNameOperations domains, DomainMappings mappings) {
    this.domains = domains;
    this.mappings = mappings;
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("POST", "/domainnames/{domain_name}/basepathmappings", this::create)
        .add("GET", "/domainnames/{domain_name}/basepathmappings", this::list)
        .add("GET", "/domainnames/{domain_name}/basepathmappings/{base_path}", this::get)
        .add("PATCH", "/domainnames/{domain_name}/basepathmappings/{base_path}", this::update)
        .add("DELETE", "/domainnames/{domain_name}/basepathmappings/{base_path}", this::delete);
  }

  private ControlResponse create(ApiCall call) {
    DomainName dn = domains.domain(call);
    ObjectNode body = call.body();
    String basePath = DomainMappings.normalize(Bodies.string(body, "basePath"));
    checkBasePath(basePath);
    BasePathMapping m =
        checkTarget(
            call,
            new BasePathMapping(
                basePath,
                Bodies.requiredString(body, "restApiId"),
                Bodies.string(body, "stage"),
                DomainMappings.newId()));
    checkFree(call, dn.domainName(), basePath);
    mappings.create(call.accountId(), dn.domainName(), m);
    return Bodies.json(201, m.withoutId());
  }

  private ControlResponse list(ApiCall call) {
    DomainName dn = domains.domain(call);
    List<BasePathMapping> all =
        mappings.list(call.accountId(), dn.domainName()).stream()
            .map(BasePathMapping::withoutId)
            .toList();
    return Bodies.json(200, Page.of(all, call));
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(200, mapping(call).withoutId());
  }

  private ControlResponse update(ApiCall call) {
    DomainName dn = domains.domain(call);
    BasePathMapping m = mapping(call);
    List<PatchOperation> ops = PatchOperation.listFrom(call.body(), "updateBasePathMappingInput");
    BasePathMapping patched = Bodies.patch(m, BasePathMapping.class, PATCHES, ops);
    // A removed API id is "", which checkTarget refuses as an unknown API.
    String restApiId = patched.restApiId() == null ? "" : patched.restApiId();
    String basePath = DomainMappings.normalize(patched.basePath());
    BasePathMapping updated =
        checkTarget(
            call, new BasePathMapping(basePath, restApiId, patched.stage(), m.apiMappingId()));
    if (!basePath.equals(m.basePath())) {
      // A multi-level mapping created through v2 keeps its key when v1 patches only its API or
      // stage.
      checkBasePath(basePath);
      checkFree(call, dn.domainName(), basePath);
    }
    mappings.replace(call.accountId(), dn.domainName(), m, updated);
    return Bodies.json(200, updated.withoutId());
  }

  private ControlResponse delete(ApiCall call) {
    DomainName dn = domains.domain(call);
    mappings.delete(call.accountId(), dn.domainName(), mapping(call));
    return ControlResponse.empty(202);
  }

  private BasePathMapping mapping(ApiCall call) {
    DomainName dn = domains.domain(call);
    return mappings
        .find(call.accountId(), dn.domainName(), DomainMappings.normalize(call.path("base_path")))
        .orElseThrow(() -> ApiException.notFound("Invalid base path mapping identifier specified"));
  }

  private void checkFree(ApiCall call, String domain, String basePath) {
    if (mappings.exists(call.accountId(), domain, basePath)) {
      throw ApiException.conflict(
          NONE.equals(basePath)
              ? "Only one base path mapping is allowed if the base path is empty."
              : "Base path already exists for this domain name");
    }
  }

  private static void checkBasePath(String basePath) {
    if (NONE.equals(basePath)) {
      return;
    }
    if (DomainMappings.isMultiLevel(basePath)) {
      throw ApiException.badRequest(
          "API Gateway V1 doesn't support the slash character (/) in base path mappings. "
              + "To create a multi-level base path mapping, use API Gateway V2.");
    }
    if (!DomainMappings.isValidKey(basePath, false)) {
      throw ApiException.badRequest(
          "Invalid base path " + basePath + " (letters, digits and $-_.+!*'() only)");
    }
  }

  private BasePathMapping checkTarget(ApiCall call, BasePathMapping m) {
    if (!mappings.restApiExists(call.accountId(), m.restApiId())) {
      throw ApiException.badRequest("Invalid REST API identifier specified");
    }
    if (m.stage() != null && !m.stage().isEmpty() && !NONE.equals(m.stage())) {
      if (!mappings.stageExists(call.accountId(), m.restApiId(), m.stage())) {
        throw ApiException.badRequest("Invalid stage identifier specified");
      }
      return m;
    }
    return new BasePathMapping(m.basePath(), m.restApiId(), null, m.apiMappingId());
  }
}
