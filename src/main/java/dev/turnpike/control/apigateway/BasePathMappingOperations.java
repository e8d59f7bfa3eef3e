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
import dev.turnpike.model.BasePathMapping;
import dev.turnpike.model.DomainName;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Create/Get/GetBasePathMappings/Update/Delete BasePathMapping (v1, spec 3.1): {@code (none)} is the empty base
 * path; one level only (multi-level keys are v2 API mappings); the API must be the caller's and the stage, when
 * given, must exist. Errors as AWS (409 for a second empty or a duplicate base path, 400 for '/', unknown stage).
 */
final class BasePathMappingOperations {
  static final String NONE = "(none)";
  private static final PatchApplier PATCHES = new PatchApplier()
      .allow("/basePath", Kind.STRING)
      .allow("/restapiId", Kind.STRING)
      .allow("/restApiId", Kind.STRING)
      .allow("/stage", Kind.STRING);

  private final ApiRepository repo;
  private final DomainNameOperations domains;

  BasePathMappingOperations(ApiRepository repo, DomainNameOperations domains) {
    this.repo = repo;
    this.domains = domains;
  }

  void register(RouteTable<Operation> routes) {
    routes.add("POST", "/domainnames/{domain_name}/basepathmappings", this::create)
        .add("GET", "/domainnames/{domain_name}/basepathmappings", this::list)
        .add("GET", "/domainnames/{domain_name}/basepathmappings/{base_path}", this::get)
        .add("PATCH", "/domainnames/{domain_name}/basepathmappings/{base_path}", this::update)
        .add("DELETE", "/domainnames/{domain_name}/basepathmappings/{base_path}", this::delete);
  }

  private static DocumentKey key(String account, String domain, String basePath) {
    return new DocumentKey(account, Kinds.BASE_PATH_MAPPING, domain, basePath);
  }

  private ControlResponse create(ApiCall call) {
    DomainName dn = domains.domain(call);
    ObjectNode body = call.body();
    String basePath = normalize(Bodies.string(body, "basePath"));
    BasePathMapping m = validate(call, new BasePathMapping(basePath, Bodies.requiredString(body, "restApiId"),
        Bodies.string(body, "stage")));
    checkFree(call, dn.domainName(), basePath);
    repo.context().commit(List.of(Write.create(key(call.accountId(), dn.domainName(), basePath),
        Documents.write(m))));
    return Bodies.json(201, m);
  }

  private ControlResponse list(ApiCall call) {
    DomainName dn = domains.domain(call);
    return Bodies.json(200, Page.of(mappings(call.accountId(), dn.domainName()), call));
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(200, mapping(call));
  }

  private ControlResponse update(ApiCall call) {
    DomainName dn = domains.domain(call);
    BasePathMapping m = mapping(call);
    BasePathMapping patched = Bodies.patch(m, BasePathMapping.class, PATCHES, PatchOperation.listFrom(call.body()));
    ObjectNode raw = call.body();
    for (var op : PatchOperation.listFrom(raw)) {
      if (op.path().equalsIgnoreCase("/restapiId")) {
        patched = new BasePathMapping(patched.basePath(), op.value() == null ? "" : op.value(), patched.stage());
      }
    }
    BasePathMapping updated = validate(call, new BasePathMapping(normalize(patched.basePath()),
        patched.restApiId(), patched.stage()));
    List<Write> writes = new ArrayList<>();
    if (!updated.basePath().equals(m.basePath())) {
      checkFree(call, dn.domainName(), updated.basePath());
      writes.add(Write.delete(key(call.accountId(), dn.domainName(), m.basePath())));
    }
    writes.add(Write.put(key(call.accountId(), dn.domainName(), updated.basePath()), Documents.write(updated)));
    repo.context().commit(writes);
    return Bodies.json(200, updated);
  }

  private ControlResponse delete(ApiCall call) {
    DomainName dn = domains.domain(call);
    BasePathMapping m = mapping(call);
    repo.context().commit(List.of(Write.delete(key(call.accountId(), dn.domainName(), m.basePath()))));
    return ControlResponse.empty(202);
  }

  private BasePathMapping mapping(ApiCall call) {
    DomainName dn = domains.domain(call);
    String basePath = normalize(call.path("base_path"));
    return repo.context().store().get(key(call.accountId(), dn.domainName(), basePath))
        .map(d -> Documents.read(d, BasePathMapping.class))
        .orElseThrow(() -> ApiException.notFound("Invalid base path mapping identifier specified"));
  }

  private List<BasePathMapping> mappings(String account, String domain) {
    List<BasePathMapping> out = new ArrayList<>();
    for (Document d : repo.context().store().list(account, Kinds.BASE_PATH_MAPPING, domain)) {
      out.add(Documents.read(d, BasePathMapping.class));
    }
    out.sort(Comparator.comparing(BasePathMapping::basePath));
    return out;
  }

  private void checkFree(ApiCall call, String domain, String basePath) {
    if (repo.context().store().get(key(call.accountId(), domain, basePath)).isPresent()) {
      throw ApiException.conflict(NONE.equals(basePath)
          ? "Only one base path mapping is allowed if the base path is empty."
          : "Base path already exists for this domain name");
    }
  }

  private BasePathMapping validate(ApiCall call, BasePathMapping m) {
    if (m.basePath().contains("/")) {
      throw ApiException.badRequest("API Gateway V1 doesn't support the slash character (/) in base path mappings. "
          + "To create a multi-level base path mapping, use API Gateway V2.");
    }
    if (!NONE.equals(m.basePath()) && !m.basePath().matches("[A-Za-z0-9$\\-_.+!*'()]{1,300}")) {
      throw ApiException.badRequest("Invalid base path " + m.basePath() + " (letters, digits and $-_.+!*'() only)");
    }
    try {
      repo.api(call.accountId(), m.restApiId());
    } catch (ApiException e) {
      throw ApiException.badRequest("Invalid REST API identifier specified");
    }
    if (m.stage() != null && !m.stage().isEmpty() && !NONE.equals(m.stage())) {
      try {
        repo.stage(call.accountId(), m.restApiId(), m.stage());
      } catch (ApiException e) {
        throw ApiException.badRequest("Invalid stage identifier specified");
      }
      return m;
    }
    return new BasePathMapping(m.basePath(), m.restApiId(), null);
  }

  /** "" and null are the empty base path, reported as "(none)". */
  private static String normalize(@Nullable String basePath) {
    if (basePath == null || basePath.isEmpty() || basePath.equals("/")) {
      return NONE;
    }
    String p = basePath.startsWith("/") ? basePath.substring(1) : basePath;
    return p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
  }
}
