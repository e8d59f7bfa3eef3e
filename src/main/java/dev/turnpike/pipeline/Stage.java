package dev.turnpike.pipeline;

import org.jspecify.annotations.Nullable;

/** One step of the request path. Runs on the event loop: no locks, no I/O, no blocking. */
@FunctionalInterface
public interface Stage {
  /** Returns null to pass the exchange on, or the gateway response that ends it. */
  @Nullable GatewayReply apply(Exchange exchange);
}
