package dev.turnpike.integration.lambda;

import dev.turnpike.auth.iam.Caller;
import dev.turnpike.auth.iam.CompiledPolicy;
import dev.turnpike.auth.iam.RequestContext;
import dev.turnpike.auth.iam.Verdict;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.snapshot.CompiledIntegration;
import dev.turnpike.snapshot.IamIndex;
import dev.turnpike.snapshot.LambdaIndex;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * May API Gateway invoke the function for this method (spec 9.6)? Through the function's resource
 * policy, with API Gateway as the service principal and the method's {@code AWS:SourceArn} ({@code
 * arn:aws:execute-api:{region}:{account}:{api}/{stage}/{VERB as defined}/{resource}}, what {@code
 * aws lambda add-permission --source-arn} matches with {@code ArnLike}); or through the
 * integration's credentials role, whose identity policies must allow {@code lambda:InvokeFunction};
 * or, with {@code arn:aws:iam::*:user/*}, through the caller's own policies. Evaluated by the one
 * policy evaluator over policies compiled with the snapshot.
 */
public final class LambdaPermission {
  static final String ACTION = "lambda:InvokeFunction";
  static final Caller API_GATEWAY = Caller.service("apigateway.amazonaws.com");
  private static final String CALLER_CREDENTIALS = "arn:aws:iam::*:user/*";

  private LambdaPermission() {}

  /** Null when the call is allowed; else what is missing, in words for the decision record. */
  static @Nullable String check(
      Exchange ex, CompiledIntegration in, LambdaIndex.Function function, String functionArn) {
    return check(
        ex.snapshot.iam(),
        function,
        functionArn,
        sourceArn(ex, function.config().region()),
        ex.stage().accountId(),
        in.credentials(),
        ex.caller);
  }

  /**
   * The same decision from its parts, for {@code doctor lambda}: {@code caller} is who signed the
   * request, needed only with {@code arn:aws:iam::*:user/*} credentials.
   */
  public static @Nullable String check(
      IamIndex iam,
      LambdaIndex.Function function,
      String functionArn,
      String sourceArn,
      String apiAccount,
      @Nullable String credentials,
      @Nullable Caller caller) {
    if (credentials == null || credentials.isEmpty()) {
      CompiledPolicy policy = function.policy();
      if (policy == null) {
        return "the function has no resource policy (aws lambda add-permission --principal"
            + " apigateway.amazonaws.com --source-arn "
            + sourceArn
            + ")";
      }
      RequestContext ctx =
          new RequestContext(ACTION, functionArn, API_GATEWAY)
              .put("aws:SourceArn", sourceArn)
              .put("aws:SourceAccount", apiAccount);
      Verdict v = policy.evaluate(ctx);
      return v.allows() && !v.denies()
          ? null
          : "no statement of the function's resource policy allows apigateway.amazonaws.com with"
              + " AWS:SourceArn "
              + sourceArn;
    }
    Caller acting;
    if (credentials.equals(CALLER_CREDENTIALS)) {
      acting = caller;
      if (acting == null || acting.anonymous()) {
        return "the integration passes the caller's credentials, and the request is not signed";
      }
    } else {
      acting = roleCaller(credentials);
      if (acting == null) {
        return "the integration's credentials " + credentials + " are not a role ARN";
      }
    }
    List<CompiledPolicy> policies = iam.identityPolicies(acting);
    Verdict v =
        CompiledPolicy.evaluateAll(policies, new RequestContext(ACTION, functionArn, acting));
    return v.allows() && !v.denies()
        ? null
        : (credentials.equals(CALLER_CREDENTIALS) ? "the caller " + acting.arn() : credentials)
            + " is not allowed lambda:InvokeFunction on "
            + functionArn;
  }

  /** The method's source ARN as API Gateway sends it ({@code X-Amz-Source-Arn}). */
  static String sourceArn(Exchange ex, String region) {
    return sourceArn(
        region,
        ex.stage().accountId(),
        ex.api().apiId(),
        ex.stage().stageName(),
        ex.method().httpMethod(),
        ex.route().resourcePath());
  }

  /**
   * {@code arn:aws:execute-api:{region}:{account}:{api}/{stage}/{VERB as defined}/{resource path
   * without its leading slash}}.
   */
  public static String sourceArn(
      String region, String account, String apiId, String stage, String verb, String resourcePath) {
    return "arn:aws:execute-api:"
        + region
        + ":"
        + account
        + ":"
        + apiId
        + "/"
        + stage
        + "/"
        + verb
        + "/"
        + (resourcePath.startsWith("/") ? resourcePath.substring(1) : resourcePath);
  }

  /** A session of the role {@code arn:aws:iam::{account}:role/{path}{name}}, or null. */
  private static @Nullable Caller roleCaller(String roleArn) {
    String[] p = roleArn.split(":", 6);
    if (p.length < 6 || !p[2].equals("iam") || !p[5].startsWith("role/")) {
      return null;
    }
    String name = p[5].substring(p[5].lastIndexOf('/') + 1);
    return new Caller(
        "arn:aws:sts::" + p[4] + ":assumed-role/" + name + "/apigateway",
        p[4],
        Caller.Type.ASSUMED_ROLE,
        roleArn,
        null,
        null);
  }
}
