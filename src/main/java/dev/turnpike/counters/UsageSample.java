package dev.turnpike.counters;

/**
 * The persisted state of one {@link UsageMeter}: the quota period and its count, today's count, the
 * last day that rolled over and its final count, and the remaining quota when sampled (-1 without a
 * quota). Days are epoch days; -1 means none.
 */
public record UsageSample(
    String planId,
    String keyId,
    long periodIndex,
    long periodUsed,
    long day,
    long dayUsed,
    long closedDay,
    long closedDayUsed,
    long remaining) {}
