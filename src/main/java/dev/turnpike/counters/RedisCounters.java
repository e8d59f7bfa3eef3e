package dev.turnpike.counters;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * {@link Counters} shared by every node through Redis ({@code serve --counters redis://…}).
 *
 * <p>Implementation notes: each throttle is a token bucket kept in Redis (a hash per bucket,
 * refilled by Redis's own clock inside a Lua script, so nodes' clocks do not matter). No request
 * waits on Redis: a node's background thread ({@link RedisLeases}) takes tokens from the shared
 * bucket in batches and the request path spends them from an {@code AtomicLong} ({@link
 * LeasedLimiter}). A lease is at least what the bucket refills per lease interval, doubled while a
 * node spends it all within one interval (up to the burst) and halved while it idles; a request
 * that finds the lease empty is throttled and wakes the refiller.
 *
 * <p>Bounds (docs/cluster.md): Redis never grants more than the bucket holds, so the tokens spent
 * in any window of length T are at most {@code burst + rate × T} plus what nodes leased before the
 * window and spend in it: at most one lease per node, {@code Σ lease ≤ N × max(rate × interval, 2 ×
 * per-node spend per interval)}. A node under-admits by at most its lease being spent elsewhere:
 * tokens leased by an idle node wait there until it hands them back at shutdown or spends them.
 *
 * <p>Fail-open: when Redis cannot be reached, every limiter answers from a local bucket at this
 * node's share (rate / N, burst / N, N = the nodes that sent a heartbeat within 5 s), logged once
 * per outage; when Redis answers again the node goes back to leasing. What was admitted meanwhile
 * is not reported to Redis, so nothing is counted twice. Quotas and usage are not in Redis: each
 * node's {@link UsageMeter}s are shared through the configuration store by the {@link UsageFlusher}
 * (docs/cluster.md).
 */
public final class RedisCounters implements Counters {
  private final LocalCounters local;
  private final Ticker ticker;
  private final LeasePolicy policy;
  private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();
  private final Queue<Lease> fresh = new ConcurrentLinkedQueue<>();
  private final RedisLeases refiller;
  private volatile boolean failingOpen;
  private volatile int nodes;

  RedisCounters(
      String redisUri, LeasePolicy policy, Ticker ticker, Clock clock, Consumer<String> log) {
    this.local = new LocalCounters(ticker, clock);
    this.ticker = requireNonNull(ticker, "ticker");
    this.policy = requireNonNull(policy, "policy");
    this.nodes = policy.nodesWhenUnknown();
    this.refiller = new RedisLeases(redisUri, policy, this, ticker, log);
  }

  void start() {
    refiller.start();
  }

  @Override
  public Limiter limiter(String id, double rate, int burst) {
    Lease lease =
        leases.computeIfAbsent(
            id,
            k -> {
              Lease created = new Lease(k, rate, burst, share(rate, burst, nodes));
              fresh.add(created);
              return created;
            });
    if (lease.rate != rate || lease.burst != burst) {
      lease.rate = rate;
      lease.burst = burst;
      lease.fallback = share(rate, burst, nodes);
    }
    return new LeasedLimiter(lease, this);
  }

  private TokenBucket share(double rate, int burst, int n) {
    int shareBurst = burst == 0 ? 0 : Math.max(1, burst / n);
    return TokenBucket.create(rate / n, shareBurst, ticker);
  }

  /** Called by the refiller when the count of live nodes changes. */
  void nodes(int n) {
    int count = Math.max(1, n);
    if (count != nodes) {
      nodes = count;
      for (Lease l : leases.values()) {
        l.fallback = share(l.rate, l.burst, count);
      }
    }
  }

  int nodes() {
    return nodes;
  }

  Collection<Lease> leases() {
    return leases.values();
  }

  LeasePolicy policy() {
    return policy;
  }

  /** True while Redis is unreachable and limiters answer from local shares. */
  public boolean failingOpen() {
    return failingOpen;
  }

  void failingOpen(boolean value) {
    failingOpen = value;
  }

  void wakeRefiller() {
    refiller.wake();
  }

  @Override
  public UsageMeter meter(String planId, String keyId) {
    return local.meter(planId, keyId);
  }

  @Override
  public Collection<UsageMeter> meters() {
    return local.meters();
  }

  @Override
  public void retainLimiters(Set<String> ids) {
    leases.keySet().retainAll(ids);
    // The end of a compile, before its snapshot is published: lease for the buckets it created.
    List<Lease> created = new ArrayList<>();
    for (Lease l; (l = fresh.poll()) != null; ) {
      created.add(l);
    }
    refiller.leaseNow(created);
  }

  @Override
  public Clock clock() {
    return local.clock();
  }

  /** Hands unspent leases back to the shared buckets and leaves the cluster's node count. */
  @Override
  public void close() {
    refiller.close();
  }
}
