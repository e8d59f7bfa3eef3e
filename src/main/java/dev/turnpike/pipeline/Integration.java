package dev.turnpike.pipeline;

import dev.turnpike.snapshot.BoundIntegration;
import dev.turnpike.snapshot.CompiledIntegration;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;

/**
 * An integration type: the terminal step of the request path, after every stage passed.
 * Implementations are registered once by type name ({@code integration.IntegrationRegistry}) and
 * bound to each method's integration when its deployment is compiled, so the request path calls
 * {@code invoke} without looking at the type.
 *
 * <p>Called on the exchange's event loop. The reply may complete on any thread; the server writes
 * it on the connection's loop.
 */
public interface Integration extends BoundIntegration {
  /**
   * Calls the integration for {@code ex}.
   *
   * @param integration the method's compiled integration (target, templates, mappings, responses)
   * @param loop the exchange's event loop, for backend connections and timers
   */
  CompletableFuture<GatewayReply> invoke(
      Exchange ex, CompiledIntegration integration, EventLoop loop);
}
