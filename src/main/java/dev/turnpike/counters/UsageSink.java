package dev.turnpike.counters;

import java.util.List;

/**
 * Where usage is made durable and shared by the nodes of a cluster (the configuration store in
 * production). Called off the event loop only.
 */
public interface UsageSink {
  /** Everything persisted so far, to restore the meters at start-up. */
  List<UsageSample> load();

  /**
   * Adds each node-local delta to the shared totals atomically (no other node's counts are
   * overwritten) and answers the totals after it, in the same order, for the meters to adopt:
   * {@code periodIndex}/{@code periodUsed}, {@code day}/{@code dayUsed} and {@code remaining}.
   */
  List<UsageSample> add(List<UsageDelta> deltas);
}
