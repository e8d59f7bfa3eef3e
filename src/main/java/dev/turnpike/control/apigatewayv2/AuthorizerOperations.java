package dev.turnpike.control.apigatewayv2;

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
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.List;

/**
 * CreateAuthorizer, GetAuthorizer(s), DeleteAuthorizer for HTTP APIs: stored as configured ({@code
 * JWT} with issuer and audience, {@code REQUEST} with a Lambda URI), so routes can name them. The
 * data plane does not run them yet: routes that name one are refused, never served unprotected.
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
        .add("DELETE", "/v2/apis/{apiId}/authorizers/{authorizerId}", this::delete);
  }

  private ControlResponse create(ApiCall call) {
    String account = call.accountId();
    String apiId = call.path("apiId");
    repo.api(account, apiId);
    ObjectNode body = call.body();
    String type = Bodies.requiredString(body, "authorizerType");
    HttpAuthorizer.JwtConfiguration jwt = null;
    if (type.equals("JWT")) {
      try {
        jwt =
            body.has("jwtConfiguration")
                ? Documents.MAPPER.treeToValue(
                    body.get("jwtConfiguration"), HttpAuthorizer.JwtConfiguration.class)
                : null;
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw ApiException.badRequest("Invalid value for jwtConfiguration");
      }
      if (jwt == null || jwt.issuer() == null || jwt.audience() == null) {
        throw ApiException.badRequest(
            "JwtConfiguration with Issuer and Audience must be specified for JWT authorizers");
      }
    } else if (type.equals("REQUEST")) {
      Bodies.requiredString(body, "authorizerUri");
    } else {
      throw ApiException.badRequest(
          "Invalid authorizer type " + type + ": expected JWT or REQUEST");
    }
    List<String> identity = Bodies.stringList(body, "identitySource");
    HttpAuthorizer a =
        new HttpAuthorizer(
            Ids.random(6),
            Bodies.requiredString(body, "name"),
            type,
            identity,
            jwt,
            Bodies.string(body, "authorizerUri"),
            Bodies.string(body, "authorizerPayloadFormatVersion"),
            Bodies.bool(body, "enableSimpleResponses"),
            Bodies.integer(body, "authorizerResultTtlInSeconds"),
            Bodies.string(body, "authorizerCredentialsArn"),
            Bodies.string(body, "identityValidationExpression"));
    repo.commit(
        account,
        apiId,
        List.of(
            HttpApiRepository.put(
                HttpApiRepository.key(account, Kinds.HTTP_AUTHORIZER, apiId, a.authorizerId()), a)),
        true);
    return Bodies.json(201, a);
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
