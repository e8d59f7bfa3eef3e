package dev.turnpike.decision;

import org.jspecify.annotations.Nullable;

/**
 * Why an exchange ended the way it did: one small constant stamped by the stage that decided, with
 * the slug of the knowledge-base article that explains it ({@code docs/kb/<slug>.md}). Text is
 * rendered only when someone asks.
 */
public enum Cause {
  OK(null, "served"),
  UNKNOWN_HOST("unknown-stage-403", "the Host is neither an execute-api host nor a custom domain"),
  UNKNOWN_API("unknown-stage-403", "no API with this id"),
  UNKNOWN_STAGE("unknown-stage-403", "the API has no stage of this name"),
  ENDPOINT_DISABLED(
      "disabled-execute-api-endpoint", "the API's default execute-api endpoint is disabled"),
  NO_BASE_PATH_MAPPING(
      "custom-domain-base-path-403", "no base path mapping of the custom domain matches the path"),
  CLIENT_CERTIFICATE_REQUIRED(
      "mutual-tls-handshake",
      "the custom domain requires mutual TLS and this connection's handshake did not validate a"
          + " client certificate for it"),
  NO_ROUTE("missing-authentication-token", "no resource and method match the path and verb"),
  HTTP_API_NOT_FOUND(
      "http-api-404",
      "HTTP API: no stage, or no route (and no $default route), matches the path and method (404)"),
  CORS_PREFLIGHT_REFUSED(
      "http-api-cors",
      "HTTP API CORS: the gateway answered the preflight 204 without CORS headers, because"
          + " corsConfiguration does not allow its origin, method or a requested header (the"
          + " browser then blocks the call)"),
  PATH_CLIMBS(
      "missing-authentication-token",
      "a path parameter holds a '..' segment behind an encoded slash, a backslash or a ';'"),
  SIGV4_MISSING(
      "missing-authentication-token", "the method requires AWS_IAM and the request is not signed"),
  SIGV4_MISMATCH("signature-mismatch", "the signature does not match what Turnpike computed"),
  SIGV4_EXPIRED(
      "signature-expired-clock-skew",
      "the request time is more than 5 minutes from the server's clock"),
  SIGV4_TOKEN_EXPIRED("signature-expired-clock-skew", "the temporary credentials have expired"),
  SIGV4_UNKNOWN_KEY("signature-mismatch", "the access key id is unknown"),
  SIGV4_MALFORMED("signature-mismatch", "the Authorization header or presigned query is malformed"),
  IAM_DENIED(
      "cross-account-403", "the identity and resource policies do not allow execute-api:Invoke"),
  API_KEY_MISSING("api-key-403", "the method requires an API key and none was sent"),
  API_KEY_INVALID("api-key-403", "the API key sent is not a key of this account"),
  API_KEY_DISABLED("api-key-403", "the API key is disabled"),
  API_KEY_NOT_IN_PLAN("api-key-403", "the API key is not in a usage plan of this API stage"),
  THROTTLE_PLAN("throttling-429", "the usage plan's throttle for this key is exhausted"),
  THROTTLE_STAGE("throttling-429", "the stage's method throttle is exhausted"),
  THROTTLE_ACCOUNT("throttling-429", "the account throttle is exhausted"),
  QUOTA("quota-limit-exceeded-429", "the usage plan's quota for this key is used up"),
  BAD_REQUEST_PARAMETERS(
      "request-validation-400",
      "the method's request validator found a required header, path or query string parameter"
          + " missing or empty (400)"),
  BAD_REQUEST_BODY(
      "request-validation-400",
      "the method's request validator found the body does not match the model for its content"
          + " type (400)"),
  INTEGRATION_TIMEOUT(
      "integration-timeout-504", "the backend did not answer within the integration timeout"),
  INTEGRATION_FAILURE("integration-500", "the backend could not be reached or answered garbage"),
  BACKEND_ERROR_STATUS(
      "integration-500", "the backend itself answered with a 5xx status, passed through"),
  CONFIGURATION_ERROR("integration-500", "the integration or its mapping is misconfigured"),
  AUTHORIZER_NOT_RUN(
      "authorizer-configuration-500",
      "the method uses a Lambda or Cognito authorizer and no authorizer runs on this path: refused"
          + " (500) rather than served without authorization"),
  AUTHORIZER_UNAUTHORIZED(
      "authorizer-401",
      "the Lambda authorizer refused the identity: token or identity source missing, not matching"
          + " the validation expression, or the function answered Unauthorized (401)"),
  AUTHORIZER_DENIED(
      "authorizer-403",
      "the authorizer's policy denies this method explicitly (403 explicit deny)"),
  AUTHORIZER_NOT_ALLOWED(
      "authorizer-403",
      "no statement of the authorizer's policy (nor the resource policy) allows this method's ARN"
          + " (403); a cached policy written for another method is the classic cause"),
  AUTHORIZER_CONFIGURATION(
      "authorizer-configuration-500",
      "the authorizer could not run or answered something that is not an authorizer result"
          + " (500 AuthorizerConfigurationException)"),
  JWT_UNAUTHORIZED(
      "http-api-jwt-401",
      "HTTP API JWT authorizer: the token is missing, not a JWT, signed with a key the issuer does"
          + " not publish, from another issuer, for another audience, or expired (401)"),
  JWT_INSUFFICIENT_SCOPE(
      "http-api-jwt-401",
      "HTTP API JWT authorizer: the token is valid but holds none of the route's authorization"
          + " scopes (403)"),
  COGNITO_UNAUTHORIZED(
      "cognito-401",
      "the Cognito token is missing, expired, tampered, from another user pool, or the wrong kind"
          + " of token for the method's scopes (401)"),
  LAMBDA_PERMISSION(
      "lambda-invalid-permissions",
      "API Gateway may not invoke the function: no statement of its resource policy and no"
          + " credentials role allows lambda:InvokeFunction for this method"),
  LAMBDA_NOT_FOUND(
      "lambda-invalid-permissions", "the integration names a Lambda function that does not exist"),
  LAMBDA_THROTTLED("lambda-throttled", "the function is at its concurrency limit (Lambda 429)"),
  LAMBDA_FUNCTION_ERROR(
      "lambda-function-error", "the function raised an error, timed out or exited (502)"),
  LAMBDA_MALFORMED_RESPONSE(
      "lambda-malformed-proxy-response",
      "the function's result is not a valid Lambda proxy response (502)"),
  OTHER_ERROR("integration-500", "the gateway refused the request");

  private final @Nullable String kbSlug;
  private final String summary;

  Cause(@Nullable String kbSlug, String summary) {
    this.kbSlug = kbSlug;
    this.summary = summary;
  }

  /** The knowledge-base article, null for served requests. */
  public @Nullable String kbSlug() {
    return kbSlug;
  }

  public String summary() {
    return summary;
  }
}
