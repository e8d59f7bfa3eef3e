package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One event on its way through the Runtime API: handed out by {@code /invocation/next}, answered by
 * {@code /invocation/{id}/response} or {@code /error}. The futures complete on the Runtime API's
 * event loop; whoever waits on them does so on its own thread.
 */
final class Invocation {
  final String requestId;
  final byte[] payload;
  final String functionArn;
  final String traceId;
  final long timeoutMillis;
  final @Nullable String clientContext;
  final @Nullable String cognitoIdentity;

  /** Completes with {@code System.nanoTime()} when the runtime fetched the event. */
  final CompletableFuture<Long> delivered = new CompletableFuture<>();

  /** Completes with what the runtime posted. */
  final CompletableFuture<RuntimeReply> reply = new CompletableFuture<>();

  Invocation(
      String requestId,
      byte[] payload,
      String functionArn,
      String traceId,
      long timeoutMillis,
      @Nullable String clientContext,
      @Nullable String cognitoIdentity) {
    this.requestId = requireNonNull(requestId, "requestId");
    this.payload = requireNonNull(payload, "payload");
    this.functionArn = requireNonNull(functionArn, "functionArn");
    this.traceId = requireNonNull(traceId, "traceId");
    this.timeoutMillis = timeoutMillis;
    this.clientContext = clientContext;
    this.cognitoIdentity = cognitoIdentity;
  }
}
