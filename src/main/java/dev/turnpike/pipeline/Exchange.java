package dev.turnpike.pipeline;

import dev.turnpike.auth.iam.Caller;
import dev.turnpike.counters.Limiter;
import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord;
import dev.turnpike.model.ClientCertificate;
import dev.turnpike.observe.RequestIds;
import dev.turnpike.routing.BasePathMatcher;
import dev.turnpike.routing.DomainIndex;
import dev.turnpike.routing.HttpRouteTable;
import dev.turnpike.routing.RouteMatch;
import dev.turnpike.snapshot.CompiledApi;
import dev.turnpike.snapshot.CompiledHttpApi;
import dev.turnpike.snapshot.CompiledHttpStage;
import dev.turnpike.snapshot.CompiledMethod;
import dev.turnpike.snapshot.CompiledRoute;
import dev.turnpike.snapshot.CompiledStage;
import dev.turnpike.snapshot.GatewaySnapshot;
import dev.turnpike.snapshot.KeyGrant;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One request on its way through the stages: what arrived (immutable), and what the stages found
 * (route, stage, later identity, key, limits), in typed fields. Owned by one event loop from start
 * to end; never shared.
 */
public final class Exchange {
  // Header names as AsciiStrings: their hash is computed once, a String name's on every lookup.
  private static final AsciiString TRACE_ID = AsciiString.cached("X-Amzn-Trace-Id");
  private static final AsciiString METHOD_OVERRIDE = AsciiString.cached("X-HTTP-Method-Override");

  // What arrived.
  public final String method;
  public final String rawPath;
  public final String rawQuery;
  public final HttpHeaders headers;
  public final byte[] body;
  public final String sourceIp;
  public final String protocol;
  public final String requestId;
  public final String extendedRequestId;
  public final long startNanos;
  public final long requestTimeEpochMillis;
  public final GatewaySnapshot snapshot;

  /** Arrived over TLS (the HTTPS listener); custom domains are served only there. */
  public boolean secure;

  /** The SNI server name of the TLS connection, null without TLS or SNI. */
  public @Nullable String tlsServerName;

  /**
   * The client certificate a mutual-TLS handshake validated, null otherwise ({@code
   * $context.identity.clientCert}).
   */
  public @Nullable ClientCertificate clientCert;

  // What the stages found.
  public @Nullable CompiledApi api;
  public @Nullable CompiledStage stage;

  /** The path after the stage (or after the base path of a custom domain), as sent. */
  public @Nullable String stagePath;

  public @Nullable RouteMatch<CompiledMethod> route;

  /**
   * The HTTP API (apigatewayv2) the request reached, null for REST APIs: set when {@link
   * ResolveApiStage} hands the exchange to the HTTP API stages ({@link HttpApiEntry}), with its
   * stage; then the route the HTTP API's table selected.
   */
  public @Nullable CompiledHttpApi httpApi;

  public @Nullable CompiledHttpStage httpStage;
  public HttpRouteTable.@Nullable Match<CompiledRoute> httpRoute;

  /**
   * Who signed the request (AWS_IAM methods), null for anonymous callers; set by {@link
   * IamAuthorizationStage}.
   */
  public @Nullable Caller caller;

  /**
   * What the method's Lambda or Cognito authorizer established, null for other methods (set by the
   * authorizer stage).
   */
  public @Nullable AuthorizerContext authorizer;

  /**
   * What an HTTP API route's JWT authorizer accepted (claims as text, and scopes when the route
   * names some): the 2.0 event's {@code requestContext.authorizer.jwt}. Null for other routes.
   */
  public dev.turnpike.oidc.JwtOutcome.@Nullable Authorized jwt;

  /**
   * The gateway answered this CORS preflight itself (no route matched it): its reply carries the
   * preflight's headers already, and {@link HttpApiCors#finish} leaves it alone.
   */
  public boolean corsPreflightAnswered;

  /**
   * The resource policy's verdict for the anonymous caller of a {@code CUSTOM} method, kept by the
   * IAM stage for the authorizer stage to combine with the authorizer's policy (spec 5.2 table A);
   * null without a resource policy.
   */
  public dev.turnpike.auth.iam.@Nullable Verdict resourcePolicyVerdict;

  /** The access key that signed the request, null for anonymous callers. */
  public @Nullable String callerAccessKeyId;

  /**
   * How the request reached the API: "host" for execute-api hosts, "path" for the /restapis/...
   * style.
   */
  public @Nullable String addressing;

  /**
   * The usage plan's grant of the key sent, when the method requires one and it passed
   * (ApiKeyStage).
   */
  public @Nullable KeyGrant keyGrant;

  /**
   * The custom domain and base path mapping that routed the request (references the snapshot
   * holds).
   */
  public DomainIndex.@Nullable CompiledDomain domain;

  public BasePathMatcher.@Nullable Mapping mapping;

  /**
   * Throttle buckets checked, for the decision record: the bucket (null = not checked) and its
   * whole tokens right after the check; the quota's used and remaining after its check (-1 = not
   * checked). Primitive fields, so a request records its metering without allocating.
   */
  public @Nullable Limiter planBucket;

