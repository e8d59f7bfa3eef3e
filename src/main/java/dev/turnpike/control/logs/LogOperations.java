package dev.turnpike.control.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.AwsJson;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.logs.LogFiles.LogEvent;
import dev.turnpike.control.logs.LogFiles.Position;
import dev.turnpike.control.logs.LogFiles.Verdict;
import dev.turnpike.control.logs.LogGroups.LogGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The four read operations, with the members of the botocore {@code logs} model. A response holds
 * at most 10,000 events and about 1 MB of messages (CloudWatch Logs' limits); FilterLogEvents also
 * stops after {@link LogFiles#SCAN_BUDGET} bytes read and answers a {@code nextToken} to go on, as
 * CloudWatch answers partial pages when its search time runs out.
 */
final class LogOperations {
  private static final int MAX_EVENTS = 10_000;
  private static final int MAX_BYTES = 1_048_576;

  /** CloudWatch counts 26 bytes per event besides its message. */
  private static final int EVENT_OVERHEAD = 26;

  private final LogGroups groups;

  LogOperations(LogGroups groups) {
    this.groups = groups;
  }

  ControlResponse describeLogGroups(ApiCall call) {
    ObjectNode body = call.body();
    String prefix = text(body, "logGroupNamePrefix");
    String pattern = text(body, "logGroupNamePattern");
    if (prefix != null && pattern != null) {
      throw LogsService.invalidParameter(
          "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
    }
    int limit = limit(body, 50);
    List<LogGroup> all = new ArrayList<>();
    for (LogGroup g : groups.all(call.accountId())) {
      if ((prefix == null || g.name().startsWith(prefix))
          && (pattern == null || g.name().contains(pattern))) {
        all.add(g);
      }
    }
    int start = indexToken(text(body, "nextToken"));
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode list = out.putArray("logGroups");
    int end = Math.min(all.size(), start + limit);
    for (int i = start; i < end; i++) {
      LogGroup g = all.get(i);
      LogFiles files = new LogFiles(g);
      ObjectNode n = list.addObject();
      n.put("logGroupName", g.name());
      n.put("creationTime", creationTime(files));
      n.put("metricFilterCount", 0);
      n.put("arn", g.arn(groups.region(), call.accountId()) + ":*");
      n.put("storedBytes", storedBytes(files));
      n.put("logGroupClass", "STANDARD");
      n.put("logGroupArn", g.arn(groups.region(), call.accountId()));
    }
    if (end < all.size()) {
      out.put("nextToken", Integer.toString(end));
    }
    return AwsJson.ok(out.toString());
  }

  ControlResponse describeLogStreams(ApiCall call) {
    ObjectNode body = call.body();
    LogGroup g = group(call);
    String prefix = text(body, "logStreamNamePrefix");
    String orderBy = text(body, "orderBy");
    if (prefix != null && "LastEventTime".equals(orderBy)) {
      throw LogsService.invalidParameter(
          "Cannot order by LastEventTime with a logStreamNamePrefix.");
    }
    limit(body, 50);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode list = out.putArray("logStreams");
    if (prefix == null || g.streamName().startsWith(prefix)) {
      LogFiles files = new LogFiles(g);
      long[] firstLast = {Long.MAX_VALUE, Long.MIN_VALUE};
      scan(
          files,
          lineStart(files, files.before(files.end(), 64 * 1024)),
          null,
          Long.MIN_VALUE,
          e -> {
            firstLast[1] = Math.max(firstLast[1], e.timestamp());
            return Verdict.SKIP;
          });
      scan(
          files,
          files.start(),
          null,
          Long.MIN_VALUE,
          e -> {
            firstLast[0] = e.timestamp();
            return Verdict.STOP;
          });
      ObjectNode n = list.addObject();
      n.put("logStreamName", g.streamName());
      n.put("creationTime", creationTime(files));
      if (firstLast[0] != Long.MAX_VALUE) {
        n.put("firstEventTimestamp", firstLast[0]);
      }
      if (firstLast[1] != Long.MIN_VALUE) {
        n.put("lastEventTimestamp", firstLast[1]);
        n.put("lastIngestionTime", firstLast[1]);
      }
      n.put("arn", g.arn(groups.region(), call.accountId()) + ":log-stream:" + g.streamName());
      n.put("storedBytes", 0); // AWS reports 0 here since 2019 (see LogStream.storedBytes)
    }
    return AwsJson.ok(out.toString());
  }

  ControlResponse getLogEvents(ApiCall call) {
    ObjectNode body = call.body();
    LogGroup g = group(call);
    String stream = text(body, "logStreamName");
    if (stream == null) {
      throw LogsService.invalidParameter(
          "1 validation error detected: Value null at 'logStreamName' failed to satisfy"
              + " constraint: Member must not be null");
    }
    if (!stream.equals(g.streamName())) {
      throw LogsService.streamNotFound();
    }
    int limit = limit(body, MAX_EVENTS);
    long startTime = time(body, "startTime", Long.MIN_VALUE);
    long endTime = time(body, "endTime", Long.MAX_VALUE);
    LogFiles files = new LogFiles(g);
    String token = text(body, "nextToken");
    boolean forward =
        token != null ? token.startsWith("f/") : body.path("startFromHead").asBoolean(false);
    if (token != null && !token.startsWith("f/") && !token.startsWith("b/")) {
      throw LogsService.invalidParameter("The specified nextToken is invalid.");
    }
    Position at =
        token != null ? files.decode(token.substring(2)) : forward ? files.start() : files.end();
    List<LogEvent> taken = new ArrayList<>();
    Position forwardEnd;
    Position backwardStart;
    if (forward) {
      int[] bytes = {0};
      Position resume =
          scan(
              files,
              at,
              null,
              startTime,
              e -> {
                if (e.timestamp() < startTime || e.timestamp() > endTime) {
                  return Verdict.SKIP;
                }
                int size = e.message().getBytes(StandardCharsets.UTF_8).length + EVENT_OVERHEAD;
                if (taken.size() >= limit || bytes[0] + size > MAX_BYTES) {
                  return Verdict.STOP;
                }
                bytes[0] += size;
                taken.add(e);
                return Verdict.TAKE;
              });
      forwardEnd = resume != null ? resume : files.end();
      backwardStart = taken.isEmpty() ? at : taken.get(0).start();
    } else {
      // The newest events before `at`: read the last MB before it, keep the last `limit`.
      Deque<LogEvent> window = new ArrayDeque<>();
      int[] bytes = {0};
      scan(
          files,
          lineStart(files, files.before(at, MAX_BYTES)),
          at,
          startTime,
          e -> {
            if (e.timestamp() < startTime || e.timestamp() > endTime) {
              return Verdict.SKIP;
            }
            window.addLast(e);
            bytes[0] += e.message().getBytes(StandardCharsets.UTF_8).length + EVENT_OVERHEAD;
            while (window.size() > limit || bytes[0] > MAX_BYTES) {
              LogEvent dropped = window.removeFirst();
              bytes[0] -=
                  dropped.message().getBytes(StandardCharsets.UTF_8).length + EVENT_OVERHEAD;
            }
            return Verdict.TAKE;
          });
      taken.addAll(window);
      forwardEnd = at;
      backwardStart = taken.isEmpty() ? at : taken.get(0).start();
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode events = out.putArray("events");
    for (LogEvent e : taken) {
      ObjectNode n = events.addObject();
      n.put("timestamp", e.timestamp());
      n.put("message", e.message());
      n.put("ingestionTime", e.timestamp());
    }
    out.put("nextForwardToken", "f/" + files.encode(forwardEnd));
    out.put("nextBackwardToken", "b/" + files.encode(backwardStart));
    return AwsJson.ok(out.toString());
  }

  ControlResponse filterLogEvents(ApiCall call) {
    ObjectNode body = call.body();
    LogGroup g = group(call);
    JsonNode names = body.get("logStreamNames");
    String streamPrefix = text(body, "logStreamNamePrefix");
    if (names != null && streamPrefix != null) {
      throw LogsService.invalidParameter(
          "Log stream names and log stream name prefix are mutually exclusive parameters.");
    }
    boolean streamSelected =
        (names == null || contains(names, g.streamName()))
            && (streamPrefix == null || g.streamName().startsWith(streamPrefix));
    int limit = limit(body, MAX_EVENTS);
    long startTime = time(body, "startTime", Long.MIN_VALUE);
    long endTime = time(body, "endTime", Long.MAX_VALUE);
    if (startTime != Long.MIN_VALUE && endTime != Long.MAX_VALUE && endTime < startTime) {
      throw LogsService.invalidParameter("End time must be greater than or equal to start time");
    }
    String patternText = text(body, "filterPattern");
    FilterPattern pattern =
        patternText == null ? FilterPattern.ALL : FilterPattern.parse(patternText);
    LogFiles files = new LogFiles(g);
    String token = text(body, "nextToken");
    Position from = token == null ? files.start() : files.decode(token);
    List<LogEvent> taken = new ArrayList<>();
    Position resume = null;
    if (streamSelected) {
      int[] bytes = {0};
      resume =
          scan(
              files,
              from,
              null,
              startTime,
              e -> {
                if (e.timestamp() < startTime
                    || e.timestamp() > endTime
                    || !pattern.matches(e.message())) {
                  return Verdict.SKIP;
                }
                int size = e.message().getBytes(StandardCharsets.UTF_8).length + EVENT_OVERHEAD;
                if (taken.size() >= limit || bytes[0] + size > MAX_BYTES) {
                  return Verdict.STOP;
                }
                bytes[0] += size;
                taken.add(e);
                return Verdict.TAKE;
              });
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode events = out.putArray("events");
    for (LogEvent e : taken) {
      ObjectNode n = events.addObject();
      n.put("logStreamName", g.streamName());
      n.put("timestamp", e.timestamp());
      n.put("message", e.message());
      n.put("ingestionTime", e.timestamp());
      n.put("eventId", e.eventId());
    }
    ArrayNode searched = out.putArray("searchedLogStreams");
    if (streamSelected) {
      ObjectNode s = searched.addObject();
      s.put("logStreamName", g.streamName());
      s.put("searchedCompletely", resume == null);
    }
    if (resume != null) {
      out.put("nextToken", files.encode(resume));
    }
    return AwsJson.ok(out.toString());
  }

  private static Position lineStart(LogFiles files, Position p) {
    try {
      return files.lineStart(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static @Nullable Position scan(
      LogFiles files, Position from, @Nullable Position until, long notBefore, LogFiles.Sink sink) {
    try {
      return files.scan(from, until, notBefore, sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The group named by {@code logGroupName} or {@code logGroupIdentifier} (a name or an ARN). */
  private LogGroup group(ApiCall call) {
    ObjectNode body = call.body();
    String name = text(body, "logGroupName");
    String identifier = text(body, "logGroupIdentifier");
    if (name != null && identifier != null) {
      throw LogsService.invalidParameter(
          "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
    }
    if (name == null && identifier != null) {
      int at = identifier.indexOf(":log-group:");
      name = at < 0 ? identifier : identifier.substring(at + ":log-group:".length());
      if (name.endsWith(":*")) {
        name = name.substring(0, name.length() - 2);
      }
    }
    if (name == null) {
      throw LogsService.invalidParameter(
          "Should provide either logGroupName or logGroupIdentifier.");
    }
    LogGroup g = groups.find(call.accountId(), name);
    if (g == null) {
      throw LogsService.groupNotFound();
    }
    return g;
  }

  private static long creationTime(LogFiles files) {
    long min = Long.MAX_VALUE;
    for (LogFiles.FileRef f : files.files) {
      min = Math.min(min, f.modifiedMillis());
    }
    return min == Long.MAX_VALUE ? 0 : min;
  }

  private static long storedBytes(LogFiles files) {
    long sum = 0;
    for (LogFiles.FileRef f : files.files) {
      sum += f.size();
    }
    return sum;
  }

  private static boolean contains(JsonNode array, String name) {
    for (JsonNode n : array) {
      if (name.equals(n.asText())) {
        return true;
      }
    }
    return false;
  }

  private static int indexToken(@Nullable String token) {
    if (token == null) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(token));
    } catch (NumberFormatException e) {
      throw LogsService.invalidParameter("The specified nextToken is invalid.");
    }
  }

  private static int limit(ObjectNode body, int max) {
    JsonNode l = body.get("limit");
    if (l == null || l.isNull()) {
      return max;
    }
    int v = l.asInt(0);
    if (v < 1 || v > max) {
      throw LogsService.invalidParameter(
          "1 validation error detected: Value '"
              + l.asText()
              + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and "
              + max);
    }
    return v;
  }

  private static long time(ObjectNode body, String member, long absent) {
    JsonNode t = body.get(member);
    if (t == null || t.isNull()) {
      return absent;
    }
    if (!t.canConvertToLong() || t.asLong() < 0) {
      throw LogsService.invalidParameter(
          "1 validation error detected: Value '"
              + t.asText()
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must have value greater than or equal"
              + " to 0");
    }
    return t.asLong();
  }

  private static @Nullable String text(ObjectNode body, String member) {
    JsonNode n = body.get(member);
    return n == null || n.isNull() ? null : n.asText();
  }
}
