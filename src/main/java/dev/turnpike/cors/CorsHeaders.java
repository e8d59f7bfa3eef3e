package dev.turnpike.cors;

import java.util.Arrays;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The CORS header pairs one response carries, names lower case as HTTP APIs send them. Immutable;
 * the ones that do not depend on the request's {@code Origin} are built once per compiled
 * configuration, so most requests allocate nothing here.
 *
 * <p>{@link #varyOrigin()} says the answer depends on the request's {@code Origin} (the origin was
 * reflected): the caller appends {@code Origin} to the response's {@code Vary} rather than
 * replacing a {@code Vary} the backend sent.
 */
public final class CorsHeaders {
  /** No CORS headers: the request had no {@code Origin}, or the origin is not allowed. */
  public static final CorsHeaders NONE = new CorsHeaders(new String[0], new String[0], false);

  private final String[] names;
  private final String[] values;
  private final boolean varyOrigin;

  CorsHeaders(String[] names, String[] values, boolean varyOrigin) {
    this.names = names;
    this.values = values;
    this.varyOrigin = varyOrigin;
  }

  public int size() {
    return names.length;
  }

  public boolean isEmpty() {
    return names.length == 0;
  }

  public String name(int i) {
    return names[i];
  }

  public String value(int i) {
    return values[i];
  }

  public boolean varyOrigin() {
    return varyOrigin;
  }

  /** Calls {@code sink} with each pair in the order a response should carry them. */
  public void forEach(BiConsumer<String, String> sink) {
    for (int i = 0; i < names.length; i++) {
      sink.accept(names[i], values[i]);
    }
  }

  /** The value for a lower-case header name, null when absent (for tests and explain). */
  public @Nullable String get(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("CorsHeaders[");
    for (int i = 0; i < names.length; i++) {
      b.append(i == 0 ? "" : ", ").append(names[i]).append(": ").append(values[i]);
    }
    return b.append(varyOrigin ? "; vary origin]" : "]").toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CorsHeaders h
        && varyOrigin == h.varyOrigin
        && Arrays.equals(names, h.names)
        && Arrays.equals(values, h.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
  }
}
