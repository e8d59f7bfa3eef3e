package dev.turnpike.server;

import dev.turnpike.observe.RequestIds;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.InternalErrors;
import dev.turnpike.pipeline.RequestPath;
import dev.turnpike.routing.RequestTarget;
import dev.turnpike.snapshot.GatewaySnapshot;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Turns each aggregated request into an {@link Exchange}, runs the request path, and writes the
 * reply with the headers every API Gateway response carries ({@code x-amzn-RequestId}, {@code
 * x-amz-apigw-id}, Date, Content-Length). One instance per connection: pipelined requests are
 * answered in order, one at a time, so a slow integration never lets a later response overtake an
 * earlier one.
 */
final class GatewayHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  static final String NAME = "gateway";
  private static final byte[] EMPTY = new byte[0];
  // Names with their hash computed once: a String name is hashed again by every set().
  private static final AsciiString REQUEST_ID = AsciiString.cached("x-amzn-RequestId");
  private static final AsciiString APIGW_ID = AsciiString.cached("x-amz-apigw-id");

  /**
   * Set on every response, replacing any of the same name the reply carries; values in {@link
   * #write}.
   */
  private static final AsciiString[] GATEWAY_HEADERS = {
    HttpHeaderNames.DATE,
    HttpHeaderNames.CONTENT_LENGTH,
    REQUEST_ID,
    APIGW_ID,
    HttpHeaderNames.CONNECTION
  };

  /**
   * What an HTTP API (apigatewayv2) response carries instead (spec 1.6): {@code apigw-requestid},
   * none of REST's {@code x-amzn-RequestId} family. Its value has the form of REST's {@code
   * x-amz-apigw-id}, the exchange's extended request id.
   */
  private static final AsciiString HTTP_API_REQUEST_ID = AsciiString.cached("apigw-requestid");

  private static final AsciiString[] HTTP_API_HEADERS = {
    HttpHeaderNames.DATE,
    HttpHeaderNames.CONTENT_LENGTH,
    HTTP_API_REQUEST_ID,
    HttpHeaderNames.CONNECTION
  };

  private final RequestPath path;
  private final Supplier<GatewaySnapshot> snapshots;
  private final HttpDate date;
  private final boolean secure;
  private final InFlightLimit inFlight;
  private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
  private boolean busy;

  /**
   * A request on this connection was refused as malformed: the connection is closing, and requests
   * decoded behind it (pipelined, or smuggled in its body) are dropped, never served.
   */
  private boolean refused;

  /** The HTTP/1.1 response encoder's context, or null on an HTTP/2 stream. */
  private @Nullable ChannelHandlerContext encoder;

  GatewayHandler(
      RequestPath path,
      Supplier<GatewaySnapshot> snapshots,
      HttpDate date,
      boolean secure,
      InFlightLimit inFlight) {
    this.inFlight = inFlight;
    this.path = path;
    this.snapshots = snapshots;
    this.date = date;
    this.secure = secure;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    encoder = ctx.pipeline().context(HttpResponseEncoder.class);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (refused) {
      return;
    }
    if (request.decoderResult().isFailure()) {
      refused = true;
      releaseWaiting();
      rejectMalformed(ctx, request.decoderResult().cause());
      return;
    }
    if (busy) {
      waiting.add(request.retain()); // released after it is served
      return;
    }
    serve(ctx, request);
  }

  private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (encoder != null && !RequestHeads.acceptable(request)) {
      // RFC 9112: an HTTP/1.x head this server must not act on; the bytes after it cannot be
      // trusted either, so the connection ends here (issue 22).
      refused = true;
      releaseWaiting();
      Responses.errorAndClose(ctx, 400, "BadRequestException", "Bad Request");
      return;
    }
    if (!inFlight.tryAcquire()) {
      // Past the cap on requests under way: answered now rather than queued (issue 22).
      refused = true;
      releaseWaiting();
      Responses.errorAndClose(ctx, 503, "ServiceUnavailableException", "Service Unavailable");
      return;
    }
    busy = true;
    Exchange ex = newExchange(ctx, request);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    boolean head = request.method().equals(HttpMethod.HEAD);
    path.run(ex, ctx.channel().eventLoop())
        .whenComplete(
            (reply, error) -> {
              GatewayReply r = reply != null ? reply : InternalErrors.reply(ex, error);
              if (ctx.executor().inEventLoop()) {
                write(ctx, ex, r, keepAlive, head);
              } else {
                ctx.executor().execute(() -> write(ctx, ex, r, keepAlive, head));
              }
            });
  }

  private Exchange newExchange(ChannelHandlerContext ctx, FullHttpRequest request) {
    // Dot segments resolved and unsafe bytes encoded before anything routes on it (issue 22);
    // an ordinary target is returned as it is, after one scan.
    String uri = RequestTarget.normalize(request.uri());
    int q = uri.indexOf('?');
    String rawPath = q < 0 ? uri : uri.substring(0, q);
    String rawQuery = q < 0 ? "" : uri.substring(q + 1);
    int hash = rawQuery.indexOf('#');
    if (hash >= 0) {
      rawQuery = rawQuery.substring(0, hash);
    }
    String sourceIp =
        ctx.channel().remoteAddress() instanceof InetSocketAddress a
            ? a.getAddress().getHostAddress()
            : "127.0.0.1";
    // Most requests (every GET) have no body: share one empty array rather than copy nothing into a
    // new one.
    byte[] body = request.content().isReadable() ? ByteBufUtil.getBytes(request.content()) : EMPTY;
    Exchange ex =
        new Exchange(
            request.method().name(),
            rawPath,
            rawQuery,
            request.headers(),
            body,
            sourceIp,
            request.protocolVersion().text(),
            RequestIds.requestId(request.headers().get(REQUEST_ID)),
            RequestIds.extendedRequestId(),
            path.ticker().read(),
            path.clock().millis(),
            snapshots.get());
    ex.secure = secure;
    if (secure) {
      var connection = TlsIdentityHandler.connection(ctx.channel());
      ex.tlsServerName = connection.attr(TlsIdentityHandler.SERVER_NAME).get();
      ex.clientCert = connection.attr(TlsIdentityHandler.CLIENT_CERT).get();
    }
    return ex;
  }

  private void write(
      ChannelHandlerContext ctx, Exchange ex, GatewayReply reply, boolean keepAlive, boolean head) {
    inFlight.release();
    byte[] body = head ? EMPTY : reply.body();
    path.finished(ex, reply, body.length);
    if (!ctx.channel().isActive()) {
      drain(ctx);
      return;
    }
    boolean httpApi = ex.httpApi != null;
    AsciiString[] names = httpApi ? HTTP_API_HEADERS : GATEWAY_HEADERS;
    CharSequence[] values =
        httpApi
            ? new CharSequence[] {
              date.now(),
              Integer.toString(body.length),
              ex.extendedRequestId,
              keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE
            }
            : new CharSequence[] {
              date.now(),
              Integer.toString(body.length),
              ex.requestId,
              ex.extendedRequestId,
              keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE
            };
    ChannelFuture future;
    if (encoder != null && Http1Response.writes(reply.status(), reply.headers())) {
      // Written below the encoder, as the bytes it would have produced for the same message.
      future =
          encoder.writeAndFlush(
              Http1Response.encode(
                  ctx.alloc(), reply.status(), reply.headers(), names, values, body));
    } else {
      future = ctx.writeAndFlush(fullResponse(reply, names, values, body));
    }
    if (!keepAlive) {
      future.addListener(ChannelFutureListener.CLOSE);
      releaseWaiting();
      return;
    }
    busy = false;
    FullHttpRequest next = waiting.poll();
    if (next != null) {
      try {
        serve(ctx, next);
      } finally {
        next.release();
      }
    }
  }

  /**
   * For HTTP/2 streams, whose frames Netty's codec makes from a message, and HTTP/1.1's special
   * cases.
   */
  private static FullHttpResponse fullResponse(
      GatewayReply reply, AsciiString[] names, CharSequence[] values, byte[] body) {
    // The reply's own header map becomes the response's (each reply builds a fresh one and nothing
    // reads it after
    // this).
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(reply.status()),
            Unpooled.wrappedBuffer(body),
            reply.headers(),
            EmptyHttpHeaders.INSTANCE);
    for (int i = 0; i < names.length; i++) {
      response.headers().set(names[i], values[i]);
    }
    return response;
  }

  private void drain(ChannelHandlerContext ctx) {
    busy = false;
    releaseWaiting();
  }

  private void releaseWaiting() {
    FullHttpRequest r;
    while ((r = waiting.poll()) != null) {
      r.release();
    }
  }

  private static void rejectMalformed(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongHttpHeaderException) {
      Responses.errorAndClose(
          ctx, 431, "RequestHeaderFieldsTooLargeException", "Request Header Fields Too Large");
    } else if (cause instanceof TooLongHttpLineException) {
      Responses.errorAndClose(ctx, 414, "RequestUriTooLongException", "Request-URI Too Long");
    } else if (cause instanceof TooLongFrameException) {
      Responses.errorAndClose(ctx, 413, "RequestTooLargeException", "Request Too Long");
    } else {
      Responses.errorAndClose(ctx, 400, "BadRequestException", "Bad Request");
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    releaseWaiting();
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A broken connection (reset by peer, TLS failure) ends that connection only; the listener
    // keeps serving.
    ctx.close();
  }
}
