package dev.turnpike.server;

import dev.turnpike.model.Json;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writing responses that are not the pipeline's: protocol errors answered before a request exists.
 */
final class Responses {
  private Responses() {}

  /**
   * An AWS-shaped JSON error, then close the connection (the byte stream can no longer be trusted).
   */
  static void errorAndClose(
      ChannelHandlerContext ctx, int status, String errorType, String message) {
    byte[] body = ("{\"message\":" + Json.quote(message) + "}").getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .set("x-amzn-ErrorType", errorType)
        .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.DATE, httpDate())
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * As {@link #errorAndClose}, for an answer given while the client may still be sending (a body
   * over the limit): the connection closes without a reset that could discard the answer ({@link
   * LingeringClose}).
   */
  static void errorAndLingeringClose(
      ChannelHandlerContext ctx, int status, String errorType, String message) {
    byte[] body = ("{\"message\":" + Json.quote(message) + "}").getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .set("x-amzn-ErrorType", errorType)
        .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.DATE, httpDate())
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    LingeringClose.after(ctx.writeAndFlush(response));
  }

  static String httpDate() {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
  }
}
