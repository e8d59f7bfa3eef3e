package dev.turnpike.counters;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket of capacity {@code burst} refilled at {@code rate} tokens per second, starting
 * full.
 *
 * <p>Implementation notes: API Gateway throttles with a token bucket: a request takes one token,
 * {@code rateLimit} (a double, requests per second) refills it, {@code burstLimit} is its capacity,
 * and no cross-validation of the two
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html).
 * We keep the bucket as one {@code long}, the "theoretical arrival time" of the generic cell-rate
 * algorithm: the instant at which the bucket would be full again. A request at {@code now} is
 * admitted when that instant lies at most {@code (burst - 1) × interval} ahead, and then moves it
 * by one interval. This is the token bucket exactly (tokens = burst − (tat − now) / interval), but
 * needs a single CAS and no second field, so it is lock-free and allocation-free. The interval is
 * rounded to whole nanoseconds ({@code 1e9 / rate}); a rate of 3 is then off by 1 part in 10⁹.
 * {@code rate == 0} never refills: time stands still for it (the clock reads 0 and each request
 * moves the arrival time by one), so it admits exactly {@code burst} requests; {@code burst == 0}
 * admits nothing.
 *
 * <p>The state ({@link AtomicLong}) is handed in so it can outlive this object: a snapshot with new
 * limits gets a new {@code TokenBucket} over the same state.
 */
public final class TokenBucket implements Limiter {
  /** A time long before any ticker reading: a new bucket is full. */
  static final long FULL = Long.MIN_VALUE / 4;

  private final double rate;
  private final int burst;
  private final long intervalNanos;
  private final long toleranceNanos;
  private final AtomicLong tat;
  private final Ticker ticker;

  public TokenBucket(double rate, int burst, AtomicLong state, Ticker ticker) {
    if (rate < 0 || Double.isNaN(rate)) {
      throw new IllegalArgumentException("rateLimit: " + rate + " (expected: >= 0)");
    }
    if (burst < 0) {
      throw new IllegalArgumentException("burstLimit: " + burst + " (expected: >= 0)");
    }
    this.rate = rate;
    this.burst = burst;
    // rate 0: one "nanosecond" per token on a clock that never moves (see now()); a huge interval
    // instead would overflow the tolerance past two tokens.
    this.intervalNanos = rate == 0 ? 1 : Math.max(1, Math.round(1e9 / rate));
    this.toleranceNanos = burst == 0 ? -1 : saturatingMultiply(burst - 1L, intervalNanos);
    this.tat = requireNonNull(state, "state");
    this.ticker = requireNonNull(ticker, "ticker");
  }

  /** A bucket over fresh state (tests, the account bucket). */
  public static TokenBucket create(double rate, int burst, Ticker ticker) {
    return new TokenBucket(rate, burst, new AtomicLong(FULL), ticker);
  }

  /** The state a new bucket starts from: full. */
  public static AtomicLong newState() {
    return new AtomicLong(FULL);
  }

  @Override
  public boolean tryAcquire() {
    if (toleranceNanos < 0) {
      return false;
    }
    long now = now();
    while (true) {
      long current = tat.get();
      long base = Math.max(current, now);
      if (base - now > toleranceNanos) {
        return false;
      }
      if (tat.compareAndSet(current, base + intervalNanos)) {
        return true;
      }
    }
  }

  @Override
  public void refund() {
    tat.addAndGet(-intervalNanos);
  }

  /**
   * tokens = burst − (tat − now) / interval, rounded down: the same arithmetic {@link
   * #tryAcquire()} admits by.
   */
  @Override
  public int available() {
    if (toleranceNanos < 0) {
      return 0;
    }
    long ahead = tat.get() - now();
    if (ahead <= 0) {
      return burst;
    }
    long owed = (ahead + intervalNanos - 1) / intervalNanos;
    return (int) Math.max(0, burst - owed);
  }

  @Override
  public double rate() {
    return rate;
  }

  @Override
  public int burst() {
    return burst;
  }

  /** The ticker's reading; always 0 for a bucket that never refills. */
  private long now() {
    return rate == 0 ? 0 : ticker.read();
  }

  private static long saturatingMultiply(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    return (hi == 0 && lo >= 0) ? Math.min(lo, Long.MAX_VALUE / 4) : Long.MAX_VALUE / 4;
  }
}
