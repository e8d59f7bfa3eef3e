package dev.turnpike.observe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The CloudWatch log groups that stages name in {@code accessLogSettings.destinationArn}, as files:
 * each group's lines (only the lines of the stages naming it) go to {@code logs/access/<encoded
 * group name>/access.log}, rotated like every log, each line prefixed with the request's time
 * ({@code <ISO-8601> <line>}) so that the CloudWatch Logs API can give every event its timestamp.
 * The one home of the ARN's parsing and the name's encoding: the writer and {@code control.logs}
 * both ask here.
 *
 * <p>Threading: one instance per access-log writer thread; not thread-safe.
 */
public final class AccessLogGroups implements AutoCloseable {
  /** The file's name inside the group's directory. */
  public static final String FILE = "access.log";

  /** Groups with an open file at most; the least recently written one is closed beyond it. */
  static final int OPEN_MAX = 64;

  /** CloudWatch's log group name characters; length 1-512. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-./#]{1,512}");

  private static final Pattern ARN =
      Pattern.compile("arn:aws[a-z\\-]*:logs:[^:]*:[^:]*:log-group:([^:]+)(?::\\*)?");

  private final Path dir;
  private final LogLimits limits;
  private final Map<String, Group> open = new LinkedHashMap<>(16, 0.75f, true);

  private record Group(RotatingFile file, LineBuffer lines) {}

  /** Groups under {@code dir} ({@code <data-dir>/logs/access}). */
  public AccessLogGroups(Path dir, LogLimits limits) {
    this.dir = dir;
    this.limits = limits;
  }

  /**
   * The log group named by {@code destinationArn} ({@code
   * arn:aws:logs:{region}:{account}:log-group:{name}}, a trailing {@code :*} allowed), or null when
   * it is no log-group ARN.
   */
  public static @Nullable String groupName(@Nullable String destinationArn) {
    if (destinationArn == null) {
      return null;
    }
    Matcher m = ARN.matcher(destinationArn);
    return m.matches() && NAME.matcher(m.group(1)).matches() ? m.group(1) : null;
  }

  /**
   * The directory of {@code group} under {@code accessDir}: {@code /}, {@code #} and a leading
   * {@code .} percent-encoded, so that every name is one directory; names longer than 200
   * characters once encoded become {@code sha256-<hex>}.
   */
  public static Path directory(Path accessDir, String group) {
    StringBuilder b = new StringBuilder(group.length() + 8);
    for (int i = 0; i < group.length(); i++) {
      char c = group.charAt(i);
      if (c == '/' || c == '#' || c == '%' || (c == '.' && i == 0)) {
        b.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
      } else {
        b.append(c);
      }
    }
    String encoded = b.length() <= 200 ? b.toString() : "sha256-" + sha256(group);
    return accessDir.resolve(encoded);
  }

  /**
   * Adds {@code length} bytes of {@code line} at {@code start} (one line with its line feed) to the
   * group named by {@code destinationArn}, after the request's time; nothing when it names none.
   */
  void add(@Nullable String destinationArn, long epochMillis, LineBuffer line, int start)
      throws IOException {
    String name = groupName(destinationArn);
    if (name == null) {
      return;
    }
    Group g = open.get(name);
    if (g == null) {
      if (open.size() >= OPEN_MAX) {
        Iterator<Map.Entry<String, Group>> eldest = open.entrySet().iterator();
        Group old = eldest.next().getValue();
        eldest.remove();
        try {
          old.lines().appendTo(old.file());
        } finally {
          old.file().close();
        }
      }
      g = new Group(RotatingFile.named(directory(dir, name), FILE, "", limits), new LineBuffer());
      open.put(name, g);
    }
    g.lines().ascii(Instant.ofEpochMilli(epochMillis).toString()).ascii(" ");
    g.lines().copyFrom(line, start);
    if (g.lines().length() >= ByteBatch.DRAIN_BYTES) {
      g.lines().appendTo(g.file());
    }
  }

  /** Writes every group's gathered lines (the end of a batch). */
  void flush() throws IOException {
    IOException failed = null;
    for (Group g : open.values()) {
      try {
        g.lines().appendTo(g.file());
      } catch (IOException e) {
        failed = e;
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      for (Group g : open.values()) {
        g.file().close();
      }
      open.clear();
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
