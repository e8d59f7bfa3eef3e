package dev.turnpike.pipeline;

import io.netty.handler.codec.http.EmptyHttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * One step of the request path. Runs on the exchange's event loop: no locks, no blocking I/O.
 *
 * <p>Most stages decide at once: {@code null} passes the exchange on, a {@link GatewayReply} ends
 * it. A stage that must wait for I/O (a Lambda authorizer, a JWKS fetch) calls {@link
 * Exchange#suspend}, starts its work, and returns {@link #SUSPENDED}; when the work completes it
 * resumes the exchange through the {@link Suspension}, and the path continues with the next stage
 * on the same event loop (Envoy's {@code StopIteration} / {@code continueDecoding()}). Only the
 * stages that wait pay for it: the others allocate nothing to say "continue".
 */
@FunctionalInterface
public interface Stage {
  /**
   * The answer of a stage that has suspended the exchange. A marker compared by identity, never
   * written to a client.
   */
  GatewayReply SUSPENDED = GatewayReply.of(0, EmptyHttpHeaders.INSTANCE, new byte[0]);

  /**
   * Returns null to pass the exchange on, the gateway response that ends it, or {@link #SUSPENDED}.
   */
  @Nullable GatewayReply apply(Exchange exchange);
}
