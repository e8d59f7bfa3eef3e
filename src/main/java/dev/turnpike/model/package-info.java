/**
 * Records for the AWS resources Turnpike serves (RestApi, Resource, Method, Integration,
 * Deployment, Stage, GatewayResponse, accounts and access keys). Field names are AWS's JSON member
 * names, so the control plane serializes these records as AWS does. Nullable fields mean "not set",
 * exactly as AWS omits them.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.model;

import org.jspecify.annotations.NullMarked;
