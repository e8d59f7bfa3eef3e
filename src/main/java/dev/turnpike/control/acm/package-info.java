/**
 * The {@code acm} subset (AWS Certificate Manager, JSON 1.1 protocol: {@code X-Amz-Target:
 * CertificateManager.*}, {@code application/x-amz-json-1.1}): ImportCertificate (and re-import in
 * place), RequestCertificate (issued at once by the local CA), Describe/List/Get/DeleteCertificate
 * and tags.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.control.acm;

import org.jspecify.annotations.NullMarked;
