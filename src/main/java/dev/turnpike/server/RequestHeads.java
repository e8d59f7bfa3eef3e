package dev.turnpike.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Iterator;

/**
 * The RFC 9112 checks of an HTTP/1.x request head that Netty's decoder leaves to the server (issue
 * 22). Netty accepts any {@code NAME/d.d} version (and upper-cases it), and any number of {@code
 * Host} headers; a proxy that forwarded such a request as HTTP/1.1 would let a client speak a
 * protocol the backend reads differently.
 *
 * <ul>
 *   <li>The version must be exactly {@code HTTP/1.1} or {@code HTTP/1.0} (RFC 9112 2.3: the name is
 *       case-sensitive; {@code HTTP/2.0} is never sent on an HTTP/1 connection, and {@code
 *       HTTP/1.2} or {@code HTTP/9.9} are versions this server does not speak). Netty's {@code
 *       HttpVersion.valueOf} returns its two constants only for those exact texts, so identity is
 *       the check.
 *   <li>An HTTP/1.1 request has exactly one {@code Host}; an HTTP/1.0 one at most one (RFC 9112
 *       3.2: "a server MUST respond with a 400 … to any HTTP/1.1 request message that lacks a Host
 *       header field and to any request message that contains more than one Host header field").
 *   <li>{@code CONNECT} asks for a tunnel, which an API endpoint does not open.
 * </ul>
 */
final class RequestHeads {
  private RequestHeads() {}

  /** Whether the head may be served; otherwise the answer is 400 and the connection closes. */
  static boolean acceptable(HttpRequest request) {
    HttpVersion version = request.protocolVersion();
    if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
      return false;
    }
    if (request.method().equals(HttpMethod.CONNECT)) {
      return false;
    }
    Iterator<? extends CharSequence> hosts =
        request.headers().valueCharSequenceIterator(HttpHeaderNames.HOST);
    if (!hosts.hasNext()) {
      return version == HttpVersion.HTTP_1_0;
    }
    hosts.next();
    return !hosts.hasNext();
  }
}
