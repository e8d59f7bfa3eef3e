/**
 * Request routing as API Gateway does it: classify the Host (execute-api host, custom domain with
 * its base path mappings), split off the stage, and match the rest against a REST API's compiled
 * resource tree (literal beats {@code {param}} beats {@code {proxy+}}, {@code ANY} as fallback on a
 * resource). Pure functions over immutable structures.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.routing;

import org.jspecify.annotations.NullMarked;
