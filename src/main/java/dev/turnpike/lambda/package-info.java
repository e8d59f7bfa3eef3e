/**
 * Lambda functions run locally: {@link dev.turnpike.lambda.RuntimeApiServer} (the Lambda Runtime
 * API on loopback, on its own event loop, never a gateway loop), {@link
 * dev.turnpike.lambda.FunctionInstance} (one warm process), {@link
 * dev.turnpike.lambda.InstancePool} (warm reuse up to a concurrency limit) and {@link
 * dev.turnpike.lambda.LambdaInvoker} (invoke with timeouts, typed failures and CloudWatch-style
 * logs).
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.lambda;

import org.jspecify.annotations.NullMarked;
