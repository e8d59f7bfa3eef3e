/**
 * The request path of a REST API: {@link dev.turnpike.pipeline.RequestPath} runs one {@link
 * dev.turnpike.pipeline.Exchange} per request through a fixed, ordered list of {@link
 * dev.turnpike.pipeline.Stage}s ({@link dev.turnpike.pipeline.Stages}), each of which passes it on,
 * ends it with a refusal made by {@link dev.turnpike.pipeline.GatewayResponses#refuse} (the one
 * catalog, which also records the cause), or suspends it until its I/O completes ({@link
 * dev.turnpike.pipeline.Suspension}); then the method's bound {@link
 * dev.turnpike.pipeline.Integration}.
 *
 * <p>May use: see the package table in {@code docs/architecture.md} (held by {@code
 * ArchitectureTest}).
 */
@NullMarked
package dev.turnpike.pipeline;

import org.jspecify.annotations.NullMarked;
