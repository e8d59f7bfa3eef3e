package dev.turnpike.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Seeded fuzzing for the parsers (issue 22): inputs built from a seed, either from pieces that
 * matter to a parser or by mutating a valid input (a byte changed, inserted, deleted, a range
 * duplicated or cut). Each check runs {@link #tries()} inputs; a failure names the seed and the
 * input, so one command replays it. The unit suite runs a bounded number of tries; {@code
 * -Dturnpike.fuzz.tries=200000} (and {@code -Dturnpike.fuzz.seed=N} to replay) runs more, see
 * docs/reliability.md.
 */
public final class Fuzz {
  private static final int DEFAULT_TRIES = 2000;

  private final Random random;
  private final long seed;

  private Fuzz(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** A fuzzer seeded from {@code turnpike.fuzz.seed}, or from the clock (printed on failure). */
  public static Fuzz seeded() {
    String s = System.getProperty("turnpike.fuzz.seed");
    return new Fuzz(s != null ? Long.parseLong(s) : System.nanoTime());
  }

  /** Inputs per check: {@code turnpike.fuzz.tries}, else a bounded number for the unit suite. */
  public static int tries() {
    return Integer.getInteger("turnpike.fuzz.tries", DEFAULT_TRIES);
  }

  public Random random() {
    return random;
  }

  /**
   * Runs {@code check} on {@link #tries()} inputs from {@code input}; a failure names the input.
   */
  public <T> int run(java.util.function.Function<Fuzz, T> input, Consumer<T> check) {
    int n = tries();
    for (int i = 0; i < n; i++) {
      T value = input.apply(this);
      try {
        check.accept(value);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError(
            "fuzz failure (seed "
                + seed
                + ", try "
                + i
                + ", replay with -Dturnpike.fuzz.seed="
                + seed
                + ") on input: "
                + printable(
                    value instanceof Object[] a
                        ? java.util.Arrays.toString(a)
                        : String.valueOf(value)),
            e);
      }
    }
    return n;
  }

  /** Up to {@code max} pieces joined. */
  public String pieces(int max, String... pieces) {
    int n = random.nextInt(max + 1);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(pieces[random.nextInt(pieces.length)]);
    }
    return b.toString();
  }

  /** A string of up to {@code max} chars in {@code [from, to]}. */
  public String chars(int max, char from, char to) {
    int n = random.nextInt(max + 1);
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = (char) (from + random.nextInt(to - from + 1));
    }
    return new String(c);
  }

  /** One of {@code options}. */
  @SafeVarargs
  public final <T> T oneOf(T... options) {
    return options[random.nextInt(options.length)];
  }

  /** {@code valid} with 1 to {@code maxEdits} random edits, as text (ISO-8859-1 chars). */
  public String mutate(String valid, int maxEdits) {
    return new String(
        mutate(valid.getBytes(StandardCharsets.ISO_8859_1), maxEdits), StandardCharsets.ISO_8859_1);
  }

  /** {@code valid} with 1 to {@code maxEdits} random edits. */
  public byte[] mutate(byte[] valid, int maxEdits) {
    List<Byte> b = new ArrayList<>(valid.length + 8);
    for (byte x : valid) {
      b.add(x);
    }
    int edits = 1 + random.nextInt(maxEdits);
    for (int e = 0; e < edits; e++) {
      int at = b.isEmpty() ? 0 : random.nextInt(b.size());
      switch (random.nextInt(6)) {
        case 0 -> {
          if (!b.isEmpty()) {
            b.set(at, (byte) random.nextInt(256));
          }
        }
        case 1 -> b.add(at, interestingByte());
        case 2 -> {
          if (!b.isEmpty()) {
            b.remove(at);
          }
        }
        case 3 -> {
          int len = Math.min(b.size() - at, 1 + random.nextInt(16));
          List<Byte> copy = new ArrayList<>(b.subList(at, at + len));
          b.addAll(at, copy);
        }
        case 4 -> {
          int len = Math.min(b.size() - at, 1 + random.nextInt(16));
          b.subList(at, at + len).clear();
        }
        default -> {
          if (!b.isEmpty()) {
            b.set(at, (byte) (b.get(at) ^ (1 << random.nextInt(8))));
          }
        }
      }
    }
    byte[] out = new byte[b.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get(i);
    }
    return out;
  }

  private static final byte[] INTERESTING =
      "\"{}[],:\\\r\n\0 %/.-09e$#\u007f".getBytes(StandardCharsets.ISO_8859_1);

  private byte interestingByte() {
    int k = random.nextInt(INTERESTING.length + 2);
    return k < INTERESTING.length ? INTERESTING[k] : (byte) (k == INTERESTING.length ? 0xc3 : 0xff);
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 2000; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return s.length() > 2000 ? b + "…(" + s.length() + " chars)" : b.toString();
  }
}
