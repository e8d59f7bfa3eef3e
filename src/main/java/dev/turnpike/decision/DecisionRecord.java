package dev.turnpike.decision;

import org.jspecify.annotations.Nullable;

/**
 * The "passport" of one exchange: small, immutable, made once when the exchange finishes. Strings
 * are references the request or the compiled snapshot already held; {@code detail} is a typed fact
 * of the stage that decided (a {@link LimitFact}, {@link QuotaFact}, {@link PolicyFact}, {@link
 * SignatureFact} or {@link KeyFact}), rendered into words only by {@link DecisionStory}. Never
 * holds a secret, a session token or a full API key.
 */
public record DecisionRecord(
    String requestId,
    long epochMillis,
    String sourceIp,
    String protocol,
    String method,
    String rawPath,
    @Nullable String host,
    @Nullable String addressing,
    boolean secure,
    @Nullable String apiId,
    @Nullable String stageName,
    @Nullable String resourcePath,
    @Nullable String resourceId,
    @Nullable String authorizationType,
    boolean apiKeyRequired,
    @Nullable String callerArn,
    @Nullable String maskedApiKey,
    @Nullable String usagePlanId,
    @Nullable String integrationType,
    @Nullable String integrationUri,
    int integrationTimeoutMillis,
    long integrationLatencyMillis,
    long latencyMillis,
    int status,
    @Nullable String errorType,
    Cause cause,
    @Nullable Fact detail,
    @Nullable String domainName,
    @Nullable String basePath,
    @Nullable String mappingApiId,
    @Nullable String mappingStage,
    @Nullable Metering metering) {

  /** A record without custom-domain routing or metering (tools, tests). */
  public DecisionRecord(
      String requestId,
      long epochMillis,
      String sourceIp,
      String protocol,
      String method,
      String rawPath,
      @Nullable String host,
      @Nullable String addressing,
      boolean secure,
      @Nullable String apiId,
      @Nullable String stageName,
      @Nullable String resourcePath,
      @Nullable String resourceId,
      @Nullable String authorizationType,
      boolean apiKeyRequired,
      @Nullable String callerArn,
      @Nullable String maskedApiKey,
      @Nullable String usagePlanId,
      @Nullable String integrationType,
      @Nullable String integrationUri,
      int integrationTimeoutMillis,
      long integrationLatencyMillis,
      long latencyMillis,
      int status,
      @Nullable String errorType,
      Cause cause,
      @Nullable Fact detail) {
    this(
        requestId,
        epochMillis,
        sourceIp,
        protocol,
        method,
        rawPath,
        host,
        addressing,
        secure,
        apiId,
        stageName,
        resourcePath,
        resourceId,
        authorizationType,
        apiKeyRequired,
        callerArn,
        maskedApiKey,
        usagePlanId,
        integrationType,
        integrationUri,
        integrationTimeoutMillis,
        integrationLatencyMillis,
        latencyMillis,
        status,
        errorType,
        cause,
        detail,
        null,
        null,
        null,
        null,
        null);
  }

  /** Which usage-plan bucket a request was checked against. */
  public enum PlanLevel {
    PER_METHOD,
    PER_KEY
  }

  /**
   * Every throttle bucket checked (usage plan, stage method, account) with its rate, burst and the
   * whole tokens it held right after the check, and the key's quota after its check. Fixed
   * primitive fields, made once when the exchange finishes: a level not checked has {@code rate}
   * NaN; a quota not checked has {@code quotaLimit} -1.
   */
  public record Metering(
      @Nullable PlanLevel planLevel,
      double planRate,
      int planBurst,
      int planTokens,
      double stageRate,
      int stageBurst,
      int stageTokens,
      double accountRate,
      int accountBurst,
      int accountTokens,
      long quotaLimit,
      @Nullable String quotaPeriod,
      long quotaUsed,
      long quotaRemaining) {

    public boolean planChecked() {
      return planLevel != null;
    }

    public boolean stageChecked() {
      return !Double.isNaN(stageRate);
    }

    public boolean accountChecked() {
      return !Double.isNaN(accountRate);
    }

    public boolean quotaChecked() {
      return quotaLimit >= 0;
    }
  }

  /**
   * What the deciding stage knew, typed: one of a closed set, so {@link DecisionStory} and {@link
   * DecisionJson} render every kind and a new kind cannot be stamped without them.
   */
  public sealed interface Fact
      permits LimitFact,
          QuotaFact,
          PolicyFact,
          SignatureFact,
          KeyFact,
          LambdaFact,
          AuthorizerFact,
          ValidationFact,
          CorsFact {}

  /**
   * A CORS preflight the gateway answered itself (HTTP APIs with {@code corsConfiguration}): the
   * verdict ({@code ALLOWED}, {@code ORIGIN_NOT_ALLOWED}, {@code METHOD_NOT_ALLOWED}, {@code
   * HEADERS_NOT_ALLOWED}) and what was not allowed (null when allowed).
   */
  public record CorsFact(String verdict, @Nullable String refused) implements Fact {}

  /**
   * A request validator's refusal: the missing parameters ({@code Missing required request
   * parameters: [a, b]}) or, for the body, the model and the validator's errors.
   */
  public record ValidationFact(String message) implements Fact {}

  /** A throttle that refused: which level, and its limits. */
  public record LimitFact(double rate, int burst) implements Fact {}

  /** A quota that was used up. */
  public record QuotaFact(String planId, int limit, String period) implements Fact {}

  /**
   * An IAM decision: the table-A/B reason and the denial message AWS prints (account id already
   * masked).
   */
  public record PolicyFact(
      String reason,
      @Nullable String message,
      boolean crossAccount,
      @Nullable String owner,
      @Nullable String identityStatement,
      @Nullable String resourceStatement)
      implements Fact {}

  /**
   * A SigV4 refusal: AWS's error type and message (for a mismatch, the canonical request and string
   * to sign).
   */
  public record SignatureFact(String errorType, String message) implements Fact {}

  /** An API-key refusal: the reason in words. */
  public record KeyFact(String reason) implements Fact {}

  /**
   * A Lambda integration's call: the function (ARN with its qualifier, if any), whether the
   * instance was started for it (cold) with its init time, the invocation's duration (NaN when the
   * function was not run), and what went wrong in AWS's words (the part of a malformed proxy
   * response, the function's error message, the missing permission), null when nothing did.
   */
  public record LambdaFact(
      String functionArn,
      boolean coldStart,
      double initDurationMs,
      double durationMs,
      @Nullable String problem,
      @Nullable String executedVersion)
      implements Fact {}

  /**
   * A Lambda or Cognito authorizer's decision: which authorizer, whether its result came from the
   * cache ({@code hit}, {@code miss}, or {@code off} with a TTL of 0) and how old the cached result
   * was (-1 when not from the cache), the principal, the policy statement that decided (its Sid or
   * position), and what went wrong in words (null when nothing did).
   */
  public record AuthorizerFact(
      String authorizerId,
      String type,
      String cache,
      long cacheAgeMillis,
      @Nullable String principalId,
      @Nullable String statement,
      @Nullable String problem)
      implements Fact {}

  /** The knowledge-base article that fits, null for served requests. */
  public @Nullable String kbSlug() {
    return cause.kbSlug();
  }
}
