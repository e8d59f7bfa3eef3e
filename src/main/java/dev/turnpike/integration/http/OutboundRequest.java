package dev.turnpike.integration.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.util.Set;

/** Turns a {@link BackendRequest} into the HTTP/1.1 message written on a backend connection. */
final class OutboundRequest {
  /** Methods whose empty body is still announced as {@code Content-Length: 0}. */
  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

  private OutboundRequest() {}

  /**
   * A new message per attempt: the encoder releases its content once written, and a retry needs its
   * own. The content wraps the request's array (no copy); wrapping is not pooled memory, so a
   * message that is never written leaks nothing.
   */
  static FullHttpRequest of(BackendRequest request) {
    URI uri = request.uri();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String target = target(path, uri.getRawQuery(), request.forwardedQuery());
    byte[] body = request.body();
    HttpHeaders given = request.headers();
    boolean framed = body.length > 0
        || given.contains(HttpHeaderNames.CONTENT_LENGTH)
        || BODY_METHODS.contains(request.method());
    // The caller's headers are never changed (a retry builds its message again from them); they are copied only
    // when something must change. A proxied GET needs nothing, and copying its headers was one of the four header
    // maps a request used to build.
    HttpHeaders headers = given;
    if (given.contains(HttpHeaderNames.TRANSFER_ENCODING)
        || !given.contains(HttpHeaderNames.HOST)
        || (framed && !hasContentLength(given, body.length))) {
      headers = given.copy();
      // The body is always sent whole, so framing is ours: Content-Length, never chunked.
      headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
      if (!headers.contains(HttpHeaderNames.HOST)) {
        headers.set(HttpHeaderNames.HOST, IntegrationHeaders.hostHeader(uri));
      }
      if (framed) {
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      }
    }
    ByteBuf content = body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
    return new DefaultFullHttpRequest(
        HttpVersion.HTTP_1_1,
        HttpMethod.valueOf(request.method()),
        target,
        content,
        headers,
        EmptyHttpHeaders.INSTANCE);
  }

  /** The request-target: the path, then the URI's query and the forwarded one, joined as one query. */
  static String target(String path, @org.jspecify.annotations.Nullable String uriQuery, String forwarded) {
    if (forwarded.isEmpty()) {
      return uriQuery == null ? path : path + '?' + uriQuery;
    }
    StringBuilder b = new StringBuilder(path.length() + 2 + forwarded.length()
        + (uriQuery == null ? 0 : uriQuery.length()));
    b.append(path).append('?');
    if (uriQuery != null) {
      b.append(uriQuery).append('&');
    }
    return b.append(forwarded).toString();
  }

  /** Exactly one {@code Content-Length}, equal to {@code length}. */
  private static boolean hasContentLength(HttpHeaders headers, int length) {
    java.util.List<String> values = headers.getAll(HttpHeaderNames.CONTENT_LENGTH);
    return values.size() == 1 && values.get(0).equals(Integer.toString(length));
  }
}
