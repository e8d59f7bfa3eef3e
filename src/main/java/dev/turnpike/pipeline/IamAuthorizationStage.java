package dev.turnpike.pipeline;

import static java.util.Objects.requireNonNull;

import dev.turnpike.auth.iam.Arns;
import dev.turnpike.auth.iam.Authorization;
import dev.turnpike.auth.iam.Caller;
import dev.turnpike.auth.iam.CompiledPolicy;
import dev.turnpike.auth.iam.RequestContext;
import dev.turnpike.auth.iam.Verdict;
import dev.turnpike.auth.sigv4.Credential;
import dev.turnpike.auth.sigv4.SigV4Error;
import dev.turnpike.auth.sigv4.SigV4Request;
import dev.turnpike.auth.sigv4.SigV4Result;
import dev.turnpike.auth.sigv4.SigV4Verifier;
import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord.PolicyFact;
import dev.turnpike.decision.DecisionRecord.SignatureFact;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.snapshot.CompiledHttpStage;
import dev.turnpike.snapshot.CompiledStage;
import dev.turnpike.snapshot.IamIndex;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * Authentication and authorization of {@code execute-api:Invoke} (spec 1.7 steps 6–7, 4, 5).
 *
 * <ul>
 *   <li>Methods with {@code AWS_IAM}: SigV4 verification (service {@code execute-api}, header or
 *       presigned query) against the snapshot's credential index, with the 4.3 check order and
 *       messages; then the caller's identity policies (administrators — account roots — may do
 *       everything) combined with the deployment's resource policy per tables A and B of 5.2.
 *   <li>Other methods with a resource policy: the anonymous caller, resource policy alone (needs an
 *       explicit Allow); without a resource policy nothing is checked.
 * </ul>
 *
 * <p>The resource ARN is built from the actual request: {@code
 * arn:aws:execute-api:{region}:{owner}:{api}/{stage}/ {VERB}{path}} with the verb as sent and the
 * path after the stage as sent; denials mask the owner's account id (5.3). Nothing here parses a
 * policy or reads the store: everything comes from the exchange's snapshot.
 *
 * <p>Deviation: AWS may check a resource policy's explicit deny before authentication (1.7 step 4);
 * Turnpike authenticates first, so an unsigned request to a denied AWS_IAM method reads "Missing
 * Authentication Token" rather than the deny [UNCONF which AWS shows].
 */
public final class IamAuthorizationStage implements Stage {
  public static final String ACTION = "execute-api:Invoke";
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;
  // Racy by design: a stale read only re-formats; the record is immutable.
  private volatile SecondText currentTime = new SecondText(Long.MIN_VALUE, "");

  private final String region;
  private final Clock clock;

  public IamAuthorizationStage(String region, Clock clock) {
    this.region = region;
    this.clock = clock;
  }

  @Override
  public @Nullable GatewayReply apply(Exchange ex) {
    // Cognito methods: authenticate first, then the resource policy alone (spec 5.2); the
    // authorizer stage calls checkResourcePolicy once the token is good.
    return "COGNITO_USER_POOLS".equals(ex.method().authorizationType())
        ? null
        : decide(ex, ex.method().authorizationType());
  }

  /**
   * The resource policy alone for the anonymous caller (a method without AWS_IAM): needs an
   * explicit Allow. The authorizer stage's second step for Cognito methods.
   */
  public @Nullable GatewayReply checkResourcePolicy(Exchange ex) {
    return decide(ex, "NONE");
  }

