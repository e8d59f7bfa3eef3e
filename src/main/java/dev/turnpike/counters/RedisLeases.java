package dev.turnpike.counters;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one thread of a node that talks to Redis for its counters ({@code turnpike-counters}): every
 * lease interval, or sooner when a request found a lease empty, it tops up each bucket's lease with
 * one pipelined script call per bucket, and once a second it refreshes this node's heartbeat (the
 * node count that sizes fail-open shares). A failed cycle switches the node to fail-open; the next
 * successful one switches it back.
 */
final class RedisLeases implements AutoCloseable {
  /** Takes up to ARGV[3] whole tokens from the bucket KEYS[1] (rate ARGV[1]/s, burst ARGV[2]). */
  static final String TAKE =
      "local t = redis.call('TIME')\n"
          + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"
          + "local rate = tonumber(ARGV[1]); local burst = tonumber(ARGV[2])\n"
          + "local v = redis.call('HMGET', KEYS[1], 't', 'at')\n"
          + "local tokens = tonumber(v[1]); local at = tonumber(v[2])\n"
          + "if tokens == nil or at == nil then tokens = burst; at = now end\n"
          + "if now > at then tokens = math.min(burst, tokens + (now - at) * rate / 1000) end\n"
          + "local granted = math.floor(math.min(tonumber(ARGV[3]), tokens))\n"
          + "if granted < 0 then granted = 0 end\n"
          + "redis.call('HSET', KEYS[1], 't', tostring(tokens - granted), 'at', tostring(now))\n"
          + "redis.call('PEXPIRE', KEYS[1], ARGV[4])\n"
          + "return granted";

  /** Returns ARGV[1] unspent tokens to the bucket KEYS[1], never above its burst ARGV[2]. */
  static final String GIVE_BACK =
      "local v = tonumber(redis.call('HGET', KEYS[1], 't'))\n"
          + "if v == nil then return 0 end\n"
          + "redis.call('HSET', KEYS[1], 't', tostring(math.min(tonumber(ARGV[2]), v +"
          + " tonumber(ARGV[1]))))\n"
          + "return 1";

  /** Refreshes this node's heartbeat and answers how many nodes sent one within ARGV[2] ms. */
  static final String HEARTBEAT =
      "local t = redis.call('TIME')\n"
          + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"
          + "redis.call('ZADD', KEYS[1], now, ARGV[1])\n"
          + "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))\n"
          + "return redis.call('ZCARD', KEYS[1])";

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
  private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final RedisURI uri;
  private final String shown;
  private final RedisCounters counters;
  private final Consumer<String> log;
  private final String prefix;
  private final Ticker ticker;
  private final String nodeId = UUID.randomUUID().toString();
  private final Thread thread;
  private final RedisClient client;
  private @Nullable StatefulRedisConnection<String, String> connection;
  private long lastHeartbeat = Long.MIN_VALUE / 2;
  private volatile boolean closed;

