package dev.turnpike.control.apigatewayv2;

import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.HttpApi;
import dev.turnpike.model.HttpStage;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * TagResource, UntagResource, GetTags (apigatewayv2, {@code /v2/tags/{resource-arn}}) on HTTP APIs
 * ({@code arn:aws:apigateway:{region}::/apis/{id}}) and their stages ({@code …/stages/{name}}),
 * kept in the tagged document's {@code tags}, so GetApi and GetStage show them.
 */
final class TagOperations {
  private static final Pattern ARN =
      Pattern.compile("arn:aws:apigateway:([^:]+)::/apis/([^/]+)(?:/stages/([^/]+))?");
  private final HttpApiRepository repo;

  TagOperations(HttpApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("POST", "/v2/tags/{resourceArn}", this::tag)
        .add("DELETE", "/v2/tags/{resourceArn}", this::untag)
        .add("GET", "/v2/tags/{resourceArn}", this::get);
  }

  private ControlResponse tag(ApiCall call) {
    Map<String, String> add = Bodies.stringMap(call.body(), "tags");
    if (add == null) {
      throw ApiException.badRequest("tags must be specified");
    }
    Target t = target(call);
    Map<String, String> tags = new TreeMap<>(t.tags());
    tags.putAll(add);
    save(call, t, tags);
    return ControlResponse.empty(201);
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
    String arn = call.path("resourceArn");
    Matcher m = ARN.matcher(arn);
    if (!m.matches() || !m.group(1).equals(call.region())) {
      throw ApiException.notFound("Invalid resource identifier specified " + arn);
    }
    HttpApi api = repo.api(call.accountId(), m.group(2));
    if (m.group(3) == null) {
      return new Target(api, null);
    }
    return new Target(
        api,
        repo.child(
            call.accountId(), Kinds.HTTP_STAGE, api.apiId(), m.group(3), HttpStage.class, "Stage"));
  }

  private void save(ApiCall call, Target t, Map<String, String> tags) {
    String account = call.accountId();
    Write w =
        t.stage() == null
            ? HttpApiRepository.put(
                HttpApiRepository.apiKey(account, t.api().apiId()), t.api().withTags(tags))
            : HttpApiRepository.put(
                HttpApiRepository.key(
                    account, Kinds.HTTP_STAGE, t.api().apiId(), t.stage().stageName()),
                t.stage().withTags(tags));
    repo.context().commit(List.of(w));
  }

  private record Target(HttpApi api, @Nullable HttpStage stage) {
    Map<String, String> tags() {
      Map<String, String> tags = stage == null ? api.tags() : stage.tags();
      return tags == null ? Map.of() : tags;
    }
  }
}
