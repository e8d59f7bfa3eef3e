package dev.turnpike.authorizer;

import dev.turnpike.auth.iam.Verdict;
import dev.turnpike.counters.Ticker;
import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord.AuthorizerFact;
import dev.turnpike.lambda.LambdaInvoker;
import dev.turnpike.model.AuthorizerRules;
import dev.turnpike.observe.ExecutionLog;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.ExecutionTrace;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.IamAuthorizationStage;
import dev.turnpike.pipeline.Stage;
import dev.turnpike.pipeline.Suspension;
import dev.turnpike.snapshot.CompiledAuthorizer;
import dev.turnpike.snapshot.CompiledMethod;
import dev.turnpike.snapshot.CompiledStage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * The authorizer step of the REST path (spec 1.7 step 6, 8.4), after routing and the resource
 * policy's explicit-deny check, before API keys. {@code CUSTOM} methods run their Lambda
 * authorizer: the identity sources must be present (and a TOKEN must match {@code
 * identityValidationExpression}) or the answer is 401 without a call; the result comes from the
 * cache or from one call of the function; its policy is evaluated against this request's method ARN
 * and combined with the resource policy's verdict (5.2 table A). A call suspends the exchange and
 * resumes it on its loop; a cache hit decides at once. {@code COGNITO_USER_POOLS} methods go to
 * {@link CognitoCheck}.
 */
public final class AuthorizerStage implements Stage {
  private final String region;
  private final ExecutionLog log;
  private final AuthorizerFunction functions;
  private final ResultCache cache;
  private final CognitoCheck cognito;
  private final IamAuthorizationStage iam;

  public AuthorizerStage(
      String region,
      ExecutionLog log,
      LambdaInvoker invoker,
      Ticker ticker,
      CognitoCheck cognito,
      IamAuthorizationStage iam) {
    this.region = region;
    this.log = log;
    this.functions = new AuthorizerFunction(invoker, ticker);
    this.cache = new ResultCache(ticker);
    this.cognito = cognito;
    this.iam = iam;
  }

  @Override
  public @Nullable GatewayReply apply(Exchange ex) {
    CompiledMethod method = ex.method();
    String type = method.authorizationType();
    if ("CUSTOM".equals(type)) {
      return lambda(ex, method.authorizer());
    }
    if ("COGNITO_USER_POOLS".equals(type)) {
      ExecutionTrace.of(ex, log);
      GatewayReply refused = cognito.authorize(ex, method);
      return refused != null ? refused : iam.checkResourcePolicy(ex);
    }
    return null;
  }

