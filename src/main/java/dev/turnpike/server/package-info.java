/**
 * Netty listeners: the data-plane HTTP and HTTPS (SNI, ALPN h2/http1.1) listeners and the admin
 * listener that carries the control plane. Channel initializers read as the pipeline they build;
 * limits (header size, body size, idle time) are per listener; shutdown is graceful (in-flight
 * requests finish).
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it). The control plane is reached only through {@link
 * dev.turnpike.server.ControlPlaneEndpoint}, which the composition root supplies.
 */
@NullMarked
package dev.turnpike.server;

import org.jspecify.annotations.NullMarked;
