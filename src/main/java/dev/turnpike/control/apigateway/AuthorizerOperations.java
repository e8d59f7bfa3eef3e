package dev.turnpike.control.apigateway;

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
import dev.turnpike.model.Authorizer;
import dev.turnpike.model.AuthorizerRules;
import dev.turnpike.model.Method;
import dev.turnpike.model.Resource;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * CreateAuthorizer, GetAuthorizer(s), UpdateAuthorizer (patch), DeleteAuthorizer and
 * FlushStageAuthorizersCache of REST APIs (spec 8.1). The field rules (types, identity sources, TTL
 * range) live in {@link AuthorizerRules}, which the snapshot compiler reads too.
 *
 * <p>Recorded (spec 8.1): a TOKEN authorizer created without a TTL has no {@code
 * authorizerResultTtlInSeconds} member and {@code authType} {@code custom}; an unknown API is a 404
 * {@code Invalid API identifier specified {account}:{id}} on reads. Deleting an authorizer that a
 * method references is refused with a 409 worded like the recorded model case (C96) [UNCONF for
 * authorizers]; ten authorizers per API (limits page).
 */
final class AuthorizerOperations {
  private static final int MAX_PER_API = 10;

  private static final PatchApplier PATCHES =
      PatchApplier.listing()
          .allow("/name", Kind.STRING, PatchApplier.REPLACE)
          .allow("/type", Kind.STRING, PatchApplier.REPLACE)
          .allow("/authType", Kind.STRING, PatchApplier.REPLACE)
          .allow("/authorizerUri", Kind.NULLABLE_STRING, PatchApplier.REPLACE)
          .allow("/authorizerCredentials", Kind.NULLABLE_STRING, PatchApplier.REPLACE)
          .allow("/identitySource", Kind.NULLABLE_STRING, PatchApplier.REPLACE)
          .allow("/identityValidationExpression", Kind.NULLABLE_STRING, PatchApplier.REPLACE)
          .allow("/authorizerResultTtlInSeconds", Kind.INT, PatchApplier.REPLACE)
          .allow("/providerARNs/*", Kind.LIST_VALUE);

  private final ApiRepository repo;
  private final AuthorizerTester tester;

  AuthorizerOperations(ApiRepository repo, AuthorizerTester tester) {
    this.repo = repo;
    this.tester = tester;
  }

  void register(RouteTable<Operation> routes) {
    String one = "/restapis/{restapi_id}/authorizers/{authorizer_id}";
    routes
        .add("GET", "/restapis/{restapi_id}/authorizers", this::list)
        .add("POST", "/restapis/{restapi_id}/authorizers", this::create)
        .add("GET", one, this::get)
        .add("PATCH", one, this::update)
        .add("DELETE", one, this::delete)
        .add("POST", one, this::testInvoke)
        .add(
            "DELETE",
            "/restapis/{restapi_id}/stages/{stage_name}/cache/authorizers",
            this::flushCache);
  }

  static DocumentKey key(String account, String apiId, String authorizerId) {
    return new DocumentKey(account, Kinds.AUTHORIZER, apiId, authorizerId);
  }

  private ControlResponse list(ApiCall call) {
    String apiId = call.path("restapi_id");
    repo.api(call.accountId(), apiId);
    List<Authorizer> all = repo.list(call.accountId(), Kinds.AUTHORIZER, apiId, Authorizer.class);
    all.sort(Comparator.comparing(Authorizer::name));
    return Bodies.json(200, Page.of(all, call));
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(200, find(call));
  }

  private ControlResponse create(ApiCall call) {
    String apiId = call.path("restapi_id");
    String account = call.accountId();
    ObjectNode body = call.body();
    // Recorded: CreateAuthorizer on an unknown API is a 409 (spec 6.12), unlike the reads.
    if (repo.context().store().get(ApiRepository.apiKey(account, apiId)).isEmpty()) {
      throw ApiException.conflict(
          "Unable to complete operation due to concurrent modification. Please try again later.");
    }
    if (repo.list(account, Kinds.AUTHORIZER, apiId, Authorizer.class).size() >= MAX_PER_API) {
      throw ApiException.limitExceeded(
          "Maximum number of authorizers for this API has been reached (" + MAX_PER_API + ")");
    }
    String type = Bodies.string(body, "type");
    Authorizer a =
        new Authorizer(
            Ids.shortId(),
            Bodies.requiredString(body, "name"),
            type == null ? "" : type,
            Bodies.stringList(body, "providerARNs"),
            Bodies.string(body, "authType"),
            Bodies.string(body, "authorizerUri"),
            Bodies.string(body, "authorizerCredentials"),
            Bodies.string(body, "identitySource"),
            Bodies.string(body, "identityValidationExpression"),
            Bodies.integer(body, "authorizerResultTtlInSeconds"));
    a = withDefaults(a);
    check(a);
    repo.context().commit(List.of(Write.put(key(account, apiId, a.id()), Documents.write(a))));
    return Bodies.json(201, a);
  }

  private ControlResponse update(ApiCall call) {
    Authorizer current = find(call);
    Authorizer patched =
        withDefaults(
            Bodies.patch(
                current,
                Authorizer.class,
                PATCHES,
                PatchOperation.listFrom(call.body(), "updateAuthorizerInput")));
    check(patched);
    repo.context()
        .commit(
            List.of(
                Write.put(
                    key(call.accountId(), call.path("restapi_id"), patched.id()),
                    Documents.write(patched))));
    return Bodies.json(200, patched);
  }

