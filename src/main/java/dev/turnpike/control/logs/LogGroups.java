package dev.turnpike.control.logs;

import dev.turnpike.model.Stage;
import dev.turnpike.observe.AccessLogGroups;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Which log groups an account has, as CloudWatch names them, and the files behind each: {@code
 * API-Gateway-Execution-Logs_{apiId}/{stage}} over {@code logs/execution/{apiId}/{stage}.log} and
 * {@code /aws/lambda/{function}} over {@code logs/lambda/{function}.log}, the access-log groups
 * that the caller's stages name in {@code accessLogSettings.destinationArn} over {@code
 * logs/access/<encoded name>/access.log} ({@link AccessLogGroups}), each with its rotated files
 * ({@code .log.1} newest … {@code .log.<keep>} oldest). A group exists once its file does (AWS
 * creates a group when the first line is logged), and only for the caller's own APIs and functions.
 */
final class LogGroups {
  static final String EXECUTION_PREFIX = "API-Gateway-Execution-Logs_";
  static final String LAMBDA_PREFIX = "/aws/lambda/";

  /** Ids and names as they reach the file system (ExecutionLog replaces anything else). */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_\\-]+");

  private static final Pattern EXECUTION =
      Pattern.compile(Pattern.quote(EXECUTION_PREFIX) + "([A-Za-z0-9]+)/([A-Za-z0-9_\\-]+)");

  private final ConfigStore store;
  private final Path logsDir;
  private final String region;

  LogGroups(ConfigStore store, Path logsDir, String region) {
    this.store = store;
    this.logsDir = logsDir;
    this.region = region;
  }

  /** What kind of lines a group's files hold. */
  enum Kind {
    /** {@code <ISO-8601 time> (<request id>) <message>}, one event per line. */
    EXECUTION,
    /** A Lambda function's output; lines carry no time of their own. */
    LAMBDA,
    /** {@code <ISO-8601 request time> <access-log line>}, one event per line. */
    ACCESS
  }

  /**
   * One group: its name, the one stream Turnpike shows for it (the file's name) and its files,
   * oldest first.
   */
  record LogGroup(String name, Kind kind, String streamName, List<Path> files) {
    String arn(String region, String accountId) {
      return "arn:aws:logs:" + region + ":" + accountId + ":log-group:" + name;
    }
  }

  String region() {
    return region;
  }

  /** Every group of {@code accountId} that has a file, by name. */
  List<LogGroup> all(String accountId) {
    List<LogGroup> groups = new ArrayList<>();
    for (Document api : store.list(accountId, Kinds.REST_API, "")) {
      String apiId = api.key().id();
      for (Document stage : store.list(accountId, Kinds.STAGE, apiId)) {
        LogGroup g = execution(apiId, stage.key().id());
        if (g != null) {
          groups.add(g);
        }
      }
    }
    for (Document function : store.list(accountId, Kinds.LAMBDA_FUNCTION, "")) {
      LogGroup g = lambda(function.key().id());
      if (g != null) {
        groups.add(g);
      }
    }
    for (Map.Entry<String, String> a : accessGroupNames(accountId).entrySet()) {
      String name = a.getKey();
      if (!EXECUTION.matcher(name).matches() && !name.startsWith(LAMBDA_PREFIX)) {
        LogGroup g = access(name, a.getValue());
        if (g != null) {
          groups.add(g);
        }
      }
    }
    groups.sort(Comparator.comparing(LogGroup::name));
    return groups;
  }

  /** The group named {@code name} if the account owns it and it has a file. */
  @Nullable LogGroup find(String accountId, String name) {
    Matcher m = EXECUTION.matcher(name);
    if (m.matches()) {
      String apiId = m.group(1);
      String stage = m.group(2);
      if (store
          .get(new dev.turnpike.store.DocumentKey(accountId, Kinds.STAGE, apiId, stage))
          .isEmpty()) {
        return null;
      }
      return execution(apiId, stage);
    }
    if (name.startsWith(LAMBDA_PREFIX)) {
      String function = name.substring(LAMBDA_PREFIX.length());
      if (!SAFE.matcher(function).matches()
          || store
              .get(
                  new dev.turnpike.store.DocumentKey(
                      accountId, Kinds.LAMBDA_FUNCTION, "", function))
              .isEmpty()) {
        return null;
      }
      return lambda(function);
    }
    String stream = accessGroupNames(accountId).get(name);
    return stream == null ? null : access(name, stream);
  }

  /**
   * The access-log group {@code name} (one that the account's REST API stages name in {@code
   * accessLogSettings.destinationArn}) if its file exists. Its one stream is named {@code
   * {apiId}_{stage}} after the first such stage (by API id, then stage name) [UNCONF: AWS does not
   * document its access-log stream names].
   */
  private @Nullable LogGroup access(String name, String stream) {
    List<Path> files =
        files(AccessLogGroups.directory(logsDir.resolve("access"), name), AccessLogGroups.FILE);
    return files.isEmpty() ? null : new LogGroup(name, Kind.ACCESS, stream, files);
  }

  /** Group name → its stream name, for every group the account's REST API stages name. */
  private Map<String, String> accessGroupNames(String accountId) {
    Map<String, String> names = new TreeMap<>();
    for (Document api : store.list(accountId, Kinds.REST_API, "")) {
      String apiId = api.key().id();
      for (Document d : store.list(accountId, Kinds.STAGE, apiId)) {
        Stage stage = Documents.read(d, Stage.class);
        String group =
            stage.accessLogSettings() == null
                ? null
                : AccessLogGroups.groupName(stage.accessLogSettings().destinationArn());
        if (group != null) {
          names.putIfAbsent(group, apiId + "_" + stage.stageName());
        }
      }
    }
    return names;
  }

  private @Nullable LogGroup execution(String apiId, String stage) {
    if (!SAFE.matcher(apiId).matches() || !SAFE.matcher(stage).matches()) {
      return null;
    }
    List<Path> files = files(logsDir.resolve("execution").resolve(apiId), stage + ".log");
    return files.isEmpty()
        ? null
        : new LogGroup(EXECUTION_PREFIX + apiId + "/" + stage, Kind.EXECUTION, stage, files);
  }

  private @Nullable LogGroup lambda(String function) {
    List<Path> files = files(logsDir.resolve("lambda"), function + ".log");
    return files.isEmpty()
        ? null
        : new LogGroup(LAMBDA_PREFIX + function, Kind.LAMBDA, function, files);
  }

  /** {@code name} and its rotated {@code name.N}, oldest (highest N) first, the live file last. */
  static List<Path> files(Path dir, String name) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> rotated = new ArrayList<>();
    Path live = null;
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String f = p.getFileName().toString();
        if (f.equals(name)) {
          live = p;
        } else if (f.startsWith(name + ".") && rotation(f, name) > 0) {
          rotated.add(p);
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    rotated.sort(
        Comparator.comparingInt((Path p) -> rotation(p.getFileName().toString(), name)).reversed());
    if (live != null) {
      rotated.add(live);
    }
    return rotated;
  }

  private static int rotation(String file, String name) {
    String n = file.substring(name.length() + 1);
    if (n.isEmpty() || n.length() > 6 || !n.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Integer.parseInt(n);
  }
}
