package dev.turnpike.pipeline;

import dev.turnpike.observe.ExecutionLog;
import dev.turnpike.snapshot.CompiledStage;
import dev.turnpike.snapshot.LogLevel;
import org.jspecify.annotations.Nullable;

/**
 * The execution-log lines of one exchange (spec 2.6), made only when the method's {@code
 * loggingLevel} is ERROR or INFO: INFO writes every line, ERROR only refusals and non-2xx
 * completions.
 */
public final class ExecutionTrace {
  private final ExecutionLog log;
  private final LogLevel level;
  private final String apiId;
  private final String stage;

  /**
   * The exchange's trace, started on first use when its method logs (the authorizer stage and the
   * API-key stage both write lines; whichever runs first starts it); null when the method does not
   * log.
   */
  public static @Nullable ExecutionTrace of(Exchange ex, ExecutionLog log) {
    if (ex.executionTrace == null) {
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
    this.log = log;
    this.level = level;
    this.apiId = apiId;
    this.stage = stage;
  }

  /** A line written at INFO level only. */
  public void info(Exchange ex, String message) {
    if (level == LogLevel.INFO) {
      log.log(apiId, stage, ex.requestTimeEpochMillis, ex.requestId, message);
    }
  }

  /** A line written at ERROR and INFO levels. */
  public void error(Exchange ex, String message) {
    log.log(apiId, stage, ex.requestTimeEpochMillis, ex.requestId, message);
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