  private @Nullable GatewayReply lambda(Exchange ex, @Nullable CompiledAuthorizer a) {
    ExecutionTrace.of(ex, log);
    if (a == null || a.type().equals(AuthorizerRules.COGNITO)) {
      return AuthorizerReplies.configuration(
          ex,
          fact(
              a == null ? "?" : a.id(),
              a == null ? "?" : a.type(),
              "off",
              -1,
              null,
              null,
              "the method's authorizer is missing from the deployment or is not a Lambda"
                  + " authorizer"));
    }
    String identity = IdentitySources.of(ex, a);
    boolean cached = a.ttlSeconds() > 0;
    if (identity == null) {
      // No execution-log line for a missing identity source (spec 8.4).
      return AuthorizerReplies.unauthorized(
          ex,
          Cause.AUTHORIZER_UNAUTHORIZED,
          fact(
              a,
              cached ? "miss" : "off",
              -1,
              null,
              null,
              "identity source missing: " + sources(a)));
    }
    String methodArn = methodArn(ex);
    ResultCache.Key key =
        cached
            ? new ResultCache.Key(
                a,
                ex.stage().apiId(),
                ex.stage().stageName(),
                ex.stage().authorizerCacheFlushes(),
                identity)
            : null;
    CompletableFuture<AuthorizerResult> result = key == null ? null : cache.getIfPresent(key);
    boolean hit = result != null;
    if (!hit) {
      // A cached identity passed the validation expression when it was cached: checked on a miss.
      GatewayReply invalid = validation(ex, a, identity);
      if (invalid != null) {
        return invalid;
      }
    }
    if (ex.executionTrace != null) { // lines built only when the method logs
      AuthorizerReplies.info(
          ex, "Starting authorizer: " + a.id() + " for request: " + ex.requestId);
      AuthorizerReplies.info(ex, "Incoming identity: " + AuthorizerReplies.masked(identity));
    }
    if (result == null) {
      List<String> requestLines = new ArrayList<>(3);
      if (key != null) {
        ResultCache.Lookup lookup =
            cache.get(key, () -> functions.call(ex, a, identity, methodArn, requestLines));
        result = lookup.result();
        hit = lookup.cached();
      } else {
        result = functions.call(ex, a, identity, methodArn, requestLines);
      }
      AuthorizerReplies.info(ex, requestLines);
    }
    String cacheState = !cached ? "off" : hit ? "hit" : "miss";
    if (result.isDone()) {
      return decide(ex, a, result, methodArn, cacheState);
    }
    CompletableFuture<AuthorizerResult> pending = result;
    Suspension s =
        ex.suspend(
            AuthorizerFunction.TIMEOUT_MILLIS + 1_000,
            e ->
                AuthorizerReplies.configuration(
                    e, fact(a, cacheState, -1, null, null, "the authorizer did not answer")));
    pending.whenCompleteAsync(
        (r, error) -> {
          try {
            GatewayReply reply = decide(ex, a, pending, methodArn, cacheState);
            if (reply == null) {
              s.proceed();
            } else {
              s.refuse(reply);
            }
          } catch (RuntimeException e) {
            s.fail(e);
          }
        },
        ex.eventLoop());
    return Stage.SUSPENDED;
  }

  /**
   * The Lambda authorizer step of HTTP API {@code CUSTOM} routes, sharing this stage's result cache
   * and function caller (one cache, one invoker for both kinds of API).
   */
  public HttpLambdaAuthorizer httpApis() {
    return new HttpLambdaAuthorizer(region, functions, cache);
  }

  /** A cached result as {@code doctor access --token} shows it. */
  public record CachedView(String principalId, long ageMillis, Verdict verdict) {}

  /**
   * The result cached for {@code identity} at {@code stage}, evaluated for {@code methodArn}; null
   * when none is cached (the next request calls the function). Reads the cache, never calls.
   */
  public @Nullable CachedView cached(
      CompiledAuthorizer a, CompiledStage stage, String identity, String methodArn) {
    CompletableFuture<AuthorizerResult> f =
        cache.getIfPresent(
            new ResultCache.Key(
                a, stage.apiId(), stage.stageName(), stage.authorizerCacheFlushes(), identity));
    if (f == null || !f.isDone() || f.isCompletedExceptionally()) {
      return null;
    }
    AuthorizerResult r = f.join();
    return new CachedView(r.principalId(), cache.ageMillis(r), r.verdict(methodArn));
  }

  /** 401 when a TOKEN does not match {@code identityValidationExpression}: no call (spec 8.4). */
  private static @Nullable GatewayReply validation(
      Exchange ex, CompiledAuthorizer a, String identity) {
    if (!a.type().equals(AuthorizerRules.TOKEN)
        || a.validation() == null
        || a.validation().matcher(identity).matches()) {
      return null;
    }
    return AuthorizerReplies.unauthorized(
        ex,
        Cause.AUTHORIZER_UNAUTHORIZED,
        fact(
            a,
            "off",
            -1,
            null,
            null,
            "the token does not match identityValidationExpression "
                + a.validation().pattern()
                + "; the function was not called"));
  }

