package dev.turnpike.counters;

import java.util.List;

/**
 * Where usage is made durable (the configuration store in production). Called off the event loop
 * only.
 */
public interface UsageSink {
  /** Everything persisted so far, to restore the meters at start-up. */
  List<UsageSample> load();

  /** Persists changed meters; called at most once a second and on shutdown. */
  void write(List<UsageSample> samples);
}
