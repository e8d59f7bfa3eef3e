package dev.turnpike.integration.http;

import static java.util.Objects.requireNonNull;

import dev.turnpike.http.IdleTimeout;
import dev.turnpike.http.WholeMessageAggregator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Builds the pipeline of a new backend connection, read top to bottom: TLS (https only), idle
 * timeout, HTTP/1.1 codec, response aggregation bounded by {@code maxResponseBytes}, response
 * handler (always the last). One instance per pool; stateless apart from its configuration.
 */
final class BackendChannelInitializer extends AbstractChannelPoolHandler {
  static final String TLS = "tls";
  static final String HTTP_CODEC = "http-codec";
  static final String AGGREGATOR = "aggregator";
  static final String IDLE = "idle";

  private final BackendAddress address;
  private final @Nullable SslContext sslContext;
  private final int maxResponseBytes;
  private final Duration idleTimeout;

  BackendChannelInitializer(
      BackendAddress address, @Nullable SslContext sslContext, BackendClientOptions options) {
    this.address = requireNonNull(address, "address");
    if (address.https() && sslContext == null) {
      throw new IllegalArgumentException(
          "sslContext: null (expected: a context for " + address + ")");
    }
    this.sslContext = address.https() ? sslContext : null;
    this.maxResponseBytes = options.maxResponseBytes();
    this.idleTimeout = options.idleTimeout();
  }

  @Override
  public void channelCreated(Channel ch) {
    ChannelPipeline p = ch.pipeline();
    addTls(ch, p);
    addIdleTimeout(p); // before the codec: request bytes are written from the codec's context
    // (OutboundRequest)
    addHttpCodec(p);
    p.addLast(BackendResponseHandler.NAME, new BackendResponseHandler());
  }

  private void addTls(Channel ch, ChannelPipeline p) {
    if (sslContext != null) {
      // Peer host and port enable SNI and host name verification (HTTPS endpoint identification).
      p.addLast(TLS, sslContext.newHandler(ch.alloc(), address.host(), address.port()));
    }
  }

  private void addHttpCodec(ChannelPipeline p) {
    p.addLast(HTTP_CODEC, new HttpClientCodec());
    p.addLast(AGGREGATOR, new WholeMessageAggregator(maxResponseBytes));
  }

  private void addIdleTimeout(ChannelPipeline p) {
    p.addLast(IDLE, new IdleTimeout(idleTimeout));
  }
}