  private @Nullable GatewayReply decide(Exchange ex, String authorizationType) {
    CompiledStage stage = ex.stage();
    IamIndex iam = ex.snapshot.iam();
    CompiledPolicy resourcePolicy = iam.resourcePolicy(stage.apiId(), stage.deploymentId());
    boolean awsIam = "AWS_IAM".equals(authorizationType);
    if (!awsIam && resourcePolicy == null) {
      return null;
    }
    Caller caller = Caller.ANONYMOUS;
    Credential credential = null;
    if (awsIam) {
      SigV4Result result = new SigV4Verifier(clock, iam).verify(signedRequest(ex), "execute-api");
      if (result instanceof SigV4Result.Rejected rejected) {
        return refuse(rejected.error(), ex);
      }
      credential = ((SigV4Result.Verified) result).credential();
      caller = iam.caller(credential);
      ex.caller = caller;
      ex.callerAccessKeyId = credential.accessKeyId();
    }
    String owner = stage.accountId();
    // A policy is evaluated only for a non-administrator caller or a resource policy; an account
    // root calling its own
    // API without one (the common signed case) needs neither a request context nor the resource
    // ARN, so neither is
    // built. The masked ARN of the denial message is built only for a denial.
    boolean evaluatesIdentity = awsIam && caller.type() != Caller.Type.ACCOUNT;
    RequestContext ctx =
        evaluatesIdentity || resourcePolicy != null
            ? context(
                ex, "arn:aws:execute-api:" + region + ":" + owner + arnTail(ex), caller, credential)
            : null;
    Verdict identity = Verdict.NONE;
    if (awsIam) {
      identity =
          evaluatesIdentity
              ? CompiledPolicy.evaluateAll(iam.identityPolicies(caller), requireNonNull(ctx, "ctx"))
              : Verdict.ALLOW_ALL;
    }
    Verdict resource =
        resourcePolicy == null ? null : resourcePolicy.evaluate(requireNonNull(ctx, "ctx"));
    if ("CUSTOM".equals(authorizationType) && resource != null && !resource.denies()) {
      // Lambda authorizer: only an explicit deny refuses before the authorizer runs; its policy
      // and this verdict are combined after it (spec 5.2 table A).
      ex.resourcePolicyVerdict = resource;
      return null;
    }
    Authorization.Decision d =
        Authorization.decide(
            caller,
            ACTION,
            identity,
            resource,
            owner,
            () -> "arn:aws:execute-api:" + region + ":" + Arns.maskAccount(owner) + arnTail(ex));
    if (d.allowed()) {
      return null;
    }
    return GatewayResponses.refuse(
        ex,
        GatewayResponseType.ACCESS_DENIED,
        Cause.IAM_DENIED,
        new PolicyFact(
            d.reason().name(),
            d.message(),
            caller.accountId() != null && !caller.accountId().equals(owner),
            owner,
            identity.statementId(),
            resource == null ? null : resource.statementId()),
        requireNonNull(d.message(), "denied"),
        null);
  }

  /**
   * An HTTP API route with {@code AWS_IAM}: the same SigV4 verification and identity policies; HTTP
   * APIs have no resource policies. The resource is {@code
   * arn:aws:execute-api:{region}:{owner}:{api}/{stage}/{VERB}{path}} ({@code $default} as the stage
   * name). Every refusal is 403 {@code {"message":"Forbidden"}} (spec 1.6 [UNCONF]); the decision
   * record keeps the SigV4 or policy reason.
   */
  @Nullable GatewayReply decideHttpApi(Exchange ex) {
    CompiledHttpStage stage = ex.httpStage();
    IamIndex iam = ex.snapshot.iam();
    SigV4Result result = new SigV4Verifier(clock, iam).verify(signedRequest(ex), "execute-api");
    if (result instanceof SigV4Result.Rejected rejected) {
      SigV4Error error = rejected.error();
      Cause cause = Decisions.signatureCause(error.reason());
      return HttpApiReplies.forbidden(
          ex,
          cause,
          cause == Cause.SIGV4_MISSING
              ? null
              : new SignatureFact(error.errorType(), error.message()));
    }
    Credential credential = ((SigV4Result.Verified) result).credential();
    Caller caller = iam.caller(credential);
    ex.caller = caller;
    ex.callerAccessKeyId = credential.accessKeyId();
    String owner = stage.accountId();
    String tail = ":" + stage.apiId() + "/" + stage.stageName() + "/" + ex.method + ex.stagePath;
    Verdict identity =
        caller.type() != Caller.Type.ACCOUNT
            ? CompiledPolicy.evaluateAll(
                iam.identityPolicies(caller),
                context(
                    ex, "arn:aws:execute-api:" + region + ":" + owner + tail, caller, credential))
            : Verdict.ALLOW_ALL;
    Authorization.Decision d =
        Authorization.decide(
            caller,
            ACTION,
            identity,
            null,
            owner,
            () -> "arn:aws:execute-api:" + region + ":" + Arns.maskAccount(owner) + tail);
    if (d.allowed()) {
      return null;
    }
    return HttpApiReplies.forbidden(
        ex,
        Cause.IAM_DENIED,
        new PolicyFact(
            d.reason().name(),
            d.message(),
            caller.accountId() != null && !caller.accountId().equals(owner),
            owner,
            identity.statementId(),
            null));
  }

