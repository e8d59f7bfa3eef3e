package dev.turnpike.doctor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.auth.jwt.JwtResult;
import dev.turnpike.auth.jwt.JwtVerifier;
import dev.turnpike.authorizer.AuthorizerStage;
import dev.turnpike.model.AuthorizerRules;
import dev.turnpike.snapshot.CompiledAuthorizer;
import dev.turnpike.snapshot.CompiledMethod;
import dev.turnpike.snapshot.CompiledStage;
import dev.turnpike.snapshot.GatewaySnapshot;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code doctor access --token}: the authorizer's view of one token for one method (issue 18). A
 * Cognito token is verified as the request path would (pool, signature, expiry, token use against
 * the method's scopes) and its claims shown; a Lambda authorizer's token is checked against the
 * validation expression, and the result cached for it (if any) is evaluated for the method's ARN,
 * which shows the classic cached-policy 403 before anyone calls. Never calls a function.
 */
final class AuthorizerDoctor {
  private final Supplier<GatewaySnapshot> snapshot;
  private final @Nullable AuthorizerStage authorizers;
  private final String region;
  private final Clock clock;

  AuthorizerDoctor(
      Supplier<GatewaySnapshot> snapshot,
      @Nullable AuthorizerStage authorizers,
      String region,
      Clock clock) {
    this.snapshot = snapshot;
    this.authorizers = authorizers;
    this.region = region;
    this.clock = clock;
  }

  void check(
      Doctor.Report r,
      CompiledStage stage,
      CompiledMethod method,
      String verb,
      String path,
      String token) {
    CompiledAuthorizer a = method.authorizer();
    if (a == null) {
      r.add(
          2,
          "Method "
              + verb
              + " "
              + path
              + " has authorization "
              + method.authorizationType()
              + " and no authorizer in this deployment: a token changes nothing",
          null,
          null);
      return;
    }
    r.root.put("authorizer", a.id()).put("authorizerType", a.type());
    if (a.type().equals(AuthorizerRules.COGNITO)) {
      cognito(r, a, method, token);
    } else {
      lambda(r, stage, a, verb, path, token);
    }
  }

  private void cognito(Doctor.Report r, CompiledAuthorizer a, CompiledMethod method, String token) {
    String bare = token.startsWith("Bearer ") ? token.substring("Bearer ".length()) : token;
    JwtResult result =
        JwtVerifier.verify(bare, snapshot.get().cognito().trust(a.providerArns()), clock.instant());
    if (result instanceof JwtResult.Rejected rejected) {
      r.add(
          2,
          "The token is refused (401 Unauthorized): " + rejected.message(),
          "Use a token of one of the pools " + a.providerArns() + ", not expired and untouched",
          "cognito-401");
      return;
    }
    JwtResult.Verified v = (JwtResult.Verified) result;
    ObjectNode claims = r.root.putObject("claims");
    v.claims().forEach((k, value) -> claims.put(k, String.valueOf(value)));
    List<String> scopes = method.authorizationScopes();
    if (scopes.isEmpty() && !"id".equals(v.tokenUse())) {
      r.add(
          2,
          "The method has no authorizationScopes, so it takes an ID token; this is a "
              + v.tokenUse()
              + " token (401)",
          "Send the IdToken of initiate-auth, or give the method authorizationScopes",
          "cognito-401");
    } else if (!scopes.isEmpty()
        && (!"access".equals(v.tokenUse()) || v.scopes().stream().noneMatch(scopes::contains))) {
      r.add(
          2,
          "The method requires one of the scopes "
              + scopes
              + " in an access token; this "
              + v.tokenUse()
              + " token has "
              + v.scopes()
              + " (401)",
          "Send the AccessToken of a client allowed one of those scopes",
          "cognito-401");
    } else {
      r.add(
          0,
          "The token of " + v.stringClaim("sub") + " (" + v.tokenUse() + " token) is accepted",
          null,
          null);
    }
  }

  private void lambda(
      Doctor.Report r,
      CompiledStage stage,
      CompiledAuthorizer a,
      String verb,
      String path,
      String token) {
    if (a.type().equals(AuthorizerRules.TOKEN)
        && a.validation() != null
        && !a.validation().matcher(token).matches()) {
      r.add(
          2,
          "The token does not match identityValidationExpression "
              + a.validation().pattern()
              + ": 401 without calling the function",
          "Send a token the expression matches (Bearer included, if the client sends it), or"
              + " change the expression",
          "authorizer-401");
      return;
    }
    String methodArn =
        "arn:aws:execute-api:"
            + region
            + ":"
            + stage.accountId()
            + ":"
            + stage.apiId()
            + "/"
            + stage.stageName()
            + "/"
            + verb
            + path;
    r.root.put("methodArn", methodArn).put("ttlSeconds", a.ttlSeconds());
    AuthorizerStage.CachedView cached =
        authorizers == null || a.ttlSeconds() == 0 || !a.type().equals(AuthorizerRules.TOKEN)
            ? null
            : authorizers.cached(a, stage, token, methodArn);
    if (cached == null) {
      r.add(
          0,
          "No result is cached for this token: the next request calls the authorizer"
              + " function, and its policy decides",
          null,
          null);
      return;
    }
    r.root.put("cachedPrincipal", cached.principalId()).put("cachedAgeMillis", cached.ageMillis());
    if (cached.verdict().denies()) {
      r.add(
          2,
          "The policy cached for this token "
              + cached.ageMillis() / 1000
              + " s ago denies "
              + methodArn
              + " explicitly (403 explicit deny)",
          "Wait for the TTL or flush the stage's authorizer cache after fixing the function",
          "authorizer-403");
    } else if (!cached.verdict().allows()) {
      r.add(
          2,
          "The policy cached for this token "
              + cached.ageMillis() / 1000
              + " s ago has no statement allowing "
              + methodArn
              + " (403 User is not authorized to access this resource, unless the resource"
              + " policy allows it)",
          "Return a policy that covers every method (e.g. arn:...:"
              + stage.apiId()
              + "/"
              + stage.stageName()
              + "/*), or set authorizerResultTtlInSeconds to 0; aws apigateway"
              + " flush-stage-authorizers-cache drops what is cached",
          "authorizer-403");
    } else {
      r.add(
          0,
          "The policy cached for this token allows "
              + methodArn
              + (cached.verdict().statementId() == null
                  ? ""
                  : " (statement " + cached.verdict().statementId() + ")"),
          null,
          null);
    }
  }
}
