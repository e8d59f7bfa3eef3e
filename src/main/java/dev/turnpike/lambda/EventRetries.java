package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How {@code Event} invocations are retried: after a function error, timeout or crash, {@code
 * maxRetries} more attempts, the first after {@code firstRetry} and each next after twice the
 * previous wait; a throttled event is retried until it is {@code maxEventAge} old.
 */
public record EventRetries(Duration firstRetry, int maxRetries, Duration maxEventAge) {
  /** Lambda's defaults: two retries, one minute then two; events kept six hours. */
  public static final EventRetries AWS =
      new EventRetries(Duration.ofMinutes(1), 2, Duration.ofHours(6));

  public EventRetries {
    requireNonNull(firstRetry, "firstRetry");
    requireNonNull(maxEventAge, "maxEventAge");
    if (firstRetry.isNegative() || maxRetries < 0 || maxRetries > 2) {
      throw new IllegalArgumentException(
          "firstRetry >= 0 and maxRetries 0 to 2 expected (Lambda's MaximumRetryAttempts range)");
    }
  }

  /** These retries with the first after {@code firstRetry}. */
  public EventRetries withFirstRetry(Duration firstRetry) {
    return new EventRetries(firstRetry, maxRetries, maxEventAge);
  }
}
