package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One event on its way through the Runtime API: handed out by {@code /invocation/next}, answered by
 * {@code /invocation/{id}/response} or {@code /error}. The futures complete on the Runtime API's
 * event loop; whoever waits on them does so on its own thread. A warm invoke ({@link WarmInvoke})
 * waits on nothing: its {@link Watcher} is called on that loop instead.
 */
final class Invocation {
  /**
   * Told on the Runtime API's event loop what becomes of an invocation; it must not block there.
   */
  interface Watcher {
    /** The invocation was handed to a waiting {@code next} or queued for the next one. */
    void queued();

    /** The runtime posted its response or error (after {@link #delivered} completed). */
    void replied(RuntimeReply reply);

    /** The instance's process exited while the invocation was queued or running. */
    void exited();
  }

  final String requestId;
  final byte[] payload;
  final String functionArn;
  final String traceId;
  final long timeoutMillis;
  final @Nullable String clientContext;
  final @Nullable String cognitoIdentity;
  final @Nullable Watcher watcher;

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
    this(
        requestId,
        payload,
        functionArn,
        traceId,
        timeoutMillis,
        clientContext,
        cognitoIdentity,
        null);
  }

  Invocation(
      String requestId,
      byte[] payload,
      String functionArn,
      String traceId,
      long timeoutMillis,
      @Nullable String clientContext,
      @Nullable String cognitoIdentity,
      @Nullable Watcher watcher) {
    this.requestId = requireNonNull(requestId, "requestId");
    this.payload = requireNonNull(payload, "payload");
    this.functionArn = requireNonNull(functionArn, "functionArn");
    this.traceId = requireNonNull(traceId, "traceId");
    this.timeoutMillis = timeoutMillis;
    this.clientContext = clientContext;
    this.cognitoIdentity = cognitoIdentity;
    this.watcher = watcher;
  }
}
