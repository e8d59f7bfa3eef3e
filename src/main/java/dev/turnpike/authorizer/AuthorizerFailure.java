package dev.turnpike.authorizer;

import java.util.List;

/**
 * Why an authorizer call produced no result to cache: the function said {@code Unauthorized} (401),
 * or it could not be called or answered something that is not an authorizer result (500 {@code
 * AuthorizerConfigurationException}). Completes the call's future exceptionally, so a failed call
 * is never cached and every request that waited on it gets the same answer.
 *
 * @param logLines AWS's execution-log lines for this failure, in order
 */
final class AuthorizerFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  enum Kind {
    UNAUTHORIZED,
    CONFIGURATION
  }

  private final Kind kind;
  private final transient List<String> logLines;

  AuthorizerFailure(Kind kind, String problem, List<String> logLines) {
    super(problem, null, false, false); // no stack trace: an expected outcome, not a bug
    this.kind = kind;
    this.logLines = List.copyOf(logLines);
  }

  static AuthorizerFailure configuration(String problem, String... logLines) {
    return new AuthorizerFailure(Kind.CONFIGURATION, problem, List.of(logLines));
  }

  Kind kind() {
    return kind;
  }

  /** What went wrong, for {@code explain}. */
  String problem() {
    String m = getMessage();
    return m == null ? kind.name() : m;
  }

  List<String> logLines() {
    return logLines;
  }
}
