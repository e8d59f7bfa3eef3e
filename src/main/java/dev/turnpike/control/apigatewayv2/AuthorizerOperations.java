package dev.turnpike.control.apigatewayv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Ids;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.HttpAuthorizer;
import dev.turnpike.model.HttpRoute;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * CreateAuthorizer, GetAuthorizer(s), UpdateAuthorizer, DeleteAuthorizer for HTTP APIs: {@code JWT}
 * (issuer and audience, one identity source) and {@code REQUEST} (a Lambda URI, payload format 1.0
 * or 2.0, simple responses with 2.0 only, a result TTL of 0 to 3,600 s). Routes name them; the data
 * plane compiles them with each deployment.
 */
final class AuthorizerOperations {
  private final HttpApiRepository repo;

  AuthorizerOperations(HttpApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("POST", "/v2/apis/{apiId}/authorizers", this::create)
        .add("GET", "/v2/apis/{apiId}/authorizers", this::list)
        .add("GET", "/v2/apis/{apiId}/authorizers/{authorizerId}", this::get)
        .add("PATCH", "/v2/apis/{apiId}/authorizers/{authorizerId}", this::update)
        .add("DELETE", "/v2/apis/{apiId}/authorizers/{authorizerId}", this::delete);
  }

  private ControlResponse create(ApiCall call) {
    String account = call.accountId();
    String apiId = call.path("apiId");
    repo.api(account, apiId);
    HttpAuthorizer a = read(call.body(), Ids.random(6), null);
    commit(call, apiId, a);
    return Bodies.json(201, a);
  }

  private ControlResponse update(ApiCall call) {
    HttpAuthorizer current = authorizer(call);
    String apiId = call.path("apiId");
    HttpAuthorizer a = read(call.body(), current.authorizerId(), current);
    commit(call, apiId, a);
    return Bodies.json(200, a);
  }

  private void commit(ApiCall call, String apiId, HttpAuthorizer a) {
    repo.commit(
        call.accountId(),
        apiId,
        List.of(
            HttpApiRepository.put(
                HttpApiRepository.key(
                    call.accountId(), Kinds.HTTP_AUTHORIZER, apiId, a.authorizerId()),
                a)),
        true);
  }

  /** The authorizer the request describes, over {@code current} for an update. */
  private static HttpAuthorizer read(ObjectNode body, String id, @Nullable HttpAuthorizer current) {
    String type =
        current == null
            ? Bodies.requiredString(body, "authorizerType")
            : HttpApiOperations.orElse(
                Bodies.string(body, "authorizerType"), current.authorizerType());
    String name =
        current == null
            ? Bodies.requiredString(body, "name")
            : HttpApiOperations.orElse(Bodies.string(body, "name"), current.name());
    List<String> identity =
        body.has("identitySource")
            ? Bodies.stringList(body, "identitySource")
            : current == null ? null : current.identitySource();
    HttpAuthorizer.JwtConfiguration jwt =
        body.has("jwtConfiguration")
            ? jwtConfiguration(body.get("jwtConfiguration"), current)
            : current == null ? null : current.jwtConfiguration();
    String uri = pick(body, "authorizerUri", current == null ? null : current.authorizerUri());
    String payload =
        pick(
            body,
            "authorizerPayloadFormatVersion",
            current == null ? null : current.authorizerPayloadFormatVersion());
    Boolean simple =
        body.has("enableSimpleResponses")
            ? Bodies.bool(body, "enableSimpleResponses")
            : current == null ? null : current.enableSimpleResponses();
    Integer ttl =
        body.has("authorizerResultTtlInSeconds")
            ? Bodies.integer(body, "authorizerResultTtlInSeconds")
            : current == null ? null : current.authorizerResultTtlInSeconds();
    if (type.equals("JWT")) {
      if (jwt == null || jwt.issuer() == null || jwt.audience() == null) {
        throw ApiException.badRequest(
            "JwtConfiguration with Issuer and Audience must be specified for JWT authorizers");
      }
      if (!jwt.issuer().startsWith("https://") && !jwt.issuer().startsWith("http://")) {
        throw ApiException.badRequest("Invalid issuer " + jwt.issuer() + ": expected a URL");
      }
      if (identity == null || identity.size() != 1 || !identitySource(identity.get(0), false)) {
        throw ApiException.badRequest(
            "Invalid identity source "
                + identity
                + " for a JWT authorizer: expected one $request.header.<name> or"
                + " $request.querystring.<name>");
      }
    } else if (type.equals("REQUEST")) {
      if (uri == null || uri.isEmpty()) {
        throw ApiException.badRequest("AuthorizerUri must be specified for REQUEST authorizers");
      }
      if (payload == null || !(payload.equals("1.0") || payload.equals("2.0"))) {
        throw ApiException.badRequest(
            "AuthorizerPayloadFormatVersion must be 1.0 or 2.0 for REQUEST authorizers");
      }
      if (Boolean.TRUE.equals(simple) && !payload.equals("2.0")) {
        throw ApiException.badRequest(
            "EnableSimpleResponses is only supported for AuthorizerPayloadFormatVersion 2.0");
      }
      if (ttl != null && (ttl < 0 || ttl > 3600)) {
        throw ApiException.badRequest(
            "AuthorizerResultTtlInSeconds must be between 0 and 3600 (was " + ttl + ")");
      }
      if (ttl != null && ttl > 0 && (identity == null || identity.isEmpty())) {
        throw ApiException.badRequest(
            "IdentitySource must be specified when caching is enabled"
                + " (AuthorizerResultTtlInSeconds > 0)");
      }
      for (String s : identity == null ? List.<String>of() : identity) {
        if (!identitySource(s, true)) {
          throw ApiException.badRequest(
              "Invalid identity source "
                  + s
                  + ": expected $request.header.<name>, $request.querystring.<name>,"
                  + " $context.<name> or $stageVariables.<name>");
        }
      }
    } else {
      throw ApiException.badRequest(
          "Invalid authorizer type " + type + ": expected JWT or REQUEST");
    }
    return new HttpAuthorizer(
        id,
        name,
        type,
        identity == null ? null : new ArrayList<>(identity),
        type.equals("JWT") ? jwt : null,
        type.equals("REQUEST") ? uri : null,
        type.equals("REQUEST") ? payload : null,
        type.equals("REQUEST") ? simple : null,
        type.equals("REQUEST") ? ttl : null,
        pick(
            body,
            "authorizerCredentialsArn",
            current == null ? null : current.authorizerCredentialsArn()),
        pick(
            body,
            "identityValidationExpression",
            current == null ? null : current.identityValidationExpression()));
  }

