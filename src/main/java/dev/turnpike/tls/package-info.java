/**
 * Certificates and TLS: PEM parsing and validation ({@link dev.turnpike.tls.Pem}, {@link
 * dev.turnpike.tls.CertificateChecks}), the local CA that issues the default {@code
 * *.execute-api.{region}.{suffix}} certificate and ACM's "Amazon-issued" certificates ({@link
 * dev.turnpike.tls.LocalCa}), host-name coverage ({@link dev.turnpike.tls.HostNames}), the security
 * policies ({@link dev.turnpike.tls.SecurityPolicy}), server {@code SslContext}s ({@link
 * dev.turnpike.tls.ServerTls}) and the SNI lookup the HTTPS listener reads on every handshake
 * ({@link dev.turnpike.tls.CertificateIndex}, {@link dev.turnpike.tls.SniMapping}). The certificate
 * lifecycle: the inventory a snapshot serves ({@link dev.turnpike.tls.CertificateInventory}),
 * expiry ({@link dev.turnpike.tls.CertificateExpiry}), managed renewal of Turnpike-issued
 * certificates ({@link dev.turnpike.tls.CertificateRenewal}, {@link
 * dev.turnpike.tls.DefaultCertificate}) and the daily check ({@link
 * dev.turnpike.tls.CertificateLifecycle}).
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.tls;

import org.jspecify.annotations.NullMarked;
