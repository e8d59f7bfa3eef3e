package dev.turnpike.integration.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/** Classifies what went wrong on a backend connection into a {@link BackendFailure}. */
final class Failures {

  private Failures() {}

  /**
   * The failure of a connection that closed ({@code cause} null) or raised {@code cause}. A TLS
   * connection that fails before its handshake succeeded is {@link BackendFailure#TLS_FAILED},
   * whatever the cause, since the backend rejected or could not complete TLS.
   */
  static BackendFailure ofConnection(Channel ch, @Nullable Throwable cause) {
    SslHandler tls = ch.pipeline().get(SslHandler.class);
    if (tls != null && !tls.handshakeFuture().isSuccess()) {
      return BackendFailure.TLS_FAILED;
    }
    if (has(cause, SSLException.class)) {
      return BackendFailure.TLS_FAILED;
    }
    if (has(cause, PrematureChannelClosureException.class)) {
      return BackendFailure.RESET;
    }
    if (has(cause, CodecException.class)) {
      return BackendFailure.INVALID_RESPONSE;
    }
    // IOException (connection reset, broken pipe), ClosedChannelException, or a plain close.
    return BackendFailure.RESET;
  }

  /**
   * The failure behind a response the decoder marked as failed: the connection closed mid-response
   * (reset) or the bytes were not HTTP (invalid).
   */
  static BackendFailure ofDecoder(Throwable cause) {
    return has(cause, PrematureChannelClosureException.class)
        ? BackendFailure.RESET
        : BackendFailure.INVALID_RESPONSE;
  }

  /** A message naming the backend by scheme, host and port only. */
  static String describe(BackendFailure failure, BackendAddress address, int timeoutMillis) {
    switch (failure) {
      case TIMEOUT:
        return "no response from " + address + " within " + timeoutMillis + " ms";
      case CONNECT_FAILED:
        return "cannot connect to " + address;
      case RESET:
        return "connection to " + address + " closed before a complete response";
      case INVALID_RESPONSE:
        return "invalid or too large HTTP response from " + address;
      case TLS_FAILED:
        return "TLS handshake with " + address + " failed";
    }
    throw new AssertionError(failure);
  }

  private static boolean has(@Nullable Throwable cause, Class<? extends Throwable> type) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        return false;
      }
    }
    return false;
  }
}
