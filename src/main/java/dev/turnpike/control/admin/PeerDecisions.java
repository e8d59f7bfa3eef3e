package dev.turnpike.control.admin;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Asks the other nodes of a cluster for a decision record this node does not hold (each node keeps
 * the records of the requests it served), so {@code turnpike explain} finds a request whichever
 * node served it.
 */
@FunctionalInterface
public interface PeerDecisions {
  PeerDecisions NONE = requestId -> CompletableFuture.completedFuture(null);

  /**
   * The decision record as JSON (with its {@code story}) from the node that served {@code
   * requestId}, with a {@code node} member naming it; null when no other node answers with it.
   * Never fails: unreachable nodes count as not having it.
   */
  CompletableFuture<@Nullable String> find(String requestId);
}
