package dev.turnpike.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Answers the admin listener's page paths ({@link AdminPages#serves}) and passes every other
 * request on to the control plane. Pages render on the control executor, as the doctor operations
 * do (live checks read the snapshot there), never on the event loop.
 */
final class AdminPagesHandler extends ChannelInboundHandlerAdapter {
  static final String NAME = "admin-pages";

  private final AdminPages pages;
  private final Executor executor;
  private final HttpDate date;

  AdminPagesHandler(AdminPages pages, Executor executor, HttpDate date) {
    this.pages = pages;
    this.executor = executor;
    this.date = date;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request) || request.decoderResult().isFailure()) {
      ctx.fireChannelRead(msg);
      return;
    }
    String uri = request.uri();
    int q = uri.indexOf('?');
    String rawPath = q < 0 ? uri : uri.substring(0, q);
    if (!pages.serves(rawPath)) {
      ctx.fireChannelRead(msg);
      return;
    }
    String rawQuery = q < 0 ? "" : uri.substring(q + 1);
    String method = request.method().name();
    boolean head = request.method().equals(HttpMethod.HEAD);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    boolean loopback =
        ctx.channel().remoteAddress() instanceof InetSocketAddress a
            && a.getAddress() != null
            && a.getAddress().isLoopbackAddress();
    request.release();
    CompletableFuture.supplyAsync(() -> pages.render(method, rawPath, rawQuery, loopback), executor)
        .whenComplete(
            (page, error) -> ctx.executor().execute(() -> write(ctx, page, head, keepAlive)));
  }

  private void write(
      ChannelHandlerContext ctx, AdminPages.Page page, boolean head, boolean keepAlive) {
    if (page == null) {
      page =
          new AdminPages.Page(
              500,
              Map.of("Content-Type", "text/plain; charset=utf-8"),
              "Internal server error\n".getBytes(StandardCharsets.UTF_8));
    }
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(page.status()),
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(page.body()));
    page.headers().forEach((k, v) -> response.headers().set(k, v));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_LENGTH, page.body().length)
        .set(HttpHeaderNames.DATE, date.now());
    HttpUtil.setKeepAlive(response, keepAlive);
    var f = ctx.writeAndFlush(response);
    if (!keepAlive) {
      f.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
