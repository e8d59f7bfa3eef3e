package dev.turnpike.pipeline;

import dev.turnpike.decision.Cause;
import dev.turnpike.snapshot.BoundIntegration;
import dev.turnpike.snapshot.CompiledHttpIntegration;
import dev.turnpike.snapshot.CompiledRoute;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTP API integration type ({@code HTTP_PROXY}, {@code AWS_PROXY}): the terminal step of the
 * HTTP API request path. Registered under {@link CompiledHttpIntegration#bindingKey} and bound when
 * a deployment is compiled, as REST integrations are ({@link Integration}).
 */
public interface HttpApiIntegration extends BoundIntegration {
  CompletableFuture<GatewayReply> invoke(
      Exchange ex, CompiledHttpIntegration integration, EventLoop loop);

  /**
   * Calls the selected route's integration; a route without one, or a type not served, is 500
   * {@code {"message":"Internal Server Error"}} [UNCONF for a route without a target].
   */
  static CompletableFuture<GatewayReply> run(Exchange ex) {
    CompiledRoute route = ex.httpRoute();
    CompiledHttpIntegration in = route.integration();
    if (in == null || !(in.binding() instanceof HttpApiIntegration integration)) {
      return CompletableFuture.completedFuture(
          HttpApiReplies.internalError(ex, Cause.CONFIGURATION_ERROR, null));
    }
    return integration.invoke(ex, in, ex.eventLoop());
  }
}
