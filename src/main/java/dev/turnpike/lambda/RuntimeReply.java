package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * What a runtime posted for an invocation (or for its init): a response body, or an error body with
 * its {@code Lambda-Runtime-Function-Error-Type}.
 */
@SuppressWarnings("ArrayRecordComponent") // the posted bytes, handed on once
record RuntimeReply(boolean error, byte[] body, @Nullable String errorTypeHeader) {

  RuntimeReply {
    requireNonNull(body, "body");
  }

  static RuntimeReply response(byte[] body) {
    return new RuntimeReply(false, body, null);
  }

  static RuntimeReply error(byte[] body, @Nullable String errorTypeHeader) {
    return new RuntimeReply(true, body, errorTypeHeader);
  }
}
