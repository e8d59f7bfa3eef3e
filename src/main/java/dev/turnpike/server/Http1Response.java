package dev.turnpike.server;

import dev.turnpike.http.MessageHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * An HTTP/1.1 response, head and body, written straight into one buffer: the bytes Netty's {@code
 * HttpResponseEncoder} writes for a {@code FullHttpResponse} whose headers are the given ones
 * followed by the gateway's own ({@code set}, so they replace any of the same name), without
 * building that message, a second header map and the encoder's intermediate list. Every ordinary
 * response on an HTTP/1.1 connection goes this way (see {@link #writes}); the special cases of HTTP
 * framing, HTTP/2 streams and protocol errors stay with Netty's messages and encoder. The bytes are
 * put together by {@link MessageHead}.
 */
final class Http1Response {
  /** "HTTP/1.1 200 OK\r\n" and the like, for every code this writes, built once. */
  private static final byte[][] STATUS_LINES = new byte[600][];

  static {
    for (int code = 200; code < STATUS_LINES.length; code++) {
      HttpResponseStatus status = HttpResponseStatus.valueOf(code);
      STATUS_LINES[code] =
          ("HTTP/1.1 " + code + " " + status.reasonPhrase() + "\r\n")
              .getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  private Http1Response() {}

  /**
   * Whether {@link #encode} writes this response. Not for the statuses whose framing Netty's
   * encoder adjusts (1xx and 204 lose Content-Length, 205 gets {@code Content-Length: 0}, and these
   * and 304 lose their body: RFC 9110 sections 8.6 and 15) nor for a chunked body: those keep going
   * through the encoder, the one home of those rules.
   */
  static boolean writes(int status, HttpHeaders headers) {
    return status >= 200
        && status < STATUS_LINES.length
        && status != 204
        && status != 205
        && status != 304
        && !headers.contains(HttpHeaderNames.TRANSFER_ENCODING);
  }

  /**
   * The response's bytes. {@code gatewayNames} and {@code gatewayValues} are the headers the
   * gateway sets on every response, in order; a header of {@code headers} with one of those names
   * (any case) is left out, as {@code HttpHeaders.set} would remove it. Only for a response that
   * {@link #writes}.
   */
  static ByteBuf encode(
      ByteBufAllocator alloc,
      int status,
      HttpHeaders headers,
      AsciiString[] gatewayNames,
      CharSequence[] gatewayValues,
      byte[] body) {
    MessageHead head = MessageHead.start().bytes(STATUS_LINES[status]);
    for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
        it.hasNext(); ) {
      Map.Entry<CharSequence, CharSequence> h = it.next();
      if (!isGatewayName(h.getKey(), gatewayNames)) {
        head.header(h.getKey(), h.getValue());
      }
    }
    for (int i = 0; i < gatewayNames.length; i++) {
      head.header(gatewayNames[i], gatewayValues[i]);
    }
    return head.finish(alloc, body);
  }

  private static boolean isGatewayName(CharSequence name, AsciiString[] gatewayNames) {
    for (AsciiString g : gatewayNames) {
      if (g.contentEqualsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
