package dev.turnpike.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

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
 *   <li>{@code Transfer-Encoding} (RFC 9112 6.1): only HTTP/1.1, one field, exactly {@code chunked}
 *       (any case, optional whitespace around). Netty frames {@code chunked, identity} or {@code
 *       gzip, chunked} by their last coding and passes the field on; a front proxy may read the
 *       same bytes another way, so the request is refused rather than guessed (issue 22,
 *       smuggling). Netty itself refuses {@code Content-Length} beside it.
 *   <li>An absolute-form target (RFC 9112 3.2.2) is served as its origin form when its authority is
 *       the {@code Host}, and refused when it names another: which one a front proxy routed on is
 *       unknown.
 * </ul>
 */
final class RequestHeads {
  private RequestHeads() {}

  /**
   * Whether the head may be served; otherwise the answer is 400 and the connection closes. An
   * acceptable absolute-form target is replaced by its origin form.
   */
  static boolean acceptable(HttpRequest request) {
    HttpVersion version = request.protocolVersion();
    if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
      return false;
    }
    if (request.method().equals(HttpMethod.CONNECT)) {
      return false;
    }
    HttpHeaders headers = request.headers();
    Iterator<? extends CharSequence> hosts =
        headers.valueCharSequenceIterator(HttpHeaderNames.HOST);
    CharSequence host = null;
    if (hosts.hasNext()) {
      host = hosts.next();
      if (hosts.hasNext()) {
        return false;
      }
    } else if (version != HttpVersion.HTTP_1_0) {
      return false;
    }
    if (!transferEncodingAcceptable(headers, version)) {
      return false;
    }
    String uri = request.uri();
    if (!uri.isEmpty() && uri.charAt(0) != '/' && !uri.equals("*")) {
      String origin = originForm(uri, host);
      if (origin == null) {
        return false;
      }
      request.setUri(origin);
    }
    return true;
  }

  private static boolean transferEncodingAcceptable(HttpHeaders headers, HttpVersion version) {
    Iterator<? extends CharSequence> codings =
        headers.valueCharSequenceIterator(HttpHeaderNames.TRANSFER_ENCODING);
    if (!codings.hasNext()) {
      return true;
    }
    CharSequence coding = codings.next();
    return version == HttpVersion.HTTP_1_1
        && !codings.hasNext()
        && AsciiString.contentEqualsIgnoreCase(AsciiString.trim(coding), HttpHeaderValues.CHUNKED);
  }

  /**
   * {@code http://authority/path?query} → {@code /path?query} when the authority is {@code host}
   * (case-insensitive); null for another authority, another scheme or no authority.
   */
  static @Nullable String originForm(String uri, @Nullable CharSequence host) {
    int schemeEnd = uri.indexOf("://");
    if (schemeEnd < 0 || host == null) {
      return null;
    }
    String scheme = uri.substring(0, schemeEnd);
    if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
      return null;
    }
    int start = schemeEnd + 3;
    int end = start;
    while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
      end++;
    }
    String authority = uri.substring(start, end);
    if (authority.isEmpty()
        || authority.indexOf('@') >= 0
        || !authority.equalsIgnoreCase(AsciiString.trim(host).toString())) {
      return null;
    }
    String rest = uri.substring(end);
    return rest.isEmpty() || rest.charAt(0) != '/' ? "/" + rest : rest;
  }
}
