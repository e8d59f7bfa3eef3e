package dev.turnpike.control.apigateway;

import static java.util.Objects.requireNonNull;

import dev.turnpike.model.Authorizer;
import dev.turnpike.model.GatewayResponse;
import dev.turnpike.model.Integration;
import dev.turnpike.model.Method;
import dev.turnpike.model.Model;
import dev.turnpike.model.RequestValidator;
import dev.turnpike.model.Resource;
import dev.turnpike.openapi.ImportedApi;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The writes that make an API's resources, models, validators, authorizers and gateway responses
 * what an import says, in one commit (spec 10.1): a new API or {@code overwrite} keeps only what
 * the document describes (the root resource keeps its id); {@code merge} keeps everything and
 * replaces the methods, models, validators, authorizers and gateway responses the document names.
 * Intermediate resources are created without methods; a path part is checked by the same rules as
 * CreateResource, so a bad path refuses the whole import before anything is written.
 */
final class ImportedWrites {
  /** The API-scoped kinds an import owns (stages, deployments and tags are never touched). */
  static final List<String> IMPORTED_KINDS =
      List.of(
          Kinds.RESOURCE,
          Kinds.MODEL,
          Kinds.REQUEST_VALIDATOR,
          Kinds.AUTHORIZER,
          Kinds.GATEWAY_RESPONSE);

  private ImportedWrites() {}

  /**
   * The writes for {@code imported} on API {@code apiId}, whose current documents of the imported
   * kinds are {@code existing} (empty for a new API) and whose root is {@code root}.
   */
  static List<Write> of(
      String account,
      String apiId,
      Resource root,
      List<Document> existing,
      ImportedApi imported,
      boolean merge) {
    Map<DocumentKey, String> next = new LinkedHashMap<>();
    List<Resource> current = new ArrayList<>();
    for (Document d : existing) {
      if (d.key().kind().equals(Kinds.RESOURCE)) {
        current.add(Documents.read(d, Resource.class));
      }
    }
    for (Resource r : resources(root, merge ? current : List.of(), imported)) {
      next.put(ApiRepository.resourceKey(account, apiId, r.id()), Documents.write(r));
    }
    for (Model m : imported.models()) {
      next.put(key(account, Kinds.MODEL, apiId, m.id()), Documents.write(m));
    }
    for (RequestValidator v : imported.validators()) {
      next.put(key(account, Kinds.REQUEST_VALIDATOR, apiId, v.id()), Documents.write(v));
    }
    for (Authorizer a : imported.authorizers()) {
      next.put(key(account, Kinds.AUTHORIZER, apiId, a.id()), Documents.write(a));
    }
    for (GatewayResponse g : imported.gatewayResponses()) {
      next.put(
          ApiRepository.gatewayResponseKey(account, apiId, g.responseType()), Documents.write(g));
    }
    List<Write> writes = new ArrayList<>();
    Set<DocumentKey> kept = new HashSet<>(next.keySet());
    if (!merge) {
      for (Document d : existing) {
        if (!kept.contains(d.key())) {
          writes.add(Write.delete(d.key()));
        }
      }
    }
    next.forEach((k, json) -> writes.add(Write.put(k, json)));
    return writes;
  }

  private static DocumentKey key(String account, String kind, String apiId, String id) {
    return new DocumentKey(account, kind, apiId, id);
  }

  /** The resource tree after the import, root first. */
  static List<Resource> resources(Resource root, List<Resource> kept, ImportedApi imported) {
    Map<String, Resource> byPath = new TreeMap<>();
    byPath.put("/", kept.isEmpty() ? root.withMethods(null) : root);
    for (Resource r : kept) {
      byPath.put(r.path(), r);
    }
    for (ImportedApi.ImportedResource ir : imported.resources()) {
      Resource r = ensure(byPath, ir.path());
      Map<String, Method> methods =
          r.resourceMethods() == null ? new TreeMap<>() : new TreeMap<>(r.resourceMethods());
      ir.methods().forEach((verb, m) -> methods.put(verb, withCacheNamespace(m, r.id())));
      byPath.put(r.path(), r.withMethods(methods));
    }
    return new ArrayList<>(byPath.values());
  }

  /** The resource at {@code path}, created (with any missing ancestors) when absent. */
  private static Resource ensure(Map<String, Resource> byPath, String path) {
    Resource at = requireNonNull(byPath.get("/"), "root");
    if (path.equals("/")) {
      return at;
    }
    for (String part : path.substring(1).split("/", -1)) {
      String childPath = ResourceOperations.childPath(at.path(), part);
      Resource child = byPath.get(childPath);
      if (child == null) {
        ResourceOperations.validatePlacement(part, at, List.copyOf(byPath.values()), null);
        child = new Resource(dev.turnpike.control.Ids.shortId(), at.id(), part, childPath, null);
        byPath.put(childPath, child);
      }
      at = child;
    }
    return at;
  }

  /** AWS fills an integration's {@code cacheNamespace} with its resource's id (recorded). */
  private static Method withCacheNamespace(Method m, String resourceId) {
    Integration i = m.methodIntegration();
    if (i == null || i.cacheNamespace() != null) {
      return m;
    }
    return m.withIntegration(
        new Integration(
            i.type(),
            i.httpMethod(),
            i.uri(),
            i.connectionType(),
            i.connectionId(),
            i.credentials(),
            i.requestParameters(),
            i.requestTemplates(),
            i.passthroughBehavior(),
            i.contentHandling(),
            i.timeoutInMillis(),
            resourceId,
            i.cacheKeyParameters(),
            i.integrationResponses()));
  }
}
