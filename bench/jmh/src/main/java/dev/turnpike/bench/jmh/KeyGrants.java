package dev.turnpike.bench.jmh;

import dev.turnpike.auth.keys.ApiKeyMask;
import dev.turnpike.counters.Counters;
import dev.turnpike.counters.Limiter;
import dev.turnpike.counters.Ticker;
import dev.turnpike.snapshot.KeyGrant;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A stage's compiled grants as the snapshot compiler builds them: {@code n} enabled keys (40 random alphanumerics,
 * like API Gateway's generated values) in one usage plan, each with its own per-key bucket from
 * {@link Counters#local}, plus the key values in a fixed order to cycle through.
 */
final class KeyGrants {
  static final String RESOURCE_ID = "abc123";
  /** Immutable, as {@code MeteringCompiler} builds it ({@code Map.copyOf}). */
  final Map<String, KeyGrant> byValue;
  final String[] values;

  KeyGrants(int n, double rate, int burst) {
    Counters counters = Counters.local(Ticker.system(), Clock.systemUTC());
    SplittableRandom random = new SplittableRandom(42);
    Map<String, KeyGrant> building = new HashMap<>(n * 2);
    values = new String[n];
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder(40);
      for (int c = 0; c < 40; c++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String value = sb.toString();
      String keyId = "key" + i;
      Limiter planLimiter = counters.limiter("plan1/" + keyId, rate, burst);
      building.put(value, new KeyGrant(keyId, ApiKeyMask.mask(value), "plan1", planLimiter, Map.of(),
          counters.meter("plan1", keyId)));
      values[i] = value;
    }
    byValue = Map.copyOf(building);
  }
}
