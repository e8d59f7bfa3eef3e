package dev.turnpike.snapshot;

import dev.turnpike.media.ContentSettings;
import dev.turnpike.routing.ResourceTree;

/** What one deployment compiles to; shared by every stage that serves it. */
record CompiledDeployment(
    ResourceTree<CompiledMethod> tree,
    CompiledGatewayResponses gatewayResponses,
    boolean executeApiEndpointDisabled,
    ContentSettings content) {}
