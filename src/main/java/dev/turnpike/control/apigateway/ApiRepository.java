package dev.turnpike.control.apigateway;

import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.model.Resource;
import dev.turnpike.model.RestApi;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Typed reads of the {@code apigateway} documents of one account, with AWS's not-found errors. */
final class ApiRepository {
  private final ControlContext ctx;

  ApiRepository(ControlContext ctx) {
    this.ctx = ctx;
  }

  ControlContext context() {
    return ctx;
  }

  static DocumentKey apiKey(String account, String apiId) {
    return DocumentKey.of(account, Kinds.REST_API, apiId);
  }

  static DocumentKey resourceKey(String account, String apiId, String resourceId) {
    return new DocumentKey(account, Kinds.RESOURCE, apiId, resourceId);
  }

  RestApi api(String account, String apiId) {
    return ctx.store().get(apiKey(account, apiId))
        .map(d -> Documents.read(d, RestApi.class))
        .orElseThrow(() -> ApiException.notFound("Invalid API identifier specified " + account + ":" + apiId));
  }

  List<RestApi> apis(String account) {
    List<RestApi> out = new ArrayList<>();
    for (Document d : ctx.store().list(account, Kinds.REST_API, "")) {
      out.add(Documents.read(d, RestApi.class));
    }
    out.sort(Comparator.comparingLong(RestApi::createdDate).thenComparing(RestApi::id));
    return out;
  }

  Resource resource(String account, String apiId, String resourceId) {
    api(account, apiId);
    return ctx.store().get(resourceKey(account, apiId, resourceId))
        .map(d -> Documents.read(d, Resource.class))
        .orElseThrow(() -> ApiException.notFound("Invalid Resource identifier specified"));
  }

  /** Every resource of the API, ordered by path. */
  List<Resource> resources(String account, String apiId) {
    List<Resource> out = new ArrayList<>();
    for (Document d : ctx.store().list(account, Kinds.RESOURCE, apiId)) {
      out.add(Documents.read(d, Resource.class));
    }
    out.sort(Comparator.comparing(Resource::path));
    return out;
  }

  <T> List<T> list(String account, String kind, String apiId, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Document d : ctx.store().list(account, kind, apiId)) {
      out.add(Documents.read(d, type));
    }
    return out;
  }

  Write putResource(String account, String apiId, Resource r) {
    return Write.put(resourceKey(account, apiId, r.id()), Documents.write(r));
  }
}
