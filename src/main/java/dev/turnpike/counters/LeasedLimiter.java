package dev.turnpike.counters;

/**
 * A {@link Limiter} over a bucket shared by every node through Redis, answering from this node's
 * lease ({@link Lease}): no Redis call on the request path. While Redis is unreachable it answers
 * from the node's local share of the limit instead (fail-open, {@link RedisCounters}).
 */
final class LeasedLimiter implements Limiter {
  private final Lease lease;
  private final RedisCounters owner;

  LeasedLimiter(Lease lease, RedisCounters owner) {
    this.lease = lease;
    this.owner = owner;
  }

  @Override
  public boolean tryAcquire() {
    if (owner.failingOpen()) {
      return lease.fallback.tryAcquire();
    }
    if (lease.take()) {
      return true;
    }
    owner.wakeRefiller();
    return false;
  }

  @Override
  public void refund() {
    if (owner.failingOpen()) {
      lease.fallback.refund();
    } else {
      lease.giveBack();
    }
  }

  @Override
  public double rate() {
    return lease.rate;
  }

  @Override
  public int burst() {
    return lease.burst;
  }

  /** The tokens this node holds (its lease), not the cluster's bucket. */
  @Override
  public int available() {
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, lease.tokens.get()));
  }
}