  public int planTokens;
  public @Nullable Limiter stageBucket;
  public int stageTokens;
  public @Nullable Limiter accountBucket;
  public int accountTokens;
  public long quotaUsed = -1;
  public long quotaRemaining = -1;

  /**
   * {@code $context.error.validationErrorString} of a body the request validator refused, null
   * otherwise (set by {@link RequestValidationStage}).
   */
  public @Nullable String validationErrorString;

  /** Execution-log lines of this exchange; null when the method does not log. */
  public @Nullable ExecutionTrace executionTrace;

  /**
   * Whether {@link ExecutionTrace#of} has looked the method's log level up: when it is off the
   * trace stays null, and this keeps the authorizer and API-key stages from looking it up twice.
   */
  boolean executionTraceLookedUp;

  // What happened.
  public long integrationLatencyMillis = -1;

  /**
   * Why the exchange ended as it did (stamped by the stage that refused); see {@link Decisions}.
   */
  public Cause cause = Cause.OK;

  /** A small typed fact of that stage, or null. */
  public DecisionRecord.@Nullable Fact causeDetail;

  /** The path running this exchange and its event loop; set by {@link RequestPath#run}. */
  @Nullable RequestPath path;

  @Nullable EventLoop loop;

  /** The suspension a stage made and has not returned {@link Stage#SUSPENDED} for yet. */
  @Nullable Suspension suspension;

  private @Nullable String traceId;
  private @Nullable String host;
  private boolean hostRead;

  public Exchange(
      String method,
      String rawPath,
      String rawQuery,
      HttpHeaders headers,
      byte[] body,
      String sourceIp,
      String protocol,
      String requestId,
      String extendedRequestId,
      long startNanos,
      long requestTimeEpochMillis,
      GatewaySnapshot snapshot) {
    this.method = method;
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
    this.headers = headers;
    this.body = body;
    this.sourceIp = sourceIp;
    this.protocol = protocol;
    this.requestId = requestId;
    this.extendedRequestId = extendedRequestId;
    this.startNanos = startNanos;
    this.requestTimeEpochMillis = requestTimeEpochMillis;
    this.snapshot = snapshot;
  }

  /**
   * Suspends this exchange in the current stage, which must then return {@link Stage#SUSPENDED} and
   * later settle the returned suspension. If it is not settled within {@code timeoutMillis}, {@code
   * onTimeout} renders the reply.
   */
  public Suspension suspend(long timeoutMillis, Function<Exchange, GatewayReply> onTimeout) {
    if (path == null || loop == null) {
      throw new IllegalStateException("suspend: the exchange is not running on a request path");
    }
    if (suspension != null) {
      throw new IllegalStateException("suspend: already suspended");
    }
    suspension = new Suspension(this, path, loop, timeoutMillis, onTimeout);
    return suspension;
  }

  /** The event loop this exchange runs on; call only while it runs on a request path. */
  public EventLoop eventLoop() {
    if (loop == null) {
      throw new IllegalStateException("not running");
    }
    return loop;
  }

  /** The resolved API; call only after {@link ResolveApiStage} succeeded. */
  public CompiledApi api() {
    if (api == null) {
      throw new IllegalStateException("no API resolved");
    }
    return api;
  }

  /** The HTTP API stage; call only on the HTTP API stages, after {@link HttpApiEntry}. */
  public CompiledHttpStage httpStage() {
    if (httpStage == null) {
      throw new IllegalStateException("no HTTP API stage resolved");
    }
    return httpStage;
  }

  /** The selected HTTP API route; call only after {@link HttpRouteStage}. */
  public CompiledRoute httpRoute() {
    if (httpRoute == null) {
      throw new IllegalStateException("no HTTP API route selected");
    }
    return httpRoute.route();
  }

  /** The resolved stage; call only after {@link ResolveApiStage} succeeded. */
  public CompiledStage stage() {
    if (stage == null) {
      throw new IllegalStateException("no stage resolved");
    }
    return stage;
  }

  /** The route match; call only after routing succeeded. */
  public RouteMatch<CompiledMethod> route() {
    if (route == null) {
      throw new IllegalStateException("not routed");
    }
    return route;
  }

  /** The matched method; call only after routing succeeded. */
  public CompiledMethod method() {
    if (route == null) {
      throw new IllegalStateException("not routed");
    }
    return route.method();
  }

  /**
   * The {@code Host} header as sent, null without one; read once (routing, templates and the
   * decision record ask).
   */
  public @Nullable String host() {
    if (!hostRead) {
      host = headers.get(HttpHeaderNames.HOST);
      hostRead = true;
    }
    return host;
  }

  /** {@code X-Amzn-Trace-Id}: the client's when it sent one, else made on first use. */
  public String traceId() {
    if (traceId == null) {
      String sent = headers.get(TRACE_ID);
      traceId =
          sent != null && sent.startsWith("Root=")
              ? sent
              : RequestIds.traceId(requestTimeEpochMillis / 1000);
    }
    return traceId;
  }

  /**
   * The method used for routing: {@code X-HTTP-Method-Override} when present (AWS known issues),
   * else the verb.
   */
  public String routingMethod() {
    String override = headers.get(METHOD_OVERRIDE);
    return override == null || override.isBlank()
        ? method
        : override.trim().toUpperCase(Locale.ROOT);
  }
}
