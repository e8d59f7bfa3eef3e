package dev.turnpike.snapshot;

/** A stage method's {@code loggingLevel} for execution logs. */
public enum LogLevel {
  OFF,
  ERROR,
  INFO;

  static LogLevel parse(@org.jspecify.annotations.Nullable String s) {
    if (s == null) {
      return OFF;
    }
    return switch (s) {
      case "INFO" -> INFO;
      case "ERROR" -> ERROR;
      default -> OFF;
    };
  }
}
