/**
 * AWS Signature Version 4: parsing the {@code Authorization} header and presigned query, building
 * the canonical request and string to sign, deriving signing keys, verifying signatures with the
 * exact error texts AWS returns, and signing requests on the client side.
 *
 * <p>One implementation serves the control plane ({@code apigateway}, {@code iam}, {@code sts}) and
 * the data plane ({@code execute-api}). May use: what its row in the package table of {@code
 * docs/architecture.md} grants ({@code ArchitectureTest} holds it). No Netty and no I/O: the
 * verifier works on a {@link dev.turnpike.auth.sigv4.SigV4Request} already read from the wire, so
 * every rule is testable as a plain unit test.
 */
@NullMarked
package dev.turnpike.auth.sigv4;

import org.jspecify.annotations.NullMarked;
