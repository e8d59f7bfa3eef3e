package dev.turnpike.integration.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * API Gateway's header rules for HTTP/HTTP_PROXY integrations (spec 6.7), in one place.
 *
 * <h2>Implementation notes</h2>
 *
 * <p>What AWS does, as recorded (spec 6.7, cases C34, C35, C37): on the way to the backend it drops
 * the hop-by-hop and framing headers ({@code Connection}, {@code Content-Length} is recomputed,
 * {@code Transfer-Encoding}, ...), drops {@code Authorization} when it carries a SigV4 signature,
 * and adds {@code X-Amzn-Apigateway-Api-Id}, {@code X-Amzn-Trace-Id} and, when the client sent
 * none, {@code User-Agent: AmazonAPIGateway_<apiId>}. A non-proxy HTTP integration without
 * parameter mappings sends only its own six headers. On the way back, headers API Gateway sets
 * itself are renamed {@code x-amzn-Remapped-<Name>} so the client sees both. See
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html.
 *
 * <p>Deviations: the response rename list is the union of what was recorded for HTTP (set through
 * response parameters) and HTTP_PROXY (from the backend), applied to both. A backend's {@code
 * Transfer-Encoding} is dropped, not passed: the gateway frames the client response itself, and
 * passing it would corrupt that framing (AWS's handling is not recorded). {@code X-Forwarded-*} are
 * not added here; the caller knows the client address.
 */
public final class IntegrationHeaders {
  /**
   * For headers copied from a message Netty's codec already parsed (and validated): validating each
   * name and value again cost about 3% of a proxied request's CPU in the S1 profile.
   */
  private static final DefaultHttpHeadersFactory PARSED =
      DefaultHttpHeadersFactory.headersFactory()
          .withNameValidation(false)
          .withValueValidation(false);

  /** Prefix of a backend response header that API Gateway also sets itself. */
  public static final String REMAPPED_PREFIX = "x-amzn-Remapped-";

  /** The user agent API Gateway sends for an API when the client sent none. */
  public static final String USER_AGENT_PREFIX = "AmazonAPIGateway_";

  public static final String API_ID = "X-Amzn-Apigateway-Api-Id";
  public static final String TRACE_ID = "X-Amzn-Trace-Id";

  private static final NameSet DROPPED_FROM_REQUEST =
      caseInsensitive(
          "Connection",
          "Content-Length",
          "Content-MD5",
          "Expect",
          "Max-Forwards",
          "Proxy-Authenticate",
          "Server",
          "TE",
          "Transfer-Encoding",
          "Trailer",
          "Upgrade",
          "WWW-Authenticate",
          // Replaced by the backend's own below.
          "Host");

  private static final NameSet REMAPPED_IN_RESPONSE =
      caseInsensitive(
          "Authorization",
          "Connection",
          "Content-Length",
          "Content-MD5",
          "Date",
          "Expect",
          "Host",
          "Max-Forwards",
          "Proxy-Authenticate",
          "Server",
          "Trailer",
          "Upgrade",
          "User-Agent",
          "WWW-Authenticate",
          "x-amzn-RequestId");

  private IntegrationHeaders() {}

  /**
   * Headers to send to the backend for an HTTP_PROXY call: client headers minus the always-dropped
   * ones (and {@code Authorization} when it carries a SigV4 signature), plus {@code
   * X-Amzn-Apigateway-Api-Id}, {@code X-Amzn-Trace-Id}, {@code User-Agent:
   * AmazonAPIGateway_<apiId>} when the client sent none; {@code Host} set to the backend's.
   */
  public static HttpHeaders forProxyRequest(
      HttpHeaders clientHeaders, String apiId, String traceId, URI backend) {
    requireNonNull(clientHeaders, "clientHeaders");
    requireNonNull(apiId, "apiId");
    requireNonNull(traceId, "traceId");
    requireNonNull(backend, "backend");
    HttpHeaders out = PARSED.newHeaders();
    // Names and values as the codec holds them (CharSequence): the String view would convert each
    // name again.
    Iterator<Map.Entry<CharSequence, CharSequence>> it = clientHeaders.iteratorCharSequence();
    while (it.hasNext()) {
      Map.Entry<CharSequence, CharSequence> header = it.next();
      CharSequence name = header.getKey();
      if (DROPPED_FROM_REQUEST.contains(name) || isSigV4Authorization(name, header.getValue())) {
        continue;
      }
      out.add(name, header.getValue());
    }
    out.set("Host", hostHeader(backend));
    if (!out.contains("User-Agent")) {
      out.set("User-Agent", USER_AGENT_PREFIX + apiId);
    }
    out.set(API_ID, apiId);
    out.set(TRACE_ID, traceId);
    return out;
  }

  /** Headers to send for a non-proxy HTTP integration with no parameter mappings (spec C34). */
  public static HttpHeaders forHttpRequest(
      String apiId, String traceId, URI backend, int contentLength) {
    requireNonNull(apiId, "apiId");
    requireNonNull(traceId, "traceId");
    requireNonNull(backend, "backend");
    if (contentLength < 0) {
      throw new IllegalArgumentException("contentLength: " + contentLength + " (expected: >= 0)");
    }
    return new DefaultHttpHeaders()
        .add("Accept", "application/json")
        .add("Content-Length", contentLength)
        .add("Host", hostHeader(backend))
        .add("User-Agent", USER_AGENT_PREFIX + apiId)
        .add(API_ID, apiId)
        .add(TRACE_ID, traceId);
  }

  /**
   * Backend response headers as the client sees them: the remapped ones renamed {@code
   * x-amzn-Remapped-<Name>} (keeping the backend's case of the name), the rest passed; the gateway
   * adds its own {@code Content-Length}/{@code Date} later.
   */
  public static HttpHeaders forClientResponse(HttpHeaders backendHeaders) {
    requireNonNull(backendHeaders, "backendHeaders");
    HttpHeaders out = PARSED.newHeaders();
    Iterator<Map.Entry<CharSequence, CharSequence>> it = backendHeaders.iteratorCharSequence();
    while (it.hasNext()) {
      Map.Entry<CharSequence, CharSequence> header = it.next();
      CharSequence name = header.getKey();
      String remapped = REMAPPED_IN_RESPONSE.remapped(name);
      if (remapped != null) {
        out.add(remapped, header.getValue());
      } else if (!AsciiString.contentEqualsIgnoreCase("Transfer-Encoding", name)) {
        out.add(name, header.getValue());
      }
    }
    return out;
  }

  /** The {@code Host} header for {@code backend}: host, plus the port when not the default. */
  static String hostHeader(URI backend) {
    String host = requireNonNull(backend.getHost(), "backend.host");
    int port = backend.getPort();
    boolean https = "https".equalsIgnoreCase(backend.getScheme());
    if (port == -1 || port == (https ? 443 : 80)) {
      return host;
    }
    return host + ':' + port;
  }

  private static boolean isSigV4Authorization(CharSequence name, CharSequence value) {
    if (!AsciiString.contentEqualsIgnoreCase("Authorization", name)) {
      return false;
    }
    // AWS4-HMAC-SHA256 (SigV4) and AWS4-ECDSA-P256-SHA256 (SigV4a) both start with AWS4-.
    String trimmed = value.toString().stripLeading();
    return trimmed.regionMatches(true, 0, "AWS4-", 0, 5);
  }

  private static NameSet caseInsensitive(String... names) {
    return new NameSet(names);
  }

  /**
   * A few header names, matched without regard to case against any CharSequence (Netty's codec
   * holds names as {@link AsciiString}s); also keeps each name's remapped form ready, so that a
   * backend spelling the name as listed costs no string concatenation.
   */
  private static final class NameSet {
    private final String[] names;
    private final String[] remapped;

    NameSet(String... names) {
      this.names = names.clone();
      this.remapped = new String[names.length];
      for (int i = 0; i < names.length; i++) {
        remapped[i] = REMAPPED_PREFIX + names[i];
      }
    }

    boolean contains(CharSequence name) {
      return indexOf(name) >= 0;
    }

    /**
     * {@code x-amzn-Remapped-<name>} in the case the name was sent in, or null when the name is not
     * in the set.
     */
    @Nullable String remapped(CharSequence name) {
      int i = indexOf(name);
      if (i < 0) {
        return null;
      }
      return AsciiString.contentEquals(names[i], name) ? remapped[i] : REMAPPED_PREFIX + name;
    }

    private int indexOf(CharSequence name) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].length() == name.length()
            && AsciiString.contentEqualsIgnoreCase(names[i], name)) {
          return i;
        }
      }
      return -1;
    }
  }
}
