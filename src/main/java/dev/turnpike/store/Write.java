package dev.turnpike.store;

import org.jspecify.annotations.Nullable;

/**
 * One write of an atomic {@link ConfigStore#commit commit}: a put (json non-null) or a delete (json
 * null). {@code expectedVersion} &gt;= 0 makes the write conditional (0 = must not exist yet); -1 =
 * unconditional.
 */
public record Write(DocumentKey key, @Nullable String json, long expectedVersion) {
  public static Write put(DocumentKey key, String json) {
    return new Write(key, json, -1);
  }

  public static Write create(DocumentKey key, String json) {
    return new Write(key, json, 0);
  }

  public static Write delete(DocumentKey key) {
    return new Write(key, null, -1);
  }
}