  private ControlResponse delete(ApiCall call) {
    Authorizer a = find(call);
    String apiId = call.path("restapi_id");
    for (Resource r : repo.resources(call.accountId(), apiId)) {
      Map<String, Method> methods = r.resourceMethods();
      if (methods == null) {
        continue;
      }
      for (Method m : methods.values()) {
        if (a.id().equals(m.authorizerId())
            && ("CUSTOM".equals(m.authorizationType())
                || "COGNITO_USER_POOLS".equals(m.authorizationType()))) {
          throw ApiException.conflict(
              "Cannot delete authorizer '"
                  + a.name()
                  + "', is referenced in method: "
                  + m.httpMethod()
                  + " "
                  + r.path());
        }
      }
    }
    repo.context().commit(List.of(Write.delete(key(call.accountId(), apiId, a.id()))));
    return ControlResponse.empty(202);
  }

  /**
   * FlushStageAuthorizersCache: the stage's cached authorizer results are dropped. The data plane
   * keys its cache by the stage's flush count, so the next request of every identity asks the
   * authorizer again, on every node.
   */
  private ControlResponse flushCache(ApiCall call) {
    String apiId = call.path("restapi_id");
    String stageName = call.path("stage_name");
    repo.stage(call.accountId(), apiId, stageName);
    DocumentKey flushKey =
        new DocumentKey(call.accountId(), Kinds.AUTHORIZER_CACHE_FLUSH, apiId, stageName);
    long count =
        repo.context()
                .store()
                .get(flushKey)
                .map(d -> Documents.read(d, FlushCount.class).count())
                .orElse(0L)
            + 1;
    repo.context().commit(List.of(Write.put(flushKey, Documents.write(new FlushCount(count)))));
    return ControlResponse.empty(202);
  }

  /**
   * TestInvokeAuthorizer (spec 8.6): runs the stored authorizer (not a deployment's) on the given
   * headers, path and stage variables; answered once the function has, without holding the control
   * thread.
   */
  private ControlResponse testInvoke(ApiCall call) {
    Authorizer a = find(call);
    ObjectNode body = call.body();
    Map<String, String> headers = Bodies.stringMap(body, "headers");
    Map<String, String> variables = Bodies.stringMap(body, "stageVariables");
    String path = Bodies.string(body, "pathWithQueryString");
    AuthorizerTester.Request request =
        new AuthorizerTester.Request(
            headers == null ? Map.of() : headers,
            multiValue(body),
            path == null || path.isEmpty() ? "/" : path,
            Bodies.string(body, "body"),
            variables == null ? Map.of() : variables);
    return ControlResponse.deferred(
        tester
            .test(call.accountId(), call.path("restapi_id"), a, request)
            .handle(
                (r, error) -> {
                  if (error != null) {
                    return ControlResponse.error(
                        ApiException.badRequest(
                            "The authorizer could not be tested: " + error.getMessage()));
                  }
                  ObjectNode out = Documents.MAPPER.createObjectNode();
                  out.put("clientStatus", r.clientStatus());
                  out.put("log", r.log());
                  out.put("latency", r.latency());
                  if (r.principalId() != null) {
                    out.put("principalId", r.principalId());
                  }
                  if (r.policy() != null) {
                    out.put("policy", r.policy());
                  }
                  out.putObject("authorization");
                  ObjectNode claims = out.putObject("claims");
                  r.claims().forEach(claims::put);
                  return ControlResponse.json(200, out.toString());
                }));
  }

  private static Map<String, List<String>> multiValue(ObjectNode body) {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    var node = body.get("multiValueHeaders");
    if (node != null && node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                List<String> values = new java.util.ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                out.put(e.getKey(), values);
              });
    }
    return out;
  }

  /** The stored form of a stage's authorizer-cache flushes. */
  public record FlushCount(long count) {}

  private Authorizer find(ApiCall call) {
    String apiId = call.path("restapi_id");
    String id = call.path("authorizer_id");
    repo.api(call.accountId(), apiId);
    return repo.context()
        .store()
        .get(key(call.accountId(), apiId, id))
        .map(d -> Documents.read(d, Authorizer.class))
        .orElseThrow(() -> ApiException.notFound("Invalid Authorizer identifier specified"));
  }

  /** {@code authType} is {@code custom} when omitted (recorded); the type is upper-cased. */
  private static Authorizer withDefaults(Authorizer a) {
    String type = a.type().toUpperCase(Locale.ROOT);
    String authType =
        a.authType() != null && !a.authType().isEmpty()
            ? a.authType()
            : type.equals(AuthorizerRules.COGNITO) ? "cognito_user_pools" : "custom";
    return new Authorizer(
        a.id(),
        a.name(),
        type,
        emptyToNull(a.providerARNs()),
        authType,
        a.authorizerUri(),
        a.authorizerCredentials(),
        a.identitySource(),
        a.identityValidationExpression(),
        a.authorizerResultTtlInSeconds());
  }

  private static void check(Authorizer a) {
    String problem = AuthorizerRules.problem(a);
    if (problem != null) {
      throw ApiException.badRequest(problem);
    }
  }

  private static @Nullable List<String> emptyToNull(@Nullable List<String> list) {
    return list == null || list.isEmpty() ? null : list;
  }
}