  RedisLeases(
      String redisUri,
      LeasePolicy policy,
      RedisCounters counters,
      Ticker ticker,
      Consumer<String> log) {
    this.ticker = ticker;
    this.uri = RedisURI.create(redisUri);
    // Generous: a refused or reset connection fails at once (REJECT_COMMANDS); only a hung Redis
    // waits this long, and a loaded machine must not take a slow answer for an outage.
    this.uri.setTimeout(COMMAND_TIMEOUT);
    this.shown = uri.getHost() + ":" + uri.getPort();
    this.counters = counters;
    this.log = log;
    this.prefix = policy.keyPrefix();
    this.client = RedisClient.create();
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            // A command while disconnected fails at once instead of queueing: the node fails open.
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .build());
    this.thread = new Thread(this::run, "turnpike-counters");
    thread.setDaemon(true);
  }

  /** Connects (waiting at most the command timeout) and starts the refill thread. */
  void start() {
    cycle(); // the first compile finds the connection up, or the node failing open already
    thread.start();
  }

  void wake() {
    LockSupport.unpark(thread);
  }

  private void run() {
    long intervalNanos = counters.policy().interval().toNanos();
    while (!closed) {
      cycle();
      LockSupport.parkNanos(intervalNanos);
    }
  }

  private void cycle() {
    try {
      RedisAsyncCommands<String, String> redis = connect().async();
      long now = ticker.read();
      if (now - lastHeartbeat >= HEARTBEAT_NANOS) {
        Long n =
            redis
                .<Long>eval(
                    HEARTBEAT,
                    ScriptOutputType.INTEGER,
                    new String[] {prefix + "nodes"},
                    nodeId,
                    "5000")
                .get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        counters.nodes(n == null ? 1 : n.intValue());
        lastHeartbeat = now;
      }
      topUp(redis, counters.leases());
      if (counters.failingOpen()) {
        counters.failingOpen(false);
        log.accept(
            "turnpike: counters: Redis at " + shown + " answers again; limits are shared again");
      }
    } catch (Exception e) {
      failed(e);
    }
  }

  /**
   * Leases for buckets the snapshot compiler just created, on the compiler's thread before the
   * snapshot is published: a new API's first requests find tokens instead of an empty lease.
   */
  void leaseNow(Collection<Lease> fresh) {
    if (fresh.isEmpty() || counters.failingOpen()) {
      return;
    }
    try {
      topUp(connect().async(), fresh);
    } catch (Exception e) {
      failed(e);
    }
  }

  /** One pipelined script call per bucket whose lease is below its next batch. */
  private synchronized void topUp(
      RedisAsyncCommands<String, String> redis, Collection<Lease> leases) throws Exception {
    List<Lease> asked = new ArrayList<>();
    List<RedisFuture<Long>> answers = new ArrayList<>();
    for (Lease lease : leases) {
      long want = nextBatch(lease) - lease.tokens.get();
      if (want > 0) {
        asked.add(lease);
        answers.add(
            redis.eval(
                TAKE,
                ScriptOutputType.INTEGER,
                new String[] {prefix + "tb:" + lease.id},
                Double.toString(lease.rate),
                Integer.toString(lease.burst),
                Long.toString(want),
                Long.toString(ttlMillis(lease))));
      }
    }
    for (int i = 0; i < asked.size(); i++) {
      Long granted = answers.get(i).get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (granted != null && granted > 0) {
        asked.get(i).tokens.addAndGet(granted);
      }
    }
  }

  private void failed(Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    if (!counters.failingOpen() && !closed) {
      counters.failingOpen(true);
      log.accept(
          "turnpike: WARN counters: Redis at "
              + shown
              + " is unreachable ("
              + e.getClass().getSimpleName()
              + "); failing open: this node admits its share (1/"
              + counters.nodes()
              + ") of every limit from local buckets until Redis answers again");
    }
  }

  /**
   * The lease this bucket should hold after this cycle: doubled (up to the burst) when the node
   * spent a whole lease since the last cycle or a request found it empty, halved (down to the base)
   * when it spent less than a quarter.
   */
  private int nextBatch(Lease lease) {
    int base = counters.policy().baseBatch(lease.rate, lease.burst);
    long spent = lease.spent.getAndSet(0);
    int batch = Math.max(base, lease.batch);
    if (lease.starved || spent >= batch) {
      batch = (int) Math.min(Math.max(base, lease.burst), 2L * batch);
    } else if (spent < batch / 4) {
      batch = Math.max(base, batch / 2);
    }
    lease.starved = false;
    lease.batch = batch;
    return batch;
  }

  /** A bucket untouched this long is full again, so Redis may forget it. */
  private static long ttlMillis(Lease lease) {
    if (lease.rate <= 0) {
      return TimeUnit.DAYS.toMillis(1);
    }
    return (long) Math.min(TimeUnit.DAYS.toMillis(1), lease.burst * 1000.0 / lease.rate + 1000);
  }

  private synchronized StatefulRedisConnection<String, String> connect() {
    StatefulRedisConnection<String, String> c = connection;
    if (c == null) {
      c = client.connect(uri);
      connection = c;
    }
    return c;
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    StatefulRedisConnection<String, String> c = connection;
    if (c != null && c.isOpen() && !counters.failingOpen()) {
      handBack(c.async());
    }
    if (c != null) {
      c.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
  }

  /** Graceful shutdown: unspent leased tokens go back to the shared buckets. */
  private void handBack(RedisAsyncCommands<String, String> redis) {
    List<RedisFuture<?>> sent = new ArrayList<>();
    for (Lease lease : counters.leases()) {
      long left = lease.tokens.getAndSet(0);
      if (left > 0) {
        sent.add(
            redis.eval(
                GIVE_BACK,
                ScriptOutputType.INTEGER,
                new String[] {prefix + "tb:" + lease.id},
                Long.toString(left),
                Integer.toString(lease.burst)));
      }
    }
    sent.add(redis.zrem(prefix + "nodes", nodeId));
    for (RedisFuture<?> f : sent) {
      try {
        f.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        return; // shutting down: a token not handed back refills with the bucket anyway
      }
    }
  }
}
