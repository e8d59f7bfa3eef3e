package dev.turnpike.authorizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.auth.iam.Caller;
import dev.turnpike.auth.iam.CompiledPolicy;
import dev.turnpike.auth.iam.MalformedPolicyException;
import dev.turnpike.auth.iam.PolicyParser;
import dev.turnpike.auth.iam.RequestContext;
import dev.turnpike.auth.iam.Verdict;
import dev.turnpike.pipeline.AuthorizerContext;
import dev.turnpike.pipeline.IamAuthorizationStage;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Lambda authorizer's result, validated (spec 8.3): {@code principalId}, {@code policyDocument}
 * compiled by the one policy evaluator (so wildcards, Deny and NotResource mean what IAM means),
 * {@code context} with string, number and boolean values only, {@code usageIdentifierKey}. What is
 * cached per identity: the whole policy, evaluated again against each request's method ARN.
 *
 * @param completedNanos when the function answered ({@code Ticker} time), for the cached age
 * @param latencyMillis how long the call took
 */
record AuthorizerResult(
    String principalId,
    CompiledPolicy policy,
    Map<String, Object> context,
    @Nullable String usageIdentifierKey,
    long completedNanos,
    long latencyMillis,
    AuthorizerContext freshContext,
    AuthorizerContext cachedContext,
    VerdictMemo memo) {

  /**
   * The verdict of the last method ARN evaluated: a cached policy is evaluated for every request,
   * most of them for the same ARN. Racy by design: a stale read evaluates again.
   */
  static final class VerdictMemo {
    private volatile @Nullable Memo last;

    private record Memo(String methodArn, Verdict verdict) {}
  }

  /** The policy's verdict for {@code methodArn} (spec 8.3: a cached policy is evaluated again). */
  Verdict verdict(String methodArn) {
    VerdictMemo.Memo m = memo.last;
    if (m != null && m.methodArn().equals(methodArn)) {
      return m.verdict();
    }
    Verdict v =
        policy.evaluate(
            new RequestContext(IamAuthorizationStage.ACTION, methodArn, Caller.ANONYMOUS));
    memo.last = new VerdictMemo.Memo(methodArn, v);
    return v;
  }

  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The result with what the request path hands on, built once: the context of the request that
   * called the function (its latency) and of the requests served from the cache (latency 0).
   */
  AuthorizerResult(
      String principalId,
      CompiledPolicy policy,
      Map<String, Object> context,
      @Nullable String usageIdentifierKey,
      long completedNanos,
      long latencyMillis) {
    this(
        principalId,
        policy,
        context,
        usageIdentifierKey,
        completedNanos,
        latencyMillis,
        new AuthorizerContext(principalId, context, null, usageIdentifierKey, latencyMillis),
        new AuthorizerContext(principalId, context, null, usageIdentifierKey, 0),
        new VerdictMemo());
  }

  /** The log line AWS writes when the result is not an authorizer result (spec 8.3, C85). */
  static final String UNPARSABLE =
      "Execution failed due to configuration error: Could not parse policy";

  /**
   * Validates the function's output; an output that is not an authorizer result is an {@link
   * AuthorizerFailure} of kind CONFIGURATION (AWS: 500 {@code AuthorizerConfigurationException}).
   */
  static AuthorizerResult parse(byte[] payload, long completedNanos, long latencyMillis) {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (java.io.IOException e) {
      throw unparsable("the function's output is not JSON");
    }
    if (!(root instanceof ObjectNode out)) {
      throw unparsable("the function returned " + (root == null ? "nothing" : root.toString()));
    }
    JsonNode principal = out.get("principalId");
    if (principal == null || !principal.isValueNode() || principal.isNull()) {
      throw unparsable("the result has no principalId");
    }
    JsonNode policyNode = out.get("policyDocument");
    if (!(policyNode instanceof ObjectNode)) {
      throw unparsable(
          out.has("statusCode")
              ? "the result is an HTTP response ({statusCode, body}), not an authorizer result"
              : "the result has no policyDocument object");
    }
    CompiledPolicy policy;
    try {
      policy = PolicyParser.parse(JSON.writeValueAsString(policyNode), PolicyParser.Kind.IDENTITY);
    } catch (MalformedPolicyException | JsonProcessingException e) {
      throw unparsable("the policyDocument is not a valid policy: " + e.getMessage());
    }
    Map<String, Object> context = new LinkedHashMap<>();
    JsonNode ctx = out.get("context");
    if (ctx != null && !ctx.isNull()) {
      if (!(ctx instanceof ObjectNode fields)) {
        throw invalidContext("context is not an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        JsonNode v = f.getValue();
        if (v.isTextual()) {
          context.put(f.getKey(), v.asText());
        } else if (v.isBoolean()) {
          context.put(f.getKey(), v.asBoolean());
        } else if (v.isNumber()) {
          context.put(f.getKey(), v.numberValue());
        } else if (!v.isNull()) {
          throw invalidContext(
              "context value '"
                  + f.getKey()
                  + "' is "
                  + (v.isArray() ? "an array" : "an object")
                  + "; only strings, numbers and booleans are allowed");
        }
      }
    }
    JsonNode key = out.get("usageIdentifierKey");
    return new AuthorizerResult(
        principal.asText(),
        policy,
        context,
        key == null || key.isNull() ? null : key.asText(),
        completedNanos,
        latencyMillis);
  }

  private static final CompiledPolicy ALLOW_ALL = fixed("Allow");
  private static final CompiledPolicy DENY_ALL = fixed("Deny");

  private static CompiledPolicy fixed(String effect) {
    try {
      return PolicyParser.parse(
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\""
              + effect
              + "\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"*\"}]}",
          PolicyParser.Kind.IDENTITY);
    } catch (MalformedPolicyException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An HTTP API simple response (payload 2.0, {@code enableSimpleResponses}): {@code isAuthorized}
   * (a boolean, required) and {@code context} (any JSON values, arrays and objects included, as
   * http-api-lambda-authorizer.html shows). It becomes a policy that allows or denies every route,
   * so it is cached and decided as a policy result is.
   */
  static AuthorizerResult parseSimple(byte[] payload, long completedNanos, long latencyMillis) {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (java.io.IOException e) {
      throw unparsable("the function's output is not JSON");
    }
    JsonNode authorized = root instanceof ObjectNode out ? out.get("isAuthorized") : null;
    if (authorized == null || !authorized.isBoolean()) {
      throw AuthorizerFailure.configuration(
          "the simple response has no boolean isAuthorized: "
              + (root == null ? "nothing" : text(payload)),
          UNPARSABLE);
    }
    Map<String, Object> context = new LinkedHashMap<>();
    JsonNode ctx = root.get("context");
    if (ctx != null && !ctx.isNull()) {
      if (!(ctx instanceof ObjectNode fields)) {
        throw invalidContext("context is not an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (!f.getValue().isNull()) {
          context.put(f.getKey(), JSON.convertValue(f.getValue(), Object.class));
        }
      }
    }
    return new AuthorizerResult(
        "",
        authorized.asBoolean() ? ALLOW_ALL : DENY_ALL,
        context,
        null,
        completedNanos,
        latencyMillis,
        new AuthorizerContext(null, context, null, null, latencyMillis),
        new AuthorizerContext(null, context, null, null, 0),
        new VerdictMemo());
  }

  /** The output as AWS's log line quotes it (bodies are short: authorizer results). */
  static String text(byte[] payload) {
    String s = new String(payload, StandardCharsets.UTF_8);
    return s.length() <= 1000 ? s : s.substring(0, 1000) + " [TRUNCATED]";
  }

  private static AuthorizerFailure unparsable(String problem) {
    return AuthorizerFailure.configuration(problem, UNPARSABLE);
  }

  private static AuthorizerFailure invalidContext(String problem) {
    return AuthorizerFailure.configuration(
        problem,
        "Execution failed due to configuration error: Invalid JSON in response: " + problem);
  }
}