  /** The exchange's answer once {@code done} has completed; runs on the exchange's loop. */
  private @Nullable GatewayReply decide(
      Exchange ex,
      CompiledAuthorizer a,
      CompletableFuture<AuthorizerResult> done,
      String methodArn,
      String cacheState) {
    AuthorizerResult r;
    try {
      r = done.join();
    } catch (CompletionException e) {
      AuthorizerFailure f =
          e.getCause() instanceof AuthorizerFailure af
              ? af
              : AuthorizerFailure.configuration(
                  "the authorizer call failed: " + e.getCause(),
                  "Execution failed due to configuration error: Authorizer error");
      AuthorizerReplies.info(ex, f.logLines().isEmpty() ? List.of() : f.logLines().subList(0, 1));
      for (String line :
          f.logLines().subList(Math.min(1, f.logLines().size()), f.logLines().size())) {
        AuthorizerReplies.error(ex, line);
      }
      AuthorizerFact fact = fact(a, cacheState, -1, null, null, f.problem());
      return f.kind() == AuthorizerFailure.Kind.UNAUTHORIZED
          ? AuthorizerReplies.unauthorized(ex, Cause.AUTHORIZER_UNAUTHORIZED, fact)
          : AuthorizerReplies.configuration(ex, fact);
    }
    boolean hit = cacheState.equals("hit");
    long age = hit ? cache.ageMillis(r) : -1;
    Verdict v = r.verdict(methodArn);
    if (v.denies()) {
      return AuthorizerReplies.denied(
          ex, true, fact(a, cacheState, age, r.principalId(), statement(v), null));
    }
    Verdict resource = ex.resourcePolicyVerdict;
    if (!v.allows() && (resource == null || !resource.allows())) {
      return AuthorizerReplies.denied(
          ex,
          false,
          fact(
              a,
              cacheState,
              age,
              r.principalId(),
              null,
              (hit
                      ? "the policy cached for this identity " + (age / 1000) + " s ago"
                      : "the authorizer's policy")
                  + " has no statement allowing "
                  + methodArn
                  + (hit
                      ? " (it was returned for an earlier request; return a policy that covers"
                          + " every method, e.g. a wildcard resource, or set the TTL to 0)"
                      : "")));
    }
    if (ex.executionTrace != null) { // lines built only when the method logs
      AuthorizerReplies.info(
          ex,
          "Using valid authorizer policy for principal: "
              + AuthorizerReplies.masked(r.principalId()));
      AuthorizerReplies.info(ex, "Successfully completed authorizer execution");
    }
    ex.authorizer = hit ? r.cachedContext() : r.freshContext();
    return null;
  }

  /**
   * {@code arn:aws:execute-api:{region}:{account}:{api}/{stage}/{VERB}/{path}} from the request as
   * sent (spec 5.1, 8.2).
   */
  private String methodArn(Exchange ex) {
    String path = ex.stagePath == null ? "/" : ex.stagePath;
    return "arn:aws:execute-api:"
        + region
        + ":"
        + ex.stage().accountId()
        + ":"
        + ex.stage().apiId()
        + "/"
        + ex.stage().stageName()
        + "/"
        + ex.method
        + path;
  }

  private static @Nullable String statement(Verdict v) {
    return v.statementId();
  }

  private static String sources(CompiledAuthorizer a) {
    List<String> out = new ArrayList<>();
    for (AuthorizerRules.Source s : a.sources()) {
      out.add(s.expression());
    }
    return String.join(", ", out);
  }

  private static AuthorizerFact fact(
      CompiledAuthorizer a,
      String cache,
      long age,
      @Nullable String principal,
      @Nullable String statement,
      @Nullable String problem) {
    return fact(a.id(), a.type(), cache, age, principal, statement, problem);
  }

  private static AuthorizerFact fact(
      String id,
      String type,
      String cache,
      long age,
      @Nullable String principal,
      @Nullable String statement,
      @Nullable String problem) {
    return new AuthorizerFact(id, type, cache, age, principal, statement, problem);
  }
}
