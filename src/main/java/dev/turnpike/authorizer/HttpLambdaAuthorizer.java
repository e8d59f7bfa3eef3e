package dev.turnpike.authorizer;

import dev.turnpike.auth.iam.Verdict;
import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord.AuthorizerFact;
import dev.turnpike.integration.lambda.HttpApiEvent;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.HttpApiReplies;
import dev.turnpike.pipeline.Stage;
import dev.turnpike.pipeline.Suspension;
import dev.turnpike.snapshot.CompiledAuthorizer;
import dev.turnpike.snapshot.CompiledHttpAuthorizer;
import dev.turnpike.snapshot.CompiledHttpStage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * The Lambda ({@code REQUEST}) authorizer step of HTTP API routes with {@code authorizationType
 * CUSTOM} (spec 8.7), on the REST authorizer's machinery: the same {@link ResultCache} (keyed by
 * the compiled authorizer, API, stage and the identity sources' values) and the same {@link
 * AuthorizerFunction} (target, permission for {@code …/authorizers/{id}}, invoke off the loop
 * within 10 s). What differs is HTTP APIs': the event (payload 1.0 or 2.0, {@link
 * HttpApiEvent#authorizer}), simple responses, the policy evaluated against the route ARN with no
 * resource policy, the v2 bodies, and {@code requestContext.authorizer.lambda} for the integration.
 *
 * <p>Outcomes: an identity source missing or empty → 401 {@code {"message":"Unauthorized"}} without
 * a call [DOC]; {@code isAuthorized: false} or a policy that does not allow the route → 403 {@code
 * {"message":"Forbidden"}} [UNCONF: spec 8.7]; the function failing, timing out or answering
 * something else → 500 {@code {"message":"Internal Server Error"}} [DOC]; an error whose message is
 * {@code Unauthorized} → 401, as on REST [UNCONF for HTTP APIs].
 */
public final class HttpLambdaAuthorizer implements Stage {
  private final String region;
  private final AuthorizerFunction functions;
  private final ResultCache cache;

  HttpLambdaAuthorizer(String region, AuthorizerFunction functions, ResultCache cache) {
    this.region = region;
    this.functions = functions;
    this.cache = cache;
  }

