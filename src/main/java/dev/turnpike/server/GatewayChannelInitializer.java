package dev.turnpike.server;

import dev.turnpike.http.IdleTimeout;
import dev.turnpike.pipeline.RequestPath;
import dev.turnpike.snapshot.GatewaySnapshot;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The data-plane connection pipeline, in the order bytes meet it. On the HTTPS listener, TLS comes
 * first: Netty's {@link SniHandler} picks the certificate from the ClientHello's server name
 * through a mapping that reads the current snapshot; ALPN then chooses HTTP/2 (each stream gets its
 * own HTTP/1.1-shaped pipeline ending in the same {@link GatewayHandler}) or HTTP/1.1.
 */
final class GatewayChannelInitializer extends ChannelInitializer<SocketChannel> {
  private static final Http2ConnectionErrors H2_ERRORS =
      new Http2ConnectionErrors(line -> System.err.println(line));

  private final ListenerLimits limits;
  private final RequestPath path;
  private final Supplier<GatewaySnapshot> snapshots;
  private final HttpDate date;
  private final @Nullable Mapping<String, SslContext> sni;
  private final InFlightLimit inFlight;

  GatewayChannelInitializer(
      ListenerLimits limits,
      InFlightLimit inFlight,
      RequestPath path,
      Supplier<GatewaySnapshot> snapshots,
      HttpDate date) {
    this(limits, inFlight, path, snapshots, date, null);
  }

  GatewayChannelInitializer(
      ListenerLimits limits,
      InFlightLimit inFlight,
      RequestPath path,
      Supplier<GatewaySnapshot> snapshots,
      HttpDate date,
      @Nullable Mapping<String, SslContext> sni) {
    this.limits = limits;
    this.inFlight = inFlight;
    this.path = path;
    this.snapshots = snapshots;
    this.date = date;
    this.sni = sni;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast(
        RequestDeadlines.NAME, new RequestDeadlines(limits.headTimeout(), limits.bodyTimeout()));
    addTimeouts(p);
    if (sni == null) {
      addHttpCodec(p);
      addGateway(p, false);
    } else {
      addTls(p, sni);
    }
  }

  private void addTimeouts(ChannelPipeline p) {
    p.addLast("idle", new IdleTimeout(limits.idleTimeout()));
    p.addLast(IdleCloseHandler.NAME, IdleCloseHandler.INSTANCE);
  }

  private void addTls(ChannelPipeline p, Mapping<String, SslContext> mapping) {
    p.addLast("sni", new SniHandler(mapping));
    p.addLast(TlsIdentityHandler.NAME, new TlsIdentityHandler());
    p.addLast(
        "alpn",
        new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
          @Override
          protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
              RequestDeadlines deadlines = ctx.pipeline().get(RequestDeadlines.class);
              if (deadlines != null) {
                deadlines.stop(); // no HTTP/1.1 decoder to report requests: idle timeout only
              }
              addHttp2(ctx.pipeline());
            } else {
              addHttpCodec(ctx.pipeline());
              addGateway(ctx.pipeline(), true);
            }
          }

          @Override
          protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a refused protocol version or unknown CA is the client's to see; the
            // listener goes on
          }
        });
  }

  private void addHttpCodec(ChannelPipeline p) {
    // A decoder and an encoder rather than HttpServerCodec: the codec queues each request's method
    // for its encoder,
    // and GatewayHandler writes most responses below the encoder (Http1Response), which would leave
    // that queue
    // growing. The codec's encoder leaves out the body of an answer to HEAD; GatewayHandler does
    // that itself.
    p.addLast(
        "http",
        new GatewayRequestDecoder(
            new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxInitialLineBytes())
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setMaxChunkSize(64 * 1024)));
    p.addLast("http-encoder", new HttpResponseEncoder());
    p.addLast(BodyLimitAggregator.NAME, new BodyLimitAggregator(limits.maxBodyBytes()));
  }

  private void addHttp2(ChannelPipeline p) {
    p.addLast("h2", Http2FrameCodecBuilder.forServer().build());
    p.addLast(
        "h2-streams",
        new Http2MultiplexHandler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel stream) {
                ChannelPipeline sp = stream.pipeline();
                sp.addLast("h2-to-http", new Http2StreamFrameToHttpObjectCodec(true));
                sp.addLast(
                    BodyLimitAggregator.NAME, new BodyLimitAggregator(limits.maxBodyBytes()));
                addGateway(sp, true);
              }
            }));
    p.addLast(Http2ConnectionErrors.NAME, H2_ERRORS);
  }

  private void addGateway(ChannelPipeline p, boolean secure) {
    p.addLast(GatewayHandler.NAME, new GatewayHandler(path, snapshots, date, secure, inFlight));
  }
}
