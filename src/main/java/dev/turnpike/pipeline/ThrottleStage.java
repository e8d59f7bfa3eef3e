package dev.turnpike.pipeline;

import static java.util.Objects.requireNonNull;

import dev.turnpike.counters.Limiter;
import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord.LimitFact;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.snapshot.KeyGrant;
import org.jspecify.annotations.Nullable;

/**
 * Throttling (spec 2.3), one stage over the buckets of AWS's levels in AWS's order: the usage
 * plan's per-method bucket for this key and stage, else its per-key bucket (levels 1-2; only for
 * methods with {@code apiKeyRequired} and a key that passed); the stage's method bucket, limited by
 * the method's {@code methodSettings} throttle, else the stage's {@code *}/{@code *} (level 3); the
 * account's bucket for the Region (spec 2.1). The first empty bucket ends the exchange with {@code
 * THROTTLED} 429 {@code {"message":"Too Many Requests"}} and gives back the tokens the levels
 * before it took, so only admitted requests count.
 *
 * <p>Each level's bucket and its whole tokens after the check go to the exchange's fixed fields for
 * the decision record: the stage allocates nothing unless it refuses. The key line is the current
 * (KC-429) form recorded in spec 2.6 / C46; the stage and account lines' wording is ours [UNCONF].
 */
public final class ThrottleStage implements Stage {
  private static final Level[] LEVELS = Level.values();

  @Override
  public @Nullable GatewayReply apply(Exchange ex) {
    for (int i = 0; i < LEVELS.length; i++) {
      Level level = LEVELS[i];
      Limiter limiter = level.bucket(ex);
      if (limiter == null) {
        continue;
      }
      boolean admitted = limiter.tryAcquire();
      level.record(ex, limiter, limiter.available());
      if (!admitted) {
        for (int j = 0; j < i; j++) {
          Limiter taken = LEVELS[j].checked(ex);
          if (taken != null) {
            taken.refund();
          }
        }
        if (ex.executionTrace != null) {
          ex.executionTrace.error(ex, level.line(ex, limiter));
        }
        return GatewayResponses.refuse(
            ex,
            GatewayResponseType.THROTTLED,
            level.cause,
            new LimitFact(limiter.rate(), limiter.burst()));
      }
    }
    return null;
  }

  /**
   * A throttle level: where its bucket comes from, where the check is recorded, and how a refusal
   * is logged.
   */
  private enum Level {
    PLAN(Cause.THROTTLE_PLAN) {
      @Override
      @Nullable Limiter bucket(Exchange ex) {
        KeyGrant grant = ex.keyGrant;
        return grant == null
            ? null
            : grant.limiter(ex.route().resourceId(), ex.method().httpMethod());
      }

      @Override
      void record(Exchange ex, Limiter bucket, int tokens) {
        ex.planBucket = bucket;
        ex.planTokens = tokens;
      }

      @Override
      @Nullable Limiter checked(Exchange ex) {
        return ex.planBucket;
      }

      @Override
      String line(Exchange ex, Limiter bucket) {
        KeyGrant grant =
            requireNonNull(ex.keyGrant, "keyGrant"); // the plan level applies only with a grant
        return "API Key "
            + grant.maskedKey()
            + " exceeded throttle limit for API Stage "
            + ex.stage().apiId()
            + "/"
            + ex.stage().stageName()
            + ": Key throttle limit exceeded for Usage Plan ID "
            + grant.planId()
            + ", "
            + ThrottleLines.where(ex, bucket);
      }
    },
    STAGE(Cause.THROTTLE_STAGE) {
      @Override
      @Nullable Limiter bucket(Exchange ex) {
        return ex.stage()
            .metering()
            .method(ex.route().resourceId(), ex.method().httpMethod())
            .limiter();
      }

      @Override
      void record(Exchange ex, Limiter bucket, int tokens) {
        ex.stageBucket = bucket;
        ex.stageTokens = tokens;
      }

      @Override
      @Nullable Limiter checked(Exchange ex) {
        return ex.stageBucket;
      }

      @Override
      String line(Exchange ex, Limiter bucket) {
        return "Stage throttle limit exceeded for " + ThrottleLines.where(ex, bucket);
      }
    },
    ACCOUNT(Cause.THROTTLE_ACCOUNT) {
      @Override
      @Nullable Limiter bucket(Exchange ex) {
        return ex.stage().metering().account();
      }

      @Override
      void record(Exchange ex, Limiter bucket, int tokens) {
        ex.accountBucket = bucket;
        ex.accountTokens = tokens;
      }

      @Override
      @Nullable Limiter checked(Exchange ex) {
        return ex.accountBucket;
      }

      @Override
      String line(Exchange ex, Limiter bucket) {
        return "Account throttle limit exceeded for " + ThrottleLines.where(ex, bucket);
      }
    };

    final Cause cause;

    Level(Cause cause) {
      this.cause = cause;
    }

    /** This level's bucket for the exchange, null when the level does not apply. */
    abstract @Nullable Limiter bucket(Exchange ex);

    /** Records the check on the exchange's fixed fields. */
    abstract void record(Exchange ex, Limiter bucket, int tokens);

    /**
     * The bucket this level took a token from (checked and, being before the refusing level,
     * admitted).
     */
    abstract @Nullable Limiter checked(Exchange ex);

    /** The execution-log line of a refusal (built only when the method logs). */
    abstract String line(Exchange ex, Limiter bucket);
  }
}
