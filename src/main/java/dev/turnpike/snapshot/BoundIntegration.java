package dev.turnpike.snapshot;

/**
 * The implementation an integration type is bound to when its deployment is compiled, so the
 * request path calls it without dispatching on the type's name. A marker here: the pipeline's
 * {@code Integration} extends it with the call itself, which names the exchange, and {@code
 * snapshot} must not depend on {@code pipeline} (the pipeline reads the snapshot).
 */
public interface BoundIntegration {}
