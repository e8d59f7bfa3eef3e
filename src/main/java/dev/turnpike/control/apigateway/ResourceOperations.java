package dev.turnpike.control.apigateway;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Ids;
import dev.turnpike.control.Operation;
import dev.turnpike.control.Page;
import dev.turnpike.control.PatchApplier;
import dev.turnpike.control.PatchApplier.Kind;
import dev.turnpike.control.PatchOperation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.Resource;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** GetResources, GetResource, CreateResource, UpdateResource, DeleteResource. */
final class ResourceOperations {
  /**
   * Path parts: literals of {@code A-Za-z0-9._-:,}, or {@code {name}}, or a greedy {@code {name+}}
   * (AWS known issues).
   */
  private static final Pattern PATH_PART =
      Pattern.compile("[A-Za-z0-9._\\-:,]+|\\{[A-Za-z0-9._\\-]+\\+?}");

  /**
   * AWS's texts (LocalStack snapshot test_update_resource_behaviour, two spaces as recorded): an
   * operation other than replace is "Please choose supported operations", an unknown path lists the
   * two it takes.
   */
  private static final PatchApplier PATCHES =
      PatchApplier.unknownPath(
              op ->
                  ApiException.badRequest(
                      "Invalid patch path  '"
                          + op.path()
                          + "' specified for op '"
                          + op.op()
                          + "'. "
                          + (op.op().equals("replace")
                              ? "Must be one of: [/parentId, /pathPart]"
                              : "Please choose supported operations")))
          .allow("/parentId", Kind.STRING, PatchApplier.REPLACE)
          .allow("/pathPart", Kind.STRING, PatchApplier.REPLACE);

  private final ApiRepository repo;

  ResourceOperations(ApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("GET", "/restapis/{restapi_id}/resources", this::list)
        .add("GET", "/restapis/{restapi_id}/resources/{resource_id}", this::get)
        .add("POST", "/restapis/{restapi_id}/resources/{parent_id}", this::create)
        .add("PATCH", "/restapis/{restapi_id}/resources/{resource_id}", this::update)
        .add("DELETE", "/restapis/{restapi_id}/resources/{resource_id}", this::delete);
  }

  private ControlResponse list(ApiCall call) {
    String apiId = call.path("restapi_id");
    repo.api(call.accountId(), apiId);
    boolean embed = embedsMethods(call);
    Page<Resource> page = Page.of(repo.resources(call.accountId(), apiId), call);
    ObjectNode out = Documents.MAPPER.createObjectNode();
    ArrayNode items = out.putArray("item");
    for (Resource r : page.item()) {
      items.add(render(r, embed));
    }
    if (page.position() != null) {
      out.put("position", page.position());
    }
    return ControlResponse.json(200, out.toString());
  }

  private ControlResponse get(ApiCall call) {
    Resource r = repo.resource(call.accountId(), call.path("restapi_id"), call.path("resource_id"));
    return ControlResponse.json(200, render(r, embedsMethods(call)).toString());
  }

  private ControlResponse create(ApiCall call) {
    String apiId = call.path("restapi_id");
    Resource parent = repo.resource(call.accountId(), apiId, call.path("parent_id"));
    String pathPart = Bodies.string(call.body(), "pathPart");
    List<Resource> all = repo.resources(call.accountId(), apiId);
    validatePlacement(pathPart, parent, all, null);
    Resource r =
        new Resource(
            Ids.shortId(),
            parent.id(),
            pathPart,
            childPath(parent.path(), requireNonNull(pathPart, "pathPart")),
            null);
    repo.context().commit(List.of(repo.putResource(call.accountId(), apiId, r)));
    return ControlResponse.json(201, render(r, true).toString());
  }

