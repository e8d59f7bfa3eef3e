/**
 * The AWS-compatible control plane: requests arrive on the admin port, are authenticated with
 * SigV4, dispatched by the service in the credential scope, and answered with AWS's JSON shapes,
 * status codes and error types, so the unmodified AWS CLI and SDKs configure Turnpike. Runs on its
 * own executor (it reads and writes the store).
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.control;

import org.jspecify.annotations.NullMarked;
