package dev.turnpike.pipeline;

import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord;
import dev.turnpike.snapshot.CompiledHttpAuthorizer;
import dev.turnpike.snapshot.CompiledRoute;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Authorization of HTTP API routes. {@code NONE} passes. {@code AWS_IAM} runs the one SigV4 and
 * policy engine ({@link IamAuthorizationStage#decideHttpApi}). {@code JWT} runs the route's
 * compiled {@code oidc.JwtAuthorizer} ({@link HttpApiJwt#run}): the claims become {@code
 * $context.authorizer.claims.*} and the 2.0 event's {@code requestContext.authorizer.jwt}; a
 * refusal is AWS's 401/403 with {@code www-authenticate}. {@code CUSTOM} runs the Lambda authorizer
 * step the composition root hands in. A route whose authorizer cannot run (not in the deployment,
 * not compiled, a type not served) is refused with 500 {@code {"message":"Internal Server Error"}}
 * ({@link Cause#AUTHORIZER_NOT_RUN}), never served unauthenticated.
 */
final class HttpAuthorizationStage implements Stage {
  private final IamAuthorizationStage iam;
  private final @Nullable Stage lambda;

  /**
   * @param lambda the Lambda authorizer step ({@code authorizer.HttpLambdaAuthorizer}, handed in by
   *     the composition root); null: {@code CUSTOM} routes answer 500
   */
  HttpAuthorizationStage(IamAuthorizationStage iam, @Nullable Stage lambda) {
    this.iam = iam;
    this.lambda = lambda;
  }

  @Override
  public @Nullable GatewayReply apply(Exchange ex) {
    CompiledRoute route = ex.httpRoute();
    String type = route.authorizationType();
    return switch (type) {
      case "NONE" -> null;
      case "AWS_IAM" -> iam.decideHttpApi(ex);
      case "JWT" -> jwt(ex, route);
      case "CUSTOM" -> lambda != null ? lambda.apply(ex) : notRun(ex, route.authorizer());
      default -> notRun(ex, route.authorizer());
    };
  }

  private static @Nullable GatewayReply jwt(Exchange ex, CompiledRoute route) {
    CompiledHttpAuthorizer a = route.authorizer();
    if (a == null || a.jwt() == null) {
      return notRun(ex, a);
    }
    return HttpApiJwt.run(
        ex,
        a.jwt(),
        route.authorizationScopes(),
        (e, ok) -> {
          e.jwt = ok;
          e.authorizer = new AuthorizerContext(null, Map.of(), ok.claims(), null, 0);
        },
        (e, refused) -> {
          e.cause = refused.status() == 403 ? Cause.JWT_INSUFFICIENT_SCOPE : Cause.JWT_UNAUTHORIZED;
          e.causeDetail =
              new DecisionRecord.AuthorizerFact(
                  a.authorizerId(),
                  "JWT",
                  "off",
                  -1,
                  null,
                  null,
                  refused.reason().name() + ": " + refused.detail());
          return HttpApiJwt.refusal(refused);
        });
  }

  private static GatewayReply notRun(Exchange ex, @Nullable CompiledHttpAuthorizer a) {
    return HttpApiReplies.internalError(
        ex,
        Cause.AUTHORIZER_NOT_RUN,
        a == null
            ? null
            : new DecisionRecord.AuthorizerFact(
                a.authorizerId(), a.type(), "off", -1, null, null, a.problem()));
  }
}
