package dev.turnpike.control;

import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Write;
import java.time.Clock;
import java.util.List;

/**
 * What every operation group needs: the store, the wall clock (for {@code createdDate}), the region
 * this Turnpike plays, and the hook that tells the snapshot compiler a write was acknowledged.
 */
public record ControlContext(ConfigStore store, Clock clock, String region, Runnable onCommit) {

  /** Commits atomically, then triggers a snapshot rebuild. */
  public long commit(List<Write> writes) {
    long revision = store.commit(writes);
    onCommit.run();
    return revision;
  }

  public long nowSeconds() {
    return clock.instant().getEpochSecond();
  }
}
