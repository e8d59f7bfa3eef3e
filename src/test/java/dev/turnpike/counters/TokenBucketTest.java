package dev.turnpike.counters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private long now = 1_000_000_000L;
  private final Ticker ticker = () -> now;

  @Test
  void tryAcquire_newBucket_admitsBurstThenRefuses() {
    TokenBucket b = TokenBucket.create(1, 3, ticker);
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isFalse();
  }

  @Test
  void available_countsWholeTokensLeft_andAgreesWithTryAcquire() {
    TokenBucket b = TokenBucket.create(2, 3, ticker); // interval 500 ms
    assertThat(b.available()).isEqualTo(3);
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.available()).isEqualTo(2);
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.available()).isZero();
    now += 499_999_999L; // 0.999… of a token is not a token
    assertThat(b.available()).isZero();
    assertThat(b.tryAcquire()).isFalse();
    now += 1;
    assertThat(b.available()).isEqualTo(1);
    b.refund();
    assertThat(b.available()).isEqualTo(2);
    assertThat(TokenBucket.create(5, 0, ticker).available()).isZero();
  }

  @Test
  void tryAcquire_afterExactlyOneInterval_refillsOneToken() {
    TokenBucket b = TokenBucket.create(4, 1, ticker); // interval 250 ms
    assertThat(b.tryAcquire()).isTrue();
    now += 249_999_999L;
    assertThat(b.tryAcquire()).isFalse();
    now += 1;
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isFalse();
  }

  @Test
  void tryAcquire_longIdle_neverExceedsBurst() {
    TokenBucket b = TokenBucket.create(10, 5, ticker);
    now += 3_600_000_000_000L;
    int admitted = 0;
    while (b.tryAcquire()) {
      admitted++;
    }
    assertThat(admitted).isEqualTo(5);
  }

  @Test
  void tryAcquire_zeroBurst_admitsNothing_zeroRate_neverRefills() {
    assertThat(TokenBucket.create(100, 0, ticker).tryAcquire()).isFalse();
    TokenBucket b = TokenBucket.create(0, 1, ticker);
    assertThat(b.tryAcquire()).isTrue();
    now += 86_400_000_000_000L;
    assertThat(b.tryAcquire()).isFalse();
  }

  @Test
  void tryAcquire_zeroRate_admitsTheWholeBurstOnce() {
    // A bucket that never refills still starts full: rate 0 with burst 100 admits 100 (it admitted
    // 2, the huge interval overflowing the tolerance), then nothing, a year later too.
    TokenBucket b = TokenBucket.create(0, 100, ticker);
    assertThat(b.available()).isEqualTo(100);
    int admitted = 0;
    while (b.tryAcquire()) {
      admitted++;
    }
    assertThat(admitted).isEqualTo(100);
    assertThat(b.available()).isZero();
    now += 365L * 86_400_000_000_000L;
    assertThat(b.tryAcquire()).isFalse();
    b.refund();
    assertThat(b.available()).isEqualTo(1);
    assertThat(b.tryAcquire()).isTrue();
  }

  @Test
  void refund_givesBackTheToken() {
    TokenBucket b = TokenBucket.create(1, 1, ticker);
    assertThat(b.tryAcquire()).isTrue();
    b.refund();
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isFalse();
  }

  /**
   * Property: over any run of random arrivals, admitted <= burst + rate × elapsed, and a saturating
   * client gets it.
   */
  @Test
  void property_randomArrivals_neverAdmitMoreThanBurstPlusRateTimesT() {
    Random random = new Random(42);
    for (int run = 0; run < 200; run++) {
      int burst = random.nextInt(20);
      double rate = 1 + random.nextInt(1000);
      long start = now;
      TokenBucket b = TokenBucket.create(rate, burst, ticker);
      long admitted = 0;
      for (int i = 0; i < 2000; i++) {
        now += random.nextInt(5_000_000);
        if (b.tryAcquire()) {
          admitted++;
        }
        double bound = burst + rate * (now - start) / 1e9;
        assertThat((double) admitted).isLessThanOrEqualTo(bound + 1e-6);
      }
    }
  }

  @Test
  void property_concurrentThreads_admitExactlyBurstWhenTimeStands() throws Exception {
    TokenBucket b = TokenBucket.create(1, 1000, ticker);
    java.util.concurrent.atomic.AtomicInteger admitted =
        new java.util.concurrent.atomic.AtomicInteger();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 1000; i++) {
                  if (b.tryAcquire()) {
                    admitted.incrementAndGet();
                  }
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(admitted.get()).isEqualTo(1000);
  }
}
