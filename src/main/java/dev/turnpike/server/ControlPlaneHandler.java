package dev.turnpike.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Hands control-plane requests to the control plane on its own executor (it reads and writes the
 * store, which blocks) and writes the answer back on the event loop. One request at a time per
 * connection, like the AWS CLI sends them.
 */
final class ControlPlaneHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  static final String NAME = "control-plane";

  private final ControlPlaneEndpoint endpoint;
  private final Executor executor;
  private final HttpDate date;

  ControlPlaneHandler(ControlPlaneEndpoint endpoint, Executor executor, HttpDate date) {
    this.endpoint = endpoint;
    this.executor = executor;
    this.date = date;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (request.decoderResult().isFailure()) {
      Responses.errorAndClose(ctx, 400, "BadRequestException", "Bad Request");
      return;
    }
    String uri = request.uri();
    int q = uri.indexOf('?');
    String rawPath = q < 0 ? uri : uri.substring(0, q);
    String rawQuery = q < 0 ? "" : uri.substring(q + 1);
    List<Map.Entry<String, String>> headers = request.headers().entries();
    byte[] body = ByteBufUtil.getBytes(request.content());
    String method = request.method().name();
    String sourceIp =
        ctx.channel().remoteAddress() instanceof InetSocketAddress a
            ? a.getAddress().getHostAddress()
            : "127.0.0.1";
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    CompletableFuture.supplyAsync(
            () -> endpoint.handle(method, rawPath, rawQuery, headers, body, sourceIp), executor)
        .thenCompose(response -> response)
        .whenComplete(
            (response, error) -> ctx.executor().execute(() -> write(ctx, response, keepAlive)));
  }

  private void write(
      ChannelHandlerContext ctx, ControlPlaneEndpoint.Response r, boolean keepAlive) {
    if (r == null) {
      r =
          new ControlPlaneEndpoint.Response(
              500,
              Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "InternalFailure"),
              "{\"message\":\"Internal server error\"}".getBytes(StandardCharsets.UTF_8));
    }
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(r.status()),
            Unpooled.wrappedBuffer(r.body()));
    r.headers().forEach((k, v) -> response.headers().set(k, v));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_LENGTH, r.body().length)
        .set(HttpHeaderNames.DATE, date.now());
    if (!response.headers().contains("x-amzn-RequestId")) {
      // An operation may name its own (Lambda's Invoke answers with the invocation's request id).
      response.headers().set("x-amzn-RequestId", UUID.randomUUID().toString());
    }
    HttpUtil.setKeepAlive(response, keepAlive);
    var f = ctx.writeAndFlush(response);
    if (!keepAlive) {
      f.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
