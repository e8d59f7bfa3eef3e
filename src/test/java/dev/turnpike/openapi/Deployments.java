package dev.turnpike.openapi;

import dev.turnpike.model.DeployedApi;
import dev.turnpike.model.Resource;
import dev.turnpike.model.RestApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An {@link ImportedApi} as the control plane would store and deploy it (tests only). */
final class Deployments {
  private Deployments() {}

  static DeployedApi of(ImportedApi imp, String apiId) {
    RestApi api =
        new RestApi(
            apiId,
            imp.name() == null ? "api" : imp.name(),
            imp.description(),
            1_765_000_000L,
            imp.version(),
            imp.binaryMediaTypes(),
            imp.minimumCompressionSize(),
            imp.apiKeySource() == null ? "HEADER" : imp.apiKeySource(),
            new RestApi.EndpointConfiguration(List.of("EDGE"), null),
            imp.policy(),
            null,
            Boolean.TRUE.equals(imp.disableExecuteApiEndpoint()),
            "root");
    List<Resource> resources = new ArrayList<>();
    Map<String, String> ids = new HashMap<>();
    int n = 0;
    for (ImportedApi.ImportedResource r : imp.resources()) {
      String id = r.path().equals("/") ? "root" : "r" + n++;
      ids.put(r.path(), id);
      int slash = r.path().lastIndexOf('/');
      String parent = r.path().equals("/") ? null : slash == 0 ? "/" : r.path().substring(0, slash);
      resources.add(
          new Resource(
              id,
              parent == null ? null : ids.getOrDefault(parent, "missing"),
              r.path().equals("/") ? null : r.path().substring(slash + 1),
              r.path(),
              r.methods().isEmpty() ? null : r.methods()));
    }
    return new DeployedApi(
        api, resources, imp.gatewayResponses(), imp.authorizers(), imp.models(), imp.validators());
  }
}
