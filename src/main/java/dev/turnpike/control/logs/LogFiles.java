package dev.turnpike.control.logs;

import dev.turnpike.control.logs.LogGroups.Kind;
import dev.turnpike.control.logs.LogGroups.LogGroup;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A log group's files as one sequence of events, read from a position on the control thread. At
 * most {@link #SCAN_BUDGET} bytes are read per call; a caller that stops early (a full page, the
 * budget) gets the position to resume from. Positions name a file by its file key (inode), so a
 * token survives the file's rotation (a rename) between two calls.
 *
 * <p>Event times: an execution-log line starts with its ISO-8601 time ({@code ExecutionLog}); lines
 * that do not (a message's own line breaks) continue the event before. Lambda function logs carry
 * no time of their own ({@code START}, {@code END}, {@code REPORT} and the function's output), so a
 * line takes a leading ISO-8601 time when it has one (the runtimes' {@code [LEVEL]\t<time>\t} lines
 * included), else the time of the line before, else its file's last-modified time.
 */
final class LogFiles {
  /** Bytes read per call at most: a call's work is bounded however large the files are. */
  static final long SCAN_BUDGET = 16L * 1024 * 1024;

  /** One file of the group, in order: index 0 is the oldest rotated file. */
  record FileRef(Path path, String key, long size, long modifiedMillis) {}

  /**
   * Where an event starts or a scan resumes: the file's index in {@link #files} and a byte offset.
   */
  record Position(int file, long offset) implements Comparable<Position> {
    @Override
    public int compareTo(Position o) {
      return file != o.file ? Integer.compare(file, o.file) : Long.compare(offset, o.offset);
    }
  }

  record LogEvent(long timestamp, String message, String eventId, Position start) {}

  /** What the sink says to each event. */
  enum Verdict {
    TAKE,
    SKIP,
    /** Stop before this event: the scan resumes at its start. */
    STOP
  }

  interface Sink {
    Verdict offer(LogEvent event);
  }

  private final Kind kind;
  final List<FileRef> files;

  LogFiles(LogGroup group) {
    this.kind = group.kind();
    List<FileRef> refs = new ArrayList<>();
    for (Path p : group.files()) {
      try {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        Object key = a.fileKey();
        refs.add(
            new FileRef(
                p,
                key == null ? p.getFileName().toString() : key.toString(),
                a.size(),
                a.lastModifiedTime().toMillis()));
      } catch (IOException e) {
        // rotated away between listing and reading: skip it
      }
    }
    this.files = List.copyOf(refs);
  }

  Position start() {
    return new Position(0, 0);
  }

  Position end() {
    return files.isEmpty()
        ? new Position(0, 0)
        : new Position(files.size() - 1, files.get(files.size() - 1).size());
  }

  /** Resumes a token: the file with the token's key, else (it is gone) the oldest file. */
  Position decode(String token) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw LogsService.invalidParameter("The specified nextToken is invalid.");
    }
    int bar = text.lastIndexOf('|');
    if (bar < 0) {
      throw LogsService.invalidParameter("The specified nextToken is invalid.");
    }
    String key = text.substring(0, bar);
    long offset;
    try {
      offset = Long.parseLong(text.substring(bar + 1));
    } catch (NumberFormatException e) {
      throw LogsService.invalidParameter("The specified nextToken is invalid.");
    }
    for (int i = 0; i < files.size(); i++) {
      if (files.get(i).key().equals(key)) {
        return new Position(i, Math.min(offset, files.get(i).size()));
      }
    }
    return start();
  }

  String encode(Position p) {
    String key = files.isEmpty() ? "" : files.get(Math.min(p.file(), files.size() - 1)).key();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((key + "|" + p.offset()).getBytes(StandardCharsets.UTF_8));
  }

  /** The position about {@code bytes} before {@code end}, at a file boundary or inside a file. */
  Position before(Position end, long bytes) {
    int file = end.file();
    long offset = end.offset();
    long left = bytes;
    while (left > offset && file > 0) {
      left -= offset;
      file--;
      offset = files.get(file).size();
    }
    return new Position(file, Math.max(0, offset - left));
  }

  /**
   * {@code p} moved forward to the start of the next whole line (a position computed by byte count,
   * as {@link #before}, may fall inside a line).
   */
  Position lineStart(Position p) throws IOException {
    if (p.offset() == 0 || p.file() >= files.size()) {
      return p;
    }
    FileRef f = files.get(p.file());
    byte[] chunk =
        read(f.path(), p.offset() - 1, (int) Math.min(64 * 1024, f.size() - p.offset() + 1));
    for (int i = 0; i < chunk.length; i++) {
      if (chunk[i] == '\n') {
        return new Position(p.file(), p.offset() + i);
      }
    }
    return p;
  }

  /**
   * Offers the events from {@code from} (to {@code until}, exclusive, null for the end) to {@code
   * sink}; files last modified before {@code notBefore} are skipped whole (their events are older).
   * Returns where to resume, or null when the end was reached.
   */
  @Nullable Position scan(Position from, @Nullable Position until, long notBefore, Sink sink)
      throws IOException {
    long budget = SCAN_BUDGET;
    for (int i = from.file(); i < files.size(); i++) {
      FileRef f = files.get(i);
      long offset = i == from.file() ? from.offset() : 0;
      if (f.modifiedMillis() < notBefore) {
        continue;
      }
      long stop = until != null && until.file() == i ? until.offset() : f.size();
      if (until != null && i > until.file()) {
        return null;
      }
      while (offset < stop) {
        if (budget <= 0) {
          return new Position(i, offset);
        }
        int want = (int) Math.min(Math.min(stop - offset, budget), 4L * 1024 * 1024);
        byte[] chunk = read(f.path(), offset, want);
        if (chunk.length == 0) {
          break; // the file shrank (replaced): go on with the next one
        }
        budget -= chunk.length;
        Chunk parsed = events(chunk, i, offset, f.modifiedMillis());
        for (LogEvent e : parsed.events()) {
          if (sink.offer(e) == Verdict.STOP) {
            return e.start();
          }
        }
        if (parsed.consumed() == 0) {
          // one line longer than the chunk: skip it rather than loop
          offset += chunk.length;
        } else {
          offset += parsed.consumed();
        }
        if (chunk.length < want) {
          break;
        }
      }
    }
    return null;
  }

  private record Chunk(List<LogEvent> events, int consumed) {}

  /**
   * The events of the whole lines in {@code chunk}; {@code consumed}: bytes up to the last '\n'.
   */
  private Chunk events(byte[] chunk, int file, long base, long modifiedMillis) {
    List<LogEvent> out = new ArrayList<>();
    int lineStart = 0;
    long lastTime = modifiedMillis;
    StringBuilder pending = null;
    long pendingTime = 0;
    int pendingStart = 0;
    for (int i = 0; i < chunk.length; i++) {
      if (chunk[i] != '\n') {
        continue;
      }
      String line = new String(chunk, lineStart, i - lineStart, StandardCharsets.UTF_8);
      if (kind == Kind.EXECUTION || kind == Kind.ACCESS) {
        int space = line.indexOf(' ');
        long t = space > 0 ? parseTime(line.substring(0, space)) : Long.MIN_VALUE;
        if (t != Long.MIN_VALUE) {
          if (pending != null) {
            out.add(event(pendingTime, pending.toString(), file, base + pendingStart));
          }
          pending = new StringBuilder(line.substring(space + 1));
          pendingTime = t;
          pendingStart = lineStart;
        } else if (pending != null) {
          pending.append('\n').append(line);
        } else {
          out.add(event(lastTime, line, file, base + lineStart));
        }
      } else {
        long t = lambdaTime(line);
        if (t != Long.MIN_VALUE) {
          lastTime = t;
        }
        out.add(event(lastTime, line + "\n", file, base + lineStart));
      }
      lineStart = i + 1;
    }
    if (pending != null) {
      out.add(event(pendingTime, pending.toString(), file, base + pendingStart));
    }
    return new Chunk(out, lineStart);
  }

  private LogEvent event(long time, String message, int file, long offset) {
    String key = files.get(file).key();
    return new LogEvent(
        time,
        message,
        String.format("%010d%020d", key.hashCode() & 0x7fffffffL, offset),
        new Position(file, offset));
  }

  /** A leading ISO-8601 time, or the runtimes' {@code [LEVEL]\t<time>\t…} form. */
  private static long lambdaTime(String line) {
    int space = line.indexOf(' ');
    int tab = line.indexOf('\t');
    int end = space < 0 ? tab : tab < 0 ? space : Math.min(space, tab);
    if (end > 0) {
      long t = parseTime(line.substring(0, end));
      if (t != Long.MIN_VALUE) {
        return t;
      }
    }
    if (line.startsWith("[") && tab > 0) {
      int next = line.indexOf('\t', tab + 1);
      if (next > tab) {
        return parseTime(line.substring(tab + 1, next));
      }
    }
    return Long.MIN_VALUE;
  }

  private static long parseTime(String text) {
    if (text.length() < 20 || text.charAt(4) != '-' || text.charAt(10) != 'T') {
      return Long.MIN_VALUE;
    }
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException e) {
      return Long.MIN_VALUE;
    }
  }

  private static byte[] read(Path path, long offset, int length) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(length);
      ch.position(offset);
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        // fill
      }
      byte[] out = new byte[buf.position()];
      buf.flip();
      buf.get(out);
      return out;
    }
  }
}