  @Override
  public @Nullable GatewayReply apply(Exchange ex) {
    CompiledHttpAuthorizer h = ex.httpRoute().authorizer();
    CompiledAuthorizer a = h == null ? null : h.lambda();
    if (h == null || a == null) {
      return HttpApiReplies.internalError(
          ex,
          Cause.AUTHORIZER_NOT_RUN,
          fact(
              h == null ? "?" : h.authorizerId(),
              "off",
              -1,
              null,
              h == null || h.problem() == null
                  ? "the route's authorizer is missing from the deployment or is not a Lambda"
                      + " authorizer"
                  : h.problem()));
    }
    boolean cached = a.ttlSeconds() > 0;
    List<String> values = IdentitySources.values(ex, a);
    if (values == null) {
      return unauthorized(
          ex,
          fact(
              a.id(), cached ? "miss" : "off", -1, null, "identity source missing: " + sources(a)));
    }
    CompiledHttpStage stage = ex.httpStage();
    String routeArn = routeArn(ex, stage);
    ResultCache.Key key =
        cached
            ? new ResultCache.Key(a, stage.apiId(), stage.stageName(), 0L, String.join(",", values))
            : null;
    AuthorizerFunction.Format format =
        h.simpleResponses() ? AuthorizerFunction.Format.SIMPLE : AuthorizerFunction.Format.POLICY;
    AuthorizerFunction.Call call =
        new AuthorizerFunction.Call(
            ex.snapshot,
            stage.variables(),
            stage.accountId(),
            stage.apiId(),
            null,
            () -> HttpApiEvent.authorizer(ex, h.payloadFormatVersion(), routeArn, values));
    List<String> lines = new ArrayList<>(3); // HTTP APIs write no execution log
    CompletableFuture<AuthorizerResult> result;
    boolean hit;
    if (key != null) {
      ResultCache.Lookup lookup = cache.get(key, () -> functions.call(call, a, lines, format));
      result = lookup.result();
      hit = lookup.cached();
    } else {
      result = functions.call(call, a, lines, format);
      hit = false;
    }
    String cacheState = !cached ? "off" : hit ? "hit" : "miss";
    if (result.isDone()) {
      return decide(ex, a, result, routeArn, cacheState);
    }
    CompletableFuture<AuthorizerResult> pending = result;
    Suspension s =
        ex.suspend(
            AuthorizerFunction.TIMEOUT_MILLIS + 1_000,
            e ->
                HttpApiReplies.internalError(
                    e,
                    Cause.AUTHORIZER_CONFIGURATION,
                    fact(a.id(), cacheState, -1, null, "the authorizer did not answer")));
    pending.whenCompleteAsync(
        (r, error) -> {
          try {
            GatewayReply reply = decide(ex, a, pending, routeArn, cacheState);
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

  private @Nullable GatewayReply decide(
      Exchange ex,
      CompiledAuthorizer a,
      CompletableFuture<AuthorizerResult> done,
      String routeArn,
      String cacheState) {
    AuthorizerResult r;
    try {
      r = done.join();
    } catch (CompletionException e) {
      AuthorizerFailure f =
          e.getCause() instanceof AuthorizerFailure af
              ? af
              : AuthorizerFailure.configuration("the authorizer call failed: " + e.getCause());
      AuthorizerFact fact = fact(a.id(), cacheState, -1, null, f.problem());
      return f.kind() == AuthorizerFailure.Kind.UNAUTHORIZED
          ? unauthorized(ex, fact)
          : HttpApiReplies.internalError(ex, Cause.AUTHORIZER_CONFIGURATION, fact);
    }
    boolean hit = cacheState.equals("hit");
    long age = hit ? cache.ageMillis(r) : -1;
    Verdict v = r.verdict(routeArn);
    if (!v.allows()) {
      String principal = r.principalId().isEmpty() ? null : r.principalId();
      return HttpApiReplies.forbidden(
          ex,
          v.denies() ? Cause.AUTHORIZER_DENIED : Cause.AUTHORIZER_NOT_ALLOWED,
          fact(
              a.id(),
              cacheState,
              age,
              principal,
              r.principalId().isEmpty()
                  ? "the authorizer answered isAuthorized: false"
                  : (hit ? "the policy cached for this identity" : "the authorizer's policy")
                      + (v.denies() ? " denies " : " has no statement allowing ")
                      + routeArn));
    }
    ex.authorizer = hit ? r.cachedContext() : r.freshContext();
    return null;
  }

  private static GatewayReply unauthorized(Exchange ex, AuthorizerFact fact) {
    return HttpApiReplies.refuse(ex, 401, "Unauthorized", Cause.AUTHORIZER_UNAUTHORIZED, fact);
  }

  /** {@code arn:aws:execute-api:{region}:{account}:{api}/{stage}/{VERB}/{path}} (spec 8.7). */
  private String routeArn(Exchange ex, CompiledHttpStage stage) {
    String path = ex.stagePath == null ? "/" : ex.stagePath;
    return "arn:aws:execute-api:"
        + region
        + ":"
        + stage.accountId()
        + ":"
        + stage.apiId()
        + "/"
        + stage.stageName()
        + "/"
        + ex.method
        + path;
  }

  private static String sources(CompiledAuthorizer a) {
    List<String> out = new ArrayList<>();
    a.sources().forEach(s -> out.add(s.expression()));
    return String.join(", ", out);
  }

  private static AuthorizerFact fact(
      String id, String cache, long age, @Nullable String principal, @Nullable String problem) {
    return new AuthorizerFact(id, "REQUEST", cache, age, principal, null, problem);
  }
}
