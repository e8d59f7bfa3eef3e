package dev.turnpike.pipeline;

import dev.turnpike.decision.Cause;
import org.jspecify.annotations.Nullable;

/**
 * Authorization of HTTP API routes. {@code NONE} passes. {@code AWS_IAM} runs the one SigV4 and
 * policy engine ({@link IamAuthorizationStage#decideHttpApi}). {@code JWT} and {@code CUSTOM}
 * (Lambda) authorizers are not run on HTTP APIs yet: such routes are refused with 500 {@code
 * {"message":"Internal Server Error"}} ({@link Cause#AUTHORIZER_NOT_RUN}), never served
 * unauthenticated.
 */
final class HttpAuthorizationStage implements Stage {
  private final IamAuthorizationStage iam;

  HttpAuthorizationStage(IamAuthorizationStage iam) {
    this.iam = iam;
  }

  @Override
  public @Nullable GatewayReply apply(Exchange ex) {
    String type = ex.httpRoute().authorizationType();
    return switch (type) {
      case "NONE" -> null;
      case "AWS_IAM" -> iam.decideHttpApi(ex);
      default -> HttpApiReplies.internalError(ex, Cause.AUTHORIZER_NOT_RUN, null);
    };
  }
}