  /**
   * {@code :{api}/{stage}/{VERB}{path}}: the resource ARN after the account, from the request as
   * sent.
   */
  private static String arnTail(Exchange ex) {
    CompiledStage stage = ex.stage();
    return ":" + stage.apiId() + "/" + stage.stageName() + "/" + ex.method + ex.stagePath;
  }

  /**
   * {@code aws:CurrentTime}, formatted at most once per second (formatting cost more than
   * evaluating a policy).
   */
  private String currentTime(Instant now) {
    long second = now.getEpochSecond();
    SecondText c = currentTime;
    if (c.second() != second) {
      c = new SecondText(second, ISO.format(Instant.ofEpochSecond(second)));
      currentTime = c;
    }
    return c.text();
  }

  private record SecondText(long second, String text) {}

  private RequestContext context(
      Exchange ex, String arn, Caller caller, @Nullable Credential credential) {
    return new RequestContext(ACTION, arn, caller, new RequestKeys(ex, credential));
  }

  /**
   * The request's condition keys, each computed only if a policy reads it (most read none): the
   * clock, the time texts and the header lookups are not paid for by every request a resource
   * policy allows. The clock is read once per request, so aws:CurrentTime and aws:EpochTime always
   * agree.
   */
  private final class RequestKeys implements RequestContext.Keys {
    private final Exchange ex;
    private final boolean temporaryCredentials;
    private @Nullable Instant now;

    RequestKeys(Exchange ex, @Nullable Credential credential) {
      this.ex = ex;
      this.temporaryCredentials = credential != null && credential.sessionToken() != null;
    }

    @Override
    public @Nullable String value(String key) {
      return switch (key) {
        case "aws:sourceip" -> ex.sourceIp;
        case "aws:currenttime" -> currentTime(now());
        case "aws:epochtime" -> Long.toString(now().getEpochSecond());
        case "aws:securetransport" -> Boolean.toString(ex.secure);
        case "aws:useragent" -> ex.headers.get("User-Agent");
        case "aws:referer" -> ex.headers.get("Referer");
        case "aws:multifactorauthpresent" -> temporaryCredentials ? "false" : null;
        default -> null; // aws:SourceArn and any other key: absent
      };
    }

    private Instant now() {
      if (now == null) {
        now = clock.instant();
      }
      return now;
    }
  }

  static SigV4Request signedRequest(Exchange ex) {
    return new SigV4Request(ex.method, ex.rawPath, ex.rawQuery, ex.headers.entries(), ex.body);
  }

  /**
   * Renders a SigV4 refusal through the gateway-response catalog, keeping AWS's error type for each
   * check.
   */
  static GatewayReply refuse(SigV4Error error, Exchange ex) {
    GatewayResponseType type =
        switch (error.reason()) {
          case MISSING -> GatewayResponseType.MISSING_AUTHENTICATION_TOKEN;
          case TOKEN_EXPIRED -> GatewayResponseType.EXPIRED_TOKEN;
          default -> GatewayResponseType.INVALID_SIGNATURE;
        };
    Cause cause = Decisions.signatureCause(error.reason());
    GatewayReply reply =
        GatewayResponses.refuse(
            ex,
            type,
            cause,
            cause == Cause.SIGV4_MISSING
                ? null
                : new SignatureFact(error.errorType(), error.message()),
            error.message(),
            null);
    if (!type.errorType().equals(error.errorType())) {
      reply.headers().set("x-amzn-ErrorType", error.errorType());
      return new GatewayReply(
          reply.status(), reply.headers(), reply.body(), error.errorType(), reply.errorMessage());
    }
    return reply;
  }
}
