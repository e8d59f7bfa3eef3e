/**
 * The request path of a REST API: one {@link dev.turnpike.pipeline.Exchange} per request passed through a fixed,
 * ordered list of {@link dev.turnpike.pipeline.Stage}s ({@link dev.turnpike.pipeline.Stages#forRestApi()}), each of
 * which passes it on or ends it with a gateway response rendered by {@link
 * dev.turnpike.pipeline.GatewayResponses}, the one catalog of refusals.
 *
 * <p>May use: {@code snapshot}, {@code routing}, {@code auth.*}, {@code counters}, {@code observe},
 * {@code template}, {@code model}, Netty's HTTP types.
 */
@NullMarked
package dev.turnpike.pipeline;

import org.jspecify.annotations.NullMarked;
