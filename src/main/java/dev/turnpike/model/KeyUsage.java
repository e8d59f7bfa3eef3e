package dev.turnpike.model;

import java.util.List;
import java.util.Map;

/**
 * The persisted usage of one API key in one usage plan: the current quota period (an index, see the
 * counters package) with its count, and per UTC day ({@code yyyy-MM-dd}) the pair {@code [used,
 * remaining]} that GetUsage reports (remaining is -1 when the plan had no quota).
 */
public record KeyUsage(long periodIndex, long periodUsed, Map<String, List<Long>> days) {
  public KeyUsage {
    days = Map.copyOf(days);
  }
}
