package dev.turnpike.control;

import dev.turnpike.auth.sigv4.Credential;
import dev.turnpike.auth.sigv4.CredentialScope;
import dev.turnpike.auth.sigv4.SigV4Error;
import dev.turnpike.auth.sigv4.SigV4Request;
import dev.turnpike.auth.sigv4.SigV4Result;
import dev.turnpike.auth.sigv4.SigV4Verifier;
import dev.turnpike.store.StoreException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The control plane's front door: every call must carry a valid SigV4 signature from a known access
 * key (AWS's error shapes otherwise); the signature's service picks the operation table; the
 * caller's account scopes every resource. Any failure becomes an AWS-shaped error, never a stack
 * trace.
 */
public final class ControlPlane {
  private final SigV4Verifier verifier;
  private final Map<String, RouteTable<Operation>> services;
  private final String region;
  private final CallerCheck callerCheck;
  private final RouteTable<Operation> unsigned;

  /**
   * Authorizes a verified caller before the operation runs (identity policies of
   * non-administrators); throws an {@link ApiException} to refuse. Query-protocol services ({@code
   * iam}, {@code sts}) authorize per action inside.
   */
  @FunctionalInterface
  public interface CallerCheck {
    void check(Credential caller, String service, ControlRequest request);
  }

  public ControlPlane(
      SigV4Verifier verifier, Map<String, RouteTable<Operation>> services, String region) {
    this(verifier, services, region, (caller, service, request) -> {});
  }

  public ControlPlane(
      SigV4Verifier verifier,
      Map<String, RouteTable<Operation>> services,
      String region,
      CallerCheck callerCheck) {
    this(verifier, services, region, callerCheck, new RouteTable<>());
  }

  /**
   * With {@code unsigned}: the few operations AWS itself serves without a signature (Cognito's
   * public-client {@code InitiateAuth}, a user pool's JWKS document). They are matched only for a
   * request that carries no signature at all, run with no caller (account ""), and find their
   * resource from what the request names; everything else without a signature is refused as before.
   */
  public ControlPlane(
      SigV4Verifier verifier,
      Map<String, RouteTable<Operation>> services,
      String region,
      CallerCheck callerCheck,
      RouteTable<Operation> unsigned) {
    this.verifier = verifier;
    this.services = Map.copyOf(services);
    this.region = region;
    this.callerCheck = callerCheck;
    this.unsigned = unsigned;
  }

  /**
   * Handles one request on the control thread. The response is complete, or {@link
   * ControlResponse#later() deferred} for an operation that waits (its failure is rendered as
   * here).
   */
  public ControlResponse handle(ControlRequest request) {
    try {
      ControlResponse r = dispatch(request);
      CompletableFuture<ControlResponse> later = r.later();
      if (later == null) {
        return r;
      }
      return ControlResponse.deferred(
          later.handle(
              (done, error) ->
                  error == null
                      ? done
                      : failure(
                          request,
                          error instanceof CompletionException && error.getCause() != null
                              ? error.getCause()
                              : error)));
    } catch (RuntimeException e) {
      return failure(request, e);
    }
  }

  private static ControlResponse failure(ControlRequest request, Throwable e) {
    if (e instanceof ApiException api) {
      return ControlResponse.error(api);
    }
    if (e instanceof StoreException store && store.unavailable()) {
      // A shared store (PostgreSQL) that cannot be reached: the data plane keeps serving its last
      // snapshot; the caller may retry (the SDKs do so on 503).
      System.err.println("turnpike: control-plane " + request.rawPath() + ": " + e.getMessage());
      return ControlResponse.error(
          new ApiException(
              503,
              "ServiceUnavailableException",
              "The configuration store is unavailable. Retry the request."));
    }
    System.err.println(
        "turnpike: control-plane " + request.method() + " " + request.rawPath() + " failed: " + e);
    return ControlResponse.error(
        new ApiException(
            500,
            "InternalFailure",
            "The request processing has failed because of an unknown error, exception or"
                + " failure."));
  }

  private ControlResponse dispatch(ControlRequest request) {
    SigV4Request signed =
        new SigV4Request(
            request.method(),
            request.rawPath(),
            request.rawQuery(),
            request.headers(),
            request.body());
    if (!SigV4Verifier.hasSignature(signed)) {
      RouteTable.Match<Operation> open = unsigned.match(request.method(), routingPath(request));
      if (open == null) {
        return reject(SigV4Error.missingAuthenticationToken());
      }
      return open.handler()
          .handle(
              new ApiCall(
                  "",
                  "",
                  region,
                  open.pathParams(),
                  QueryStrings.parse(request.rawQuery()),
                  request.body(),
                  request::header));
    }
    String service = serviceOf(signed);
    RouteTable<Operation> routes = services.get(service);
    if (routes == null) {
      throw new ApiException(
          400,
          "UnknownServiceException",
          "Turnpike does not serve the service '" + service + "' named in the credential scope");
    }
    SigV4Result result = verifier.verify(signed, service);
    if (result instanceof SigV4Result.Rejected rejected) {
      return service.equals("iam") || service.equals("sts")
          ? queryError(rejected.error(), service)
          : reject(rejected.error());
    }
    Credential caller = ((SigV4Result.Verified) result).credential();
    RouteTable.Match<Operation> match = routes.match(request.method(), routingPath(request));
    if (match == null) {
      throw new ApiException(
          404,
          "UnknownOperationException",
          "No operation matches " + request.method() + " " + request.rawPath());
    }
    callerCheck.check(caller, service, request);
    Map<String, List<String>> query = QueryStrings.parse(request.rawQuery());
    ApiCall call =
        new ApiCall(
            caller.accountId(),
            caller.principalArn(),
            region,
            match.pathParams(),
            query,
            request.body(),
            request::header);
    return match.handler().handle(call);
  }

  /**
   * The path operations are routed by. JSON 1.1 services (acm) POST to "/" and name the operation
   * in {@code X-Amz-Target} ({@code CertificateManager.ImportCertificate}); they register
   * "/{target}".
   */
  private static String routingPath(ControlRequest request) {
    String target = request.header("X-Amz-Target");
    if (target != null && "POST".equals(request.method()) && "/".equals(request.rawPath())) {
      return "/" + target;
    }
    return request.rawPath();
  }

  /**
   * Query-protocol services ({@code iam}, {@code sts}) answer errors as {@code ErrorResponse} XML.
   */
  private static ControlResponse queryError(SigV4Error error, String service) {
    String code =
        switch (error.errorType()) {
          case SigV4Error.UNRECOGNIZED_CLIENT -> "InvalidClientTokenId";
          case SigV4Error.INVALID_SIGNATURE ->
              error.reason() == SigV4Error.Reason.MISMATCH
                  ? "SignatureDoesNotMatch"
                  : "InvalidSignatureException";
          case SigV4Error.EXPIRED_TOKEN -> "ExpiredToken";
          case SigV4Error.INCOMPLETE_SIGNATURE -> "IncompleteSignature";
          case SigV4Error.MISSING_AUTHENTICATION_TOKEN -> "MissingAuthenticationToken";
          default -> error.errorType();
        };
    return QueryErrorResponse.of(
        service.equals("iam") ? QueryErrorResponse.IAM_NS : QueryErrorResponse.STS_NS,
        new ApiException(error.status(), code, error.message()),
        UUID.randomUUID().toString());
  }

  private static ControlResponse reject(SigV4Error error) {
    return ControlResponse.error(
        new ApiException(error.status(), error.errorType(), error.message()));
  }

  /**
   * The service named in the credential scope ({@code
   * Credential=AKID/date/region/SERVICE/aws4_request}).
   */
  private static String serviceOf(SigV4Request request) {
    CredentialScope scope = SigV4Verifier.claimedScope(request);
    return scope == null
        ? "apigateway"
        : scope.service(); // apigateway: the verifier reports the malformed scope
  }
}
