package dev.turnpike.counters;

/**
 * What one node counted for one API key in one usage plan since its last flush, for the {@link
 * UsageSink} to add to the totals every node shares: the quota period and its count ({@code
 * periodIndex} -1: the plan has no quota), the period's limit ({@code -1} without a quota) so the
 * sink can record what remains, today's count and, after midnight UTC, the last counts of the day
 * that ended. A delta of zero still asks the sink for the current totals (a node refreshing its
 * view of the others' counts).
 */
public record UsageDelta(
    String planId,
    String keyId,
    long periodIndex,
    long periodDelta,
    long periodLimit,
    long day,
    long dayDelta,
    long closedDay,
    long closedDayDelta) {}
