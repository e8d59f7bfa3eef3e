package dev.turnpike.integration.http;

import dev.turnpike.http.MessageHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link BackendRequest} into what is written on a backend connection: for the usual
 * methods the request's bytes ({@link #encode}), written below the HTTP codec; otherwise Netty's
 * message ({@link #of}) for the codec's encoder. Both carry the same request line, headers and
 * body; the encoder is the oracle in the tests.
 */
final class OutboundRequest {
  /** Methods whose empty body is still announced as {@code Content-Length: 0}. */
  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

  /**
   * Methods {@link #encode} writes. HEAD and CONNECT must go through {@code HttpClientCodec}'s
   * encoder, which queues them for its decoder (a response to HEAD has no body, a 2xx to CONNECT
   * opens a tunnel); for any other method the decoder finds that queue empty and reads the response
   * by its own framing, as it would have anyway.
   */
  private static final Set<String> DIRECT_METHODS =
      Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

  private static final byte[] SPACE = {' '};
  private static final byte[] SPACE_VERSION_CRLF =
      " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);

  private OutboundRequest() {}

  /** Whether {@link #encode} may write a request with this method. */
  static boolean writesDirectly(String method) {
    return DIRECT_METHODS.contains(method);
  }

  /**
   * A new message per attempt: the encoder releases its content once written, and a retry needs its
   * own. The content wraps the request's array (no copy); wrapping is not pooled memory, so a
   * message that is never written leaks nothing.
   */
  static FullHttpRequest of(BackendRequest request) {
    HttpHeaders headers = headers(request);
    byte[] body = request.body();
    ByteBuf content = body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
    return new DefaultFullHttpRequest(
        HttpVersion.HTTP_1_1,
        HttpMethod.valueOf(request.method()),
        target(request),
        content,
        headers,
        EmptyHttpHeaders.INSTANCE);
  }

  /**
   * The bytes Netty's {@code HttpRequestEncoder} writes for {@link #of}'s message: the target in
   * UTF-8, the headers as {@link MessageHead} writes them, the body after the blank line. Only for
   * a method that {@link #writesDirectly}; a new buffer per attempt, released by the write.
   */
  static ByteBuf encode(BackendRequest request, ByteBufAllocator alloc) {
    MessageHead head =
        MessageHead.start()
            .ascii(request.method())
            .bytes(SPACE)
            .utf8(target(request))
            .bytes(SPACE_VERSION_CRLF);
    for (Iterator<Map.Entry<CharSequence, CharSequence>> it =
            headers(request).iteratorCharSequence();
        it.hasNext(); ) {
      Map.Entry<CharSequence, CharSequence> h = it.next();
      head.header(h.getKey(), h.getValue());
    }
    return head.finish(alloc, request.body());
  }

  private static String target(BackendRequest request) {
    URI uri = request.uri();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return target(path, uri.getRawQuery(), request.forwardedQuery());
  }

  /**
   * The headers to send. The caller's are never changed (a retry builds its request again from
   * them); they are copied only when something must change. A proxied GET needs nothing, and
   * copying its headers was one of the four header maps a request used to build.
   */
  private static HttpHeaders headers(BackendRequest request) {
    byte[] body = request.body();
    HttpHeaders given = request.headers();
    boolean framed =
        body.length > 0
            || given.contains(HttpHeaderNames.CONTENT_LENGTH)
            || BODY_METHODS.contains(request.method());
    if (given.contains(HttpHeaderNames.TRANSFER_ENCODING)
        || !given.contains(HttpHeaderNames.HOST)
        || (framed && !hasContentLength(given, body.length))) {
      HttpHeaders headers = given.copy();
      // The body is always sent whole, so framing is ours: Content-Length, never chunked.
      headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
      if (!headers.contains(HttpHeaderNames.HOST)) {
        headers.set(HttpHeaderNames.HOST, IntegrationHeaders.hostHeader(request.uri()));
      }
      if (framed) {
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      }
      return headers;
    }
    return given;
  }

  /**
   * The request-target: the path, then the URI's query and the forwarded one, joined as one query.
   */
  static String target(
      String path, @org.jspecify.annotations.Nullable String uriQuery, String forwarded) {
    if (forwarded.isEmpty()) {
      return uriQuery == null ? path : path + '?' + uriQuery;
    }
    StringBuilder b =
        new StringBuilder(
            path.length() + 2 + forwarded.length() + (uriQuery == null ? 0 : uriQuery.length()));
    b.append(path).append('?');
    if (uriQuery != null) {
      b.append(uriQuery).append('&');
    }
    return b.append(forwarded).toString();
  }

  /** Exactly one {@code Content-Length}, equal to {@code length}. */
  private static boolean hasContentLength(HttpHeaders headers, int length) {
    List<String> values = headers.getAll(HttpHeaderNames.CONTENT_LENGTH);
    return values.size() == 1 && values.get(0).equals(Integer.toString(length));
  }
}
