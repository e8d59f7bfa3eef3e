package dev.turnpike.store;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The AES-256 keys a node seals secrets with: the first seals, every one opens. Read from {@code
 * --secret-key-file} (one base64 key of 32 bytes per line; {@code #} comments and blank lines
 * ignored) or the {@code TURNPIKE_SECRET_KEY} variable (keys separated by commas). A key's id is
 * the first 8 hex digits of its SHA-256, stored beside each sealed body and safe to print.
 */
public final class SecretKeyRing {
  /** One key and its id. */
  public record Entry(String id, SecretKey key) {}

  private final List<Entry> entries;

  private SecretKeyRing(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Parses keys, first the current one.
   *
   * @param source where they came from, for messages (never the keys themselves)
   * @throws IllegalArgumentException naming the line and what a key must be
   */
  public static SecretKeyRing parse(String text, String source) {
    requireNonNull(text, "text");
    List<Entry> out = new ArrayList<>();
    String[] lines = text.split("[\\r\\n,]+");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(line);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            source
                + ": key "
                + (out.size() + 1)
                + " is not base64 (create one with: openssl rand"
                + " -base64 32)");
      }
      if (raw.length != 32) {
        throw new IllegalArgumentException(
            source
                + ": key "
                + (out.size() + 1)
                + " has "
                + raw.length
                + " bytes (expected: 32, an AES-256 key; create one with: openssl rand -base64"
                + " 32)");
      }
      out.add(new Entry(idOf(raw), new SecretKeySpec(raw, "AES")));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          source + ": no key (create one with: openssl rand -base64 32)");
    }
    return new SecretKeyRing(out);
  }

  /** The key new and rewritten secrets are sealed under. */
  public Entry current() {
    return entries.get(0);
  }

  @Nullable Entry find(String id) {
    for (Entry e : entries) {
      if (e.id().equals(id)) {
        return e;
      }
    }
    return null;
  }

  /** The ids, current first (safe to print). */
  public List<String> ids() {
    return entries.stream().map(Entry::id).toList();
  }

  private static String idOf(byte[] raw) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "SecretKeyRing" + ids();
  }
}
