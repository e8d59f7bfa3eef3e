package dev.turnpike.pipeline;

import dev.turnpike.media.ContentCoding;
import dev.turnpike.media.ContentSettings;
import io.netty.handler.codec.http.HttpHeaderNames;

/**
 * A REST API's {@code minimumCompressionSize} applied to an integration's reply (spec 11.4): the
 * body is compressed when the API has the setting, the client's {@code Accept-Encoding} names
 * {@code gzip} or {@code deflate}, the reply has no {@code Content-Encoding} of its own, and the
 * body (after mapping) is at least the setting's size. Gateway refusals are left as they are.
 */
final class ResponseCompression {
  private ResponseCompression() {}

  static GatewayReply apply(Exchange ex, GatewayReply reply) {
    ContentSettings content = ex.stage().content();
    if (!content.compresses()
        || reply.body().length < content.minimumCompressionSize()
        || reply.headers().contains(HttpHeaderNames.CONTENT_ENCODING)) {
      return reply;
    }
    ContentCoding coding = ContentCoding.negotiate(ex.headers.get(HttpHeaderNames.ACCEPT_ENCODING));
    if (coding == null) {
      return reply;
    }
    reply.headers().set(HttpHeaderNames.CONTENT_ENCODING, coding.token());
    return new GatewayReply(
        reply.status(),
        reply.headers(),
        coding.encode(reply.body()),
        reply.errorType(),
        reply.errorMessage());
  }
}
