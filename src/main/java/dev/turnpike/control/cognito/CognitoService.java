package dev.turnpike.control.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.Json;
import dev.turnpike.store.Documents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code cognito-idp} service: operations are routed by {@code X-Amz-Target} (the control plane
 * turns it into the path "/AWSCognitoIdentityProviderService.{Operation}"); errors use JSON 1.1's
 * shape, {@code {"__type": ..., "message": ...}}, status 400 as Cognito answers its client errors.
 */
public final class CognitoService {
  /** The signing name in the credential scope. */
  public static final String SERVICE = "cognito-idp";

  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final String PREFIX = "/AWSCognitoIdentityProviderService.";

  private CognitoService() {}

  /** The signed operations, authorized by the caller check before they run. */
  public static RouteTable<Operation> routes(ControlContext ctx) {
    CognitoRepository repo = new CognitoRepository(ctx);
    UserPoolOperations pools = new UserPoolOperations(ctx, repo);
    ClientOperations clients = new ClientOperations(ctx, repo);
    UserOperations users = new UserOperations(ctx, repo);
    AuthOperations auth = new AuthOperations(ctx, repo);
    RouteTable<Operation> routes = new RouteTable<>();
    add(routes, "CreateUserPool", pools::create);
    add(routes, "DescribeUserPool", pools::describe);
    add(routes, "ListUserPools", pools::list);
    add(routes, "DeleteUserPool", pools::delete);
    add(routes, "CreateUserPoolClient", clients::create);
    add(routes, "DescribeUserPoolClient", clients::describe);
    add(routes, "ListUserPoolClients", clients::list);
    add(routes, "DeleteUserPoolClient", clients::delete);
    add(routes, "AdminCreateUser", users::create);
    add(routes, "AdminGetUser", users::get);
    add(routes, "AdminSetUserPassword", users::setPassword);
    add(routes, "AdminDeleteUser", users::delete);
    add(routes, "AdminInitiateAuth", auth::adminInitiateAuth);
    // A signed InitiateAuth is accepted too (an SDK may sign it); the caller's account plays no
    // part: the client id names the pool.
    add(routes, "InitiateAuth", auth::initiateAuth);
    add(routes, "RespondToAuthChallenge", auth::respondToAuthChallenge);
    return routes;
  }

  /**
   * What AWS serves without a signature (public clients): {@code InitiateAuth} and {@code
   * RespondToAuthChallenge} (its second step, also unsigned in botocore's model), and the pool's
   * {@code GET /{userPoolId}/.well-known/jwks.json} and {@code openid-configuration}. The control
   * plane consults these only for an unsigned request, so nothing else becomes public.
   */
  public static RouteTable<Operation> unsignedRoutes(ControlContext ctx) {
    CognitoRepository repo = new CognitoRepository(ctx);
    AuthOperations auth = new AuthOperations(ctx, repo);
    RouteTable<Operation> routes = new RouteTable<>();
    add(routes, "InitiateAuth", auth::initiateAuth);
    add(routes, "RespondToAuthChallenge", auth::respondToAuthChallenge);
    routes.add("GET", "/{userPoolId}/.well-known/jwks.json", auth::jwks);
    routes.add("GET", "/{userPoolId}/.well-known/openid-configuration", auth::openIdConfiguration);
    return routes;
  }

  /**
   * The IAM action of a signed call ({@code cognito-idp:AdminCreateUser}), null when the target is
   * not Cognito's.
   */
  public static @Nullable String action(@Nullable String target) {
    String p = PREFIX.substring(1);
    return target != null && target.startsWith(p)
        ? SERVICE + ":" + target.substring(p.length())
        : null;
  }

  /**
   * The resource an action is authorized on: the pool's ARN when the call names a pool, else {@code
   * *} (CreateUserPool, ListUserPools).
   */
  public static String resource(String region, String accountId, byte[] body) {
    JsonNode json;
    try {
      json = body.length == 0 ? null : Documents.MAPPER.readTree(body);
    } catch (IOException e) {
      json = null; // the operation refuses the body itself
    }
    String pool = json == null ? "" : json.path("UserPoolId").asText("");
    return pool.isEmpty() ? "*" : UserPoolOperations.arn(region, accountId, pool);
  }

  private static void add(RouteTable<Operation> routes, String name, Operation op) {
    routes.add(
        "POST",
        PREFIX + name,
        call -> {
          try {
            return op.handle(call);
          } catch (ApiException e) {
            return error(e);
          }
        });
  }

  static ControlResponse json(String body) {
    return new ControlResponse(
        200, Map.of("Content-Type", CONTENT_TYPE), body.getBytes(StandardCharsets.UTF_8));
  }

  static ControlResponse error(ApiException e) {
    String body =
        "{\"__type\":"
            + Json.quote(e.errorType())
            + ",\"message\":"
            + Json.quote(e.getMessage())
            + "}";
    return new ControlResponse(
        e.status(),
        Map.of("Content-Type", CONTENT_TYPE, "x-amzn-ErrorType", e.errorType()),
        body.getBytes(StandardCharsets.UTF_8));
  }

  static ApiException invalidParameter(String message) {
    return new ApiException(400, "InvalidParameterException", message);
  }

  static ApiException notAuthorized(String message) {
    return new ApiException(400, "NotAuthorizedException", message);
  }

  static ApiException poolNotFound(String poolId) {
    return new ApiException(
        400, "ResourceNotFoundException", "User pool " + poolId + " does not exist.");
  }

  static ApiException clientNotFound(String clientId) {
    return new ApiException(
        400, "ResourceNotFoundException", "User pool client " + clientId + " does not exist.");
  }

  static ApiException userNotFound() {
    return new ApiException(400, "UserNotFoundException", "User does not exist.");
  }

  /**
   * A missing required member, as Cognito's validation words it ({@code 1 validation error
   * detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null}).
   */
  static ApiException missing(String member) {
    return invalidParameter(
        "1 validation error detected: Value null at '"
            + member
            + "' failed to satisfy constraint: Member must not be null");
  }
}
