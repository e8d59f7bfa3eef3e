/**
 * The data plane's client for HTTP and HTTP_PROXY integrations: sends one request to an HTTP(S)
 * backend and returns the aggregated response, over pooled keep-alive connections that live on the
 * caller's event loop.
 *
 * <p>Owns: {@link dev.turnpike.integration.http.HttpBackendClient} (pooling, TLS, timeouts, failure
 * classification into {@link dev.turnpike.integration.http.BackendFailure}) and {@link
 * dev.turnpike.integration.http.IntegrationHeaders}, API Gateway's request and response header
 * rules for HTTP integrations in one place.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it). It must not use {@code store}, {@code control} or {@code cli}; it
 * knows nothing of routes or gateway responses (mapping a {@link
 * dev.turnpike.integration.http.BackendFailure} to a 500/504 is the caller's job).
 *
 * <p>Threading: nothing here blocks an event loop. Host names are resolved on a small dedicated
 * executor, never on the loop.
 */
@NullMarked
package dev.turnpike.integration.http;

import org.jspecify.annotations.NullMarked;
