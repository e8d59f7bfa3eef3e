package dev.turnpike.integration.http;

import static java.util.Objects.requireNonNull;

import dev.turnpike.counters.Ticker;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One backend call: acquire a connection, write the request, wait for the response, give the
 * connection back, all on the caller's event loop. Every method runs on that loop, so the fields
 * need no synchronization.
 *
 * <p>At most one retry, on a fresh unpooled connection, when a reused keep-alive connection closed
 * before any response arrived (the backend timed it out meanwhile) and resending cannot do harm:
 * the method is idempotent, or the request never left because the write failed.
 */
final class BackendCall implements ExchangeListener {
  private static final Set<String> IDEMPOTENT =
      Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

  private final BackendPool pool;
  private final BackendRequest request;
  private final BackendAddress address;
  private final EventLoop loop;
  private final Ticker ticker;
  private final long startNanos;
  private final CompletableFuture<BackendResponse> result = new CompletableFuture<>();
  private @Nullable ScheduledFuture<?> timeout;
  private @Nullable Channel channel;
  private @Nullable BackendResponseHandler handler;
  private boolean pooled;
  private boolean reused;
  private boolean retried;
  private boolean done;

  BackendCall(
      BackendPool pool,
      BackendRequest request,
      BackendAddress address,
      EventLoop loop,
      Ticker ticker,
      long startNanos) {
    this.pool = requireNonNull(pool, "pool");
    this.request = requireNonNull(request, "request");
    this.address = requireNonNull(address, "address");
    this.loop = requireNonNull(loop, "loop");
    this.ticker = requireNonNull(ticker, "ticker");
    this.startNanos = startNanos;
  }

  CompletableFuture<BackendResponse> result() {
    return result;
  }

  /** Starts the call. Must run on {@code loop}. */
  void start() {
    long remainingNanos =
        TimeUnit.MILLISECONDS.toNanos(request.timeoutMillis()) - (ticker.read() - startNanos);
    timeout = loop.schedule(this::onTimeout, Math.max(0, remainingNanos), TimeUnit.NANOSECONDS);
    Future<Channel> acquired = pool.acquire();
    acquired.addListener(
        f -> onConnected(acquired.isSuccess() ? acquired.getNow() : null, f, true));
  }

  private void onConnected(@Nullable Channel ch, Future<?> connected, boolean fromPool) {
    if (!connected.isSuccess() || ch == null) {
      if (!done) {
        fail(BackendFailure.CONNECT_FAILED, connected.cause());
      }
      return;
    }
    if (done) {
      // Timed out while waiting for this connection; it is unused, so it can serve others.
      pool.release(ch, fromPool, true);
      return;
    }
    channel = ch;
    pooled = fromPool;
    // The response handler is the pipeline's last (BackendChannelInitializer): found without a
    // search by type.
    BackendResponseHandler h =
        ch.pipeline().last() instanceof BackendResponseHandler last ? last : null;
    if (h == null) {
      // Closed between connect and now: the pipeline was already torn down.
      onFailure(null, false);
      return;
    }
    handler = h;
    reused = h.completedExchanges() > 0;
    h.bind(this);
    ChannelFuture write =
        OutboundRequest.writesDirectly(request.method())
            ? h.codec().writeAndFlush(OutboundRequest.encode(request, ch.alloc()))
            : ch.writeAndFlush(OutboundRequest.of(request));
    write.addListener(
        (ChannelFuture written) -> {
          if (!written.isSuccess() && written.channel() == channel) {
            onFailure(written.cause(), true);
          }
        });
  }

  @Override
  public void onResponse(FullHttpResponse response) {
    if (done) {
      return;
    }
    if (response.decoderResult().isFailure()) {
      fail(Failures.ofDecoder(response.decoderResult().cause()), response.decoderResult().cause());
      return;
    }
    HttpResponseStatus status = response.status();
    if (status.codeClass() == HttpStatusClass.INFORMATIONAL) {
      if (status.code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
        fail(BackendFailure.INVALID_RESPONSE, new DecoderException("unexpected 101 response"));
      }
      return; // 100 Continue and other interim responses precede the real one.
    }
    // Copied out: the handler releases the aggregated buffer when this returns.
    byte[] body = ByteBufUtil.getBytes(response.content());
    boolean keepAlive =
        HttpUtil.isKeepAlive(response)
            && !request
                .headers()
                .containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true)
            && !mayCarryStrayBody(response);
    requireNonNull(handler, "handler").exchangeCompleted();
    // Released before completing, so a dependent that sends again can reuse this connection.
    detach(keepAlive);
    done = true;
    cancelTimeout();
    long latency = ticker.read() - startNanos;
    result.complete(new BackendResponse(status.code(), response.headers(), body, latency));
  }

  /**
   * A response to HEAD has no body (RFC 9110 9.3.2), so the codec reads none; a backend that sends
   * the body anyway leaves it in the stream, where it would be read as the next response on this
   * connection (issue 22). Such a connection is closed rather than reused whenever the response
   * announced a body it must not have sent: that costs a reconnect after HEAD, which is rare.
   */
  private boolean mayCarryStrayBody(FullHttpResponse response) {
    if (!request.method().equals("HEAD")) {
      return false;
    }
    String length = response.headers().get(HttpHeaderNames.CONTENT_LENGTH);
    return (length != null && !length.equals("0")) || HttpUtil.isTransferEncodingChunked(response);
  }

  @Override
  public void onClosed() {
    onFailure(null, false);
  }

  @Override
  public void onError(Throwable cause) {
    onFailure(cause, false);
  }

  private void onFailure(@Nullable Throwable cause, boolean writeFailed) {
    Channel ch = channel;
    if (done || ch == null) {
      return;
    }
    BackendFailure failure = Failures.ofConnection(ch, cause);
    detach(false);
    boolean harmless = writeFailed || IDEMPOTENT.contains(request.method());
    if (failure == BackendFailure.RESET && reused && !retried && harmless) {
      retried = true;
      ChannelFuture connected = pool.connectFresh();
      connected.addListener(f -> onConnected(connected.channel(), f, false));
      return;
    }
    fail(failure, cause);
  }

  private void onTimeout() {
    if (done) {
      return;
    }
    // The connection may still carry the late response, so it is closed, never reused.
    detach(false);
    fail(BackendFailure.TIMEOUT, null);
  }

  private void detach(boolean reusable) {
    Channel ch = channel;
    if (ch == null) {
      return;
    }
    channel = null;
    if (handler != null) {
      handler.unbind();
      handler = null;
    }
    pool.release(ch, pooled, reusable);
  }

  private void fail(BackendFailure failure, @Nullable Throwable cause) {
    detach(false);
    done = true;
    cancelTimeout();
    String message = Failures.describe(failure, address, request.timeoutMillis());
    result.completeExceptionally(new BackendException(failure, message, cause));
  }

  private void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
    }
  }
}
