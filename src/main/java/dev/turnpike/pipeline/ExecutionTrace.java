package dev.turnpike.pipeline;

import static java.util.Objects.requireNonNull;

import dev.turnpike.observe.ExecutionLog;
import dev.turnpike.snapshot.CompiledStage;
import dev.turnpike.snapshot.LogLevel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The execution-log lines of one exchange (spec 2.6), made only when the method's {@code
 * loggingLevel} is ERROR or INFO: INFO writes every line, ERROR only refusals and non-2xx
 * completions. A test invocation ({@code TestInvokeMethod}) collects its lines through {@link
 * #capturing} instead of writing them to a stage's log.
 */
public final class ExecutionTrace {
  /** Where the lines go. Called on the exchange's event loop: must not block. */
  @FunctionalInterface
  public interface Sink {
    void line(Exchange ex, String message);
  }

  private static final int TEXT_CHARS = 1000;

  private final Sink sink;
  private final LogLevel level;

  /**
   * The exchange's trace, started on first use when its method logs (the authorizer stage and the
   * API-key stage both write lines; whichever runs first starts it); null when the method does not
   * log.
   */
  public static @Nullable ExecutionTrace of(Exchange ex, ExecutionLog log) {
    if (ex.executionTrace == null && !ex.executionTraceLookedUp) {
      ex.executionTraceLookedUp = true;
      CompiledStage stage = ex.stage();
      LogLevel level =
          stage.metering().method(ex.route().resourceId(), ex.method().httpMethod()).logLevel();
      if (level != LogLevel.OFF) {
        ex.executionTrace = new ExecutionTrace(log, level, stage.apiId(), stage.stageName());
      }
    }
    return ex.executionTrace;
  }

  ExecutionTrace(ExecutionLog log, LogLevel level, String apiId, String stage) {
    this((ex, m) -> log.log(apiId, stage, ex.requestTimeEpochMillis, ex.requestId, m), level);
  }

  private ExecutionTrace(Sink sink, LogLevel level) {
    this.sink = sink;
    this.level = level;
  }

  /** Every line (INFO level) to {@code sink}. */
  public static ExecutionTrace capturing(Sink sink) {
    return new ExecutionTrace(requireNonNull(sink, "sink"), LogLevel.INFO);
  }

  /** Whether INFO lines are kept (callers skip building costly lines otherwise). */
  public boolean infoEnabled() {
    return level == LogLevel.INFO;
  }

  /** A line written at INFO level only. */
  public void info(Exchange ex, String message) {
    if (level == LogLevel.INFO) {
      sink.line(ex, message);
    }
  }

  /** A line written at ERROR and INFO levels. */
  public void error(Exchange ex, String message) {
    sink.line(ex, message);
  }

  /**
   * A map as AWS's lines print one ({@code {Accept=application/json, Host=x}}), cut after 1,000
   * characters with {@code [TRUNCATED]}.
   */
  public static String map(Iterable<? extends Map.Entry<String, ?>> entries) {
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, ?> e : entries) {
      if (b.length() > 1) {
        b.append(", ");
      }
      b.append(e.getKey()).append('=').append(e.getValue());
    }
    return cut(b.append('}').toString());
  }

  /** A body as AWS's lines print it: UTF-8 text cut after 1,000 characters. */
  public static String body(byte[] body) {
    return cut(new String(body, StandardCharsets.UTF_8));
  }

  private static String cut(String text) {
    return text.length() <= TEXT_CHARS ? text : text.substring(0, TEXT_CHARS) + " [TRUNCATED]";
  }

  /** The last line, when the reply was handed to the connection. */
  public void completed(Exchange ex, int status) {
    String line = "Method completed with status: " + status;
    if (status >= 400) {
      error(ex, line);
    } else {
      info(ex, line);
    }
  }
}
