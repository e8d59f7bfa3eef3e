package dev.turnpike.control.apigateway;

import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.RestApi;
import dev.turnpike.model.Stage;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Write;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * TagResource, UntagResource, GetTags for REST APIs ({@code
 * arn:aws:apigateway:{region}::/restapis/{id}}) and stages ({@code
 * .../restapis/{id}/stages/{name}}), the ARN forms of
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html. Tags live
 * in the tagged document's {@code tags} member, so GetRestApi and GetStage show them. Other ARNs
 * are answered as not found.
 */
final class TagOperations {
  private static final Pattern ARN =
      Pattern.compile("arn:aws:apigateway:([a-z0-9-]+)::/restapis/([^/]+)(?:/stages/([^/]+))?");

  private final ApiRepository repo;

  TagOperations(ApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("PUT", "/tags/{resource_arn}", this::tag)
        .add("DELETE", "/tags/{resource_arn}", this::untag)
        .add("GET", "/tags/{resource_arn}", this::get);
  }

  private ControlResponse tag(ApiCall call) {
    Map<String, String> add = Bodies.stringMap(call.body(), "tags");
    if (add == null) {
      throw ApiException.badRequest("tags must be specified");
    }
    Target t = target(call);
    Map<String, String> tags = new TreeMap<>(t.tags());
    tags.putAll(add);
    FieldLimits.tags(tags);
    save(call, t, tags);
    return ControlResponse.empty(204);
  }

  private ControlResponse untag(ApiCall call) {
    Target t = target(call);
    Map<String, String> tags = new TreeMap<>(t.tags());
    call.queryAll("tagKeys").forEach(tags::remove);
    save(call, t, tags);
    return ControlResponse.empty(204);
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(200, Map.of("tags", target(call).tags()));
  }

  private Target target(ApiCall call) {
    String arn = call.path("resource_arn");
    Matcher m = ARN.matcher(arn);
    if (!m.matches() || !m.group(1).equals(call.region())) {
      throw ApiException.notFound("Invalid resource identifier specified: " + arn);
    }
    RestApi api = repo.api(call.accountId(), m.group(2));
    if (m.group(3) == null) {
      return new Target(api, null);
    }
    return new Target(api, repo.stage(call.accountId(), api.id(), m.group(3)));
  }

  private void save(ApiCall call, Target t, Map<String, String> tags) {
    Write w;
    if (t.stage() == null) {
      w =
          Write.put(
              ApiRepository.apiKey(call.accountId(), t.api().id()),
              Documents.write(t.api().withTags(tags)));
    } else {
      w =
          Write.put(
              ApiRepository.stageKey(call.accountId(), t.api().id(), t.stage().stageName()),
              Documents.write(t.stage().withTags(tags)));
    }
    repo.context().commit(List.of(w));
  }

  private record Target(RestApi api, @Nullable Stage stage) {
    Map<String, String> tags() {
      Map<String, String> tags = stage == null ? api.tags() : stage.tags();
      return tags == null ? Map.of() : tags;
    }
  }
}