  private static @Nullable String pick(ObjectNode body, String field, @Nullable String current) {
    return body.has(field) ? Bodies.string(body, field) : current;
  }

  /** Audience and issuer; on an update a member left out keeps its value. */
  private static HttpAuthorizer.JwtConfiguration jwtConfiguration(
      JsonNode node, @Nullable HttpAuthorizer current) {
    if (!node.isObject()) {
      throw ApiException.badRequest("Invalid value for jwtConfiguration");
    }
    HttpAuthorizer.JwtConfiguration before = current == null ? null : current.jwtConfiguration();
    List<String> audience = before == null ? null : before.audience();
    JsonNode aud = node.get("audience");
    if (aud != null) {
      if (!aud.isArray()) {
        throw ApiException.badRequest("Invalid value for jwtConfiguration.audience");
      }
      audience = new ArrayList<>();
      for (JsonNode a : aud) {
        audience.add(a.asText());
      }
      if (audience.size() > 50) {
        throw ApiException.badRequest("A JWT authorizer allows at most 50 audiences");
      }
    }
    JsonNode iss = node.get("issuer");
    String issuer =
        iss != null && iss.isTextual() ? iss.asText() : before == null ? null : before.issuer();
    return new HttpAuthorizer.JwtConfiguration(audience, issuer);
  }

  private static boolean identitySource(String s, boolean lambda) {
    String[] prefixes =
        lambda
            ? new String[] {
              "$request.header.", "$request.querystring.", "$context.", "$stageVariables."
            }
            : new String[] {"$request.header.", "$request.querystring."};
    for (String p : prefixes) {
      if (s.startsWith(p) && s.length() > p.length()) {
        return true;
      }
    }
    return false;
  }

  private ControlResponse list(ApiCall call) {
    String apiId = call.path("apiId");
    repo.api(call.accountId(), apiId);
    return Bodies.json(
        200,
        V2Page.of(
            repo.list(call.accountId(), Kinds.HTTP_AUTHORIZER, apiId, HttpAuthorizer.class), call));
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(200, authorizer(call));
  }

  private ControlResponse delete(ApiCall call) {
    HttpAuthorizer a = authorizer(call);
    String apiId = call.path("apiId");
    for (HttpRoute r : repo.list(call.accountId(), Kinds.HTTP_ROUTE, apiId, HttpRoute.class)) {
      if (a.authorizerId().equals(r.authorizerId())) {
        throw ApiException.conflict(
            "Authorizer " + a.authorizerId() + " is used by route " + r.routeKey());
      }
    }
    repo.commit(
        call.accountId(),
        apiId,
        List.of(
            Write.delete(
                HttpApiRepository.key(
                    call.accountId(), Kinds.HTTP_AUTHORIZER, apiId, a.authorizerId()))),
        true);
    return ControlResponse.empty(204);
  }

  private HttpAuthorizer authorizer(ApiCall call) {
    return repo.child(
        call.accountId(),
        Kinds.HTTP_AUTHORIZER,
        call.path("apiId"),
        call.path("authorizerId"),
        HttpAuthorizer.class,
        "Authorizer");
  }
}