  private ControlResponse update(ApiCall call) {
    String apiId = call.path("restapi_id");
    Resource r = repo.resource(call.accountId(), apiId, call.path("resource_id"));
    Resource patched =
        Bodies.patch(
            r,
            Resource.class,
            PATCHES,
            PatchOperation.listFrom(call.body(), "updateResourceInput"));
    String pathPart = patched.pathPart();
    String parentId = patched.parentId();
    if (r.parentId() == null) {
      // LocalStack snapshot test_update_resource_on_root (recorded against AWS).
      throw ApiException.badRequest(
          "Root resource cannot update its "
              + (Objects.equals(pathPart, r.pathPart()) ? "parentId." : "pathPart."));
    }
    List<Resource> all = repo.resources(call.accountId(), apiId);
    Map<String, Resource> byId = new HashMap<>();
    all.forEach(x -> byId.put(x.id(), x));
    Resource parent = byId.get(parentId);
    if (parent == null) {
      throw ApiException.notFound("Invalid Resource identifier specified");
    }
    for (Resource p = parent; p != null; p = p.parentId() == null ? null : byId.get(p.parentId())) {
      if (p.id().equals(r.id())) {
        throw ApiException.badRequest(
            "Resources cannot be cyclical."); // test_update_resource_behaviour
      }
    }
    validatePlacement(pathPart, parent, all, r.id());
    Resource moved =
        new Resource(
            r.id(),
            parent.id(),
            pathPart,
            childPath(parent.path(), requireNonNull(pathPart, "pathPart")),
            r.resourceMethods());
    List<Write> writes = new ArrayList<>();
    writes.add(repo.putResource(call.accountId(), apiId, moved));
    rewriteDescendantPaths(moved, all, writes, call.accountId(), apiId);
    repo.context().commit(writes);
    return ControlResponse.json(200, render(moved, true).toString());
  }

  private ControlResponse delete(ApiCall call) {
    String apiId = call.path("restapi_id");
    Resource r = repo.resource(call.accountId(), apiId, call.path("resource_id"));
    if (r.parentId() == null) {
      throw ApiException.badRequest("Cannot delete the root resource of a REST API");
    }
    List<Resource> all = repo.resources(call.accountId(), apiId);
    List<Write> writes = new ArrayList<>();
    writes.add(Write.delete(ApiRepository.resourceKey(call.accountId(), apiId, r.id())));
    for (Resource d : descendants(r.id(), all)) {
      writes.add(Write.delete(ApiRepository.resourceKey(call.accountId(), apiId, d.id())));
    }
    repo.context().commit(writes);
    return ControlResponse.empty(202);
  }

  static void validatePlacement(
      @Nullable String pathPart, Resource parent, List<Resource> all, @Nullable String selfId) {
    if (pathPart == null || pathPart.isEmpty()) {
      throw ApiException.badRequest("Resource's path part must be specified");
    }
    if (!PATH_PART.matcher(pathPart).matches()) {
      throw ApiException.badRequest(
          "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning "
              + "and the end and an optional plus sign before the closing brace.");
    }
    if (parent.pathPart() != null && parent.pathPart().endsWith("+}")) {
      throw ApiException.badRequest(
          "Cannot create a child of a resource with a greedy path variable: " + parent.pathPart());
    }
    boolean variable = pathPart.startsWith("{");
    for (Resource sibling : all) {
      if (!parent.id().equals(sibling.parentId()) || sibling.id().equals(selfId)) {
        continue;
      }
      if (pathPart.equals(sibling.pathPart())) {
        throw ApiException.conflict(
            "Another resource with the same parent already has this name: " + pathPart);
      }
      if (variable && sibling.pathPart() != null && sibling.pathPart().startsWith("{")) {
        throw ApiException.badRequest(
            "A sibling ("
                + sibling.pathPart()
                + ") of this resource already has a variable path part -- only one is allowed");
      }
    }
  }

  private void rewriteDescendantPaths(
      Resource moved, List<Resource> all, List<Write> writes, String account, String apiId) {
    for (Resource child : all) {
      if (moved.id().equals(child.parentId())) {
        Resource c =
            new Resource(
                child.id(),
                child.parentId(),
                child.pathPart(),
                childPath(moved.path(), requireNonNull(child.pathPart(), "pathPart")),
                child.resourceMethods());
        writes.add(repo.putResource(account, apiId, c));
        rewriteDescendantPaths(c, all, writes, account, apiId);
      }
    }
  }

  private static List<Resource> descendants(String id, List<Resource> all) {
    List<Resource> out = new ArrayList<>();
    for (Resource r : all) {
      if (id.equals(r.parentId())) {
        out.add(r);
        out.addAll(descendants(r.id(), all));
      }
    }
    return out;
  }

  static String childPath(String parentPath, String pathPart) {
    return parentPath.equals("/") ? "/" + pathPart : parentPath + "/" + pathPart;
  }

  private static boolean embedsMethods(ApiCall call) {
    for (String e : call.queryAll("embed")) {
      if (e.equals("methods")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A resource as AWS shows it: methods in full with {@code embed=methods}, otherwise only their
   * names.
   */
  static ObjectNode render(Resource r, boolean embedMethods) {
    ObjectNode node = Documents.MAPPER.valueToTree(r);
    if (!embedMethods && node.get("resourceMethods") instanceof ObjectNode methods) {
      List<String> names = new ArrayList<>();
      methods.fieldNames().forEachRemaining(names::add);
      names.forEach(methods::putObject);
    }
    return node;
  }
}
