package dev.turnpike.control.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.AwsJson;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.store.Documents;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code cognito-idp} service: operations are routed by {@code X-Amz-Target} (the control plane
 * turns it into the path "/AWSCognitoIdentityProviderService.{Operation}"); errors use JSON 1.1's
 * shape, {@code {"__type": ..., "message": ...}}, status 400 as Cognito answers its client errors.
 */
public final class CognitoService {
  /** The signing name in the credential scope. */
  public static final String SERVICE = "cognito-idp";

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
    AwsJson.route(routes, PREFIX, "CreateUserPool", pools::create);
    AwsJson.route(routes, PREFIX, "DescribeUserPool", pools::describe);
    AwsJson.route(routes, PREFIX, "ListUserPools", pools::list);
    AwsJson.route(routes, PREFIX, "DeleteUserPool", pools::delete);
    AwsJson.route(routes, PREFIX, "CreateUserPoolClient", clients::create);
    AwsJson.route(routes, PREFIX, "DescribeUserPoolClient", clients::describe);
    AwsJson.route(routes, PREFIX, "ListUserPoolClients", clients::list);
    AwsJson.route(routes, PREFIX, "DeleteUserPoolClient", clients::delete);
    AwsJson.route(routes, PREFIX, "AdminCreateUser", users::create);
    AwsJson.route(routes, PREFIX, "AdminGetUser", users::get);
    AwsJson.route(routes, PREFIX, "AdminSetUserPassword", users::setPassword);
    AwsJson.route(routes, PREFIX, "AdminDeleteUser", users::delete);
    AwsJson.route(routes, PREFIX, "AdminInitiateAuth", auth::adminInitiateAuth);
    // A signed InitiateAuth is accepted too (an SDK may sign it); the caller's account plays no
    // part: the client id names the pool.
    AwsJson.route(routes, PREFIX, "InitiateAuth", auth::initiateAuth);
    AwsJson.route(routes, PREFIX, "RespondToAuthChallenge", auth::respondToAuthChallenge);
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
    PoolDocuments documents = new PoolDocuments(repo);
    RouteTable<Operation> routes = new RouteTable<>();
    AwsJson.route(routes, PREFIX, "InitiateAuth", auth::initiateAuth);
    AwsJson.route(routes, PREFIX, "RespondToAuthChallenge", auth::respondToAuthChallenge);
    routes.add("GET", "/{userPoolId}/.well-known/jwks.json", documents::jwks);
    routes.add(
        "GET", "/{userPoolId}/.well-known/openid-configuration", documents::openIdConfiguration);
    return routes;
  }

  /**
   * The IAM action of a signed call ({@code cognito-idp:AdminCreateUser}), null when the target is
   * not Cognito's or is a public-client operation.
   */
  public static @Nullable String action(@Nullable String target) {
    String p = PREFIX.substring(1);
    if (target == null || !target.startsWith(p)) {
      return null;
    }
    String op = target.substring(p.length());
    // Public-client operations are not IAM-authorized on AWS, signed or not.
    return op.equals("InitiateAuth") || op.equals("RespondToAuthChallenge")
        ? null
        : SERVICE + ":" + op;
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
