package dev.turnpike.auth.sigv4;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The canonical request of SigV4 task 1, rebuilt from a request as received:
 *
 * <pre>
 * METHOD \n CanonicalURI \n CanonicalQuery \n name:value \n … \n \n signed;headers \n payload-hash
 * </pre>
 *
 * <p>Rules as botocore applies them (spec/aws-behavior.md §4.2): the URI is the raw path with dot
 * segments and empty segments removed, then percent-encoded once more ("encoded twice" relative to
 * the decoded path; S3 alone encodes once and keeps the path as is); header values are trimmed with
 * inner whitespace runs collapsed and repeated headers joined by {@code ','}; the payload hash is
 * the {@code x-amz-content-sha256} header when present, else the hex SHA-256 of the body.
 */
public final class CanonicalRequest {

  static final String SECURITY_TOKEN_HEADER = "x-amz-security-token";
  static final String SECURITY_TOKEN_PARAM = "X-Amz-Security-Token";
  private static final String REDACTED = "<redacted>";
  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private final String method;
  private final String uri;
  private final List<String[]> query; // {name, value}, already in canonical order
  private final List<String> headerLines;
  private final String signedHeaders;
  private final String payloadHash;

  private CanonicalRequest(
      String method,
      String uri,
      List<String[]> query,
      List<String> headerLines,
      String signedHeaders,
      String payloadHash) {
    this.method = method;
    this.uri = uri;
    this.query = query;
    this.headerLines = headerLines;
    this.signedHeaders = signedHeaders;
    this.payloadHash = payloadHash;
  }

  /** Builds the canonical request with the AWS-documented (normalized) canonical query. */
  public static CanonicalRequest of(
      SigV4Request request, List<String> signedHeaders, boolean uriEncodeTwice) {
    return of(request, signedHeaders, uriEncodeTwice, true, null);
  }

  /**
   * @param normalizeQuery true to decode and re-encode query parameters (AWS docs), false to keep
   *     the client's encoding (botocore's URL mode)
   * @param excludedParam a query parameter left out ({@code X-Amz-Signature} when presigned)
   */
  static CanonicalRequest of(
      SigV4Request request,
      List<String> signedHeaders,
      boolean uriEncodeTwice,
      boolean normalizeQuery,
      @Nullable String excludedParam) {
    return of(
        request,
        QueryParameters.parse(request.rawQuery()),
        signedHeaders,
        uriEncodeTwice,
        normalizeQuery,
        excludedParam);
  }

  /** As above, with the request's query already parsed ({@code params}). */
  static CanonicalRequest of(
      SigV4Request request,
      QueryParameters params,
      List<String> signedHeaders,
      boolean uriEncodeTwice,
      boolean normalizeQuery,
      @Nullable String excludedParam) {
    List<String> lines = new ArrayList<>(signedHeaders.size());
    StringBuilder line = new StringBuilder(64);
    for (String name : signedHeaders) {
      line.setLength(0);
      line.append(name.toLowerCase(Locale.ROOT)).append(':');
      boolean first = true;
      for (Map.Entry<String, String> h : request.headers()) {
        if (h.getKey().equalsIgnoreCase(name)) {
          if (!first) {
            line.append(','); // repeated headers joined in arrival order
          }
          line.append(trimAll(h.getValue()));
          first = false;
        }
      }
      lines.add(line.toString());
    }
    return new CanonicalRequest(
        request.method(),
        canonicalUri(request.rawPath(), uriEncodeTwice),
        normalizeQuery ? params.normalized(excludedParam) : params.verbatim(excludedParam),
        lines,
        String.join(";", signedHeaders),
        payloadHash(request));
  }

  /** The canonical URI of {@code rawPath}; an empty path is {@code "/"}. */
  public static String canonicalUri(String rawPath, boolean uriEncodeTwice) {
    if (rawPath.isEmpty()) {
      return "/";
    }
    if (isCanonicalPath(rawPath)) {
      return rawPath; // e.g. "/prod/bench": what the steps below would rebuild, character for
      // character
    }
    if (!uriEncodeTwice) {
      return UriEncoding.encode(UriEncoding.decode(rawPath), true);
    }
    return UriEncoding.encode(removeDotSegments(rawPath), true);
  }

  /** The {@code x-amz-content-sha256} header value if sent, else hex SHA-256 of the body. */
  public static String payloadHash(SigV4Request request) {
    String declared = request.header("x-amz-content-sha256");
    if (declared != null) {
      return declared;
    }
    // Most signed requests (GETs) have no body; its hash is a constant, not a digest per request.
    return request.body().length == 0 ? EMPTY_SHA256 : Crypto.sha256Hex(request.body());
  }

  /**
   * True when {@code rawPath} is its own canonical URI in both modes: it starts with {@code '/'},
   * holds only unreserved characters and slashes (nothing to decode or encode), and no segment is
   * empty, {@code .} or {@code ..} except the empty ones around a leading or trailing slash
   * (nothing for dot-segment removal to do).
   */
  static boolean isCanonicalPath(String rawPath) {
    if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      return false;
    }
    int segmentStart = 1;
    for (int i = 1; i <= rawPath.length(); i++) {
      if (i == rawPath.length() || rawPath.charAt(i) == '/') {
        int length = i - segmentStart;
        boolean last = i == rawPath.length();
        if (length == 0 && !(last && i > 1) && rawPath.length() > 1) {
          return false; // "//", or "/x//" — an empty segment in the middle
        }
        if (length == 1 && rawPath.charAt(segmentStart) == '.'
            || length == 2
                && rawPath.charAt(segmentStart) == '.'
                && rawPath.charAt(segmentStart + 1) == '.') {
          return false;
        }
        segmentStart = i + 1;
      } else if (!UriEncoding.isUnreserved(rawPath.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The canonical request text that is hashed into the string to sign. */
  public String text() {
    return render(false);
  }

  /**
   * Hex SHA-256 of {@link #text()}, rendered into this thread's scratch builder rather than a new
   * String.
   */
  public String hash() {
    StringBuilder b = Crypto.text();
    render(b, false);
    return Crypto.sha256Hex(b);
  }

  /** {@link #text()} with session-token values replaced, safe to echo in an error or a log. */
  String redactedText() {
    return render(true);
  }

  String payloadHashValue() {
    return payloadHash;
  }

  @Override
  public String toString() {
    return redactedText();
  }

  private String render(boolean redact) {
    StringBuilder b = new StringBuilder(256);
    render(b, redact);
    return b.toString();
  }

  private void render(StringBuilder b, boolean redact) {
    b.append(method).append('\n').append(uri).append('\n');
    for (int i = 0; i < query.size(); i++) {
      String[] pair = query.get(i);
      if (i > 0) {
        b.append('&');
      }
      // Names never hold '=' (split at the first one), so this is the pair
      // "X-Amz-Security-Token=…".
      boolean token = redact && pair[0].equals(SECURITY_TOKEN_PARAM);
      b.append(pair[0]).append('=').append(token ? REDACTED : pair[1]);
    }
    b.append('\n');
    for (String line : headerLines) {
      boolean token = redact && line.startsWith(SECURITY_TOKEN_HEADER + ':');
      b.append(token ? SECURITY_TOKEN_HEADER + ':' + REDACTED : line).append('\n');
    }
    b.append('\n').append(signedHeaders).append('\n').append(payloadHash);
  }

  /**
   * botocore's {@code ' '.join(value.split())}: trim, and collapse whitespace runs to one space.
   */
  static String trimAll(String value) {
    if (isTrimmed(value)) {
      return value; // the usual case: nothing to fold, no copy
    }
    StringBuilder b = new StringBuilder(value.length());
    boolean pendingSpace = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (isPythonWhitespace(c)) {
        pendingSpace = b.length() > 0;
      } else {
        if (pendingSpace) {
          b.append(' ');
          pendingSpace = false;
        }
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * True when {@link #trimAll} would return {@code value} unchanged: no edge whitespace, only
   * single spaces.
   */
  private static boolean isTrimmed(String value) {
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c == ' ') {
        if (i == 0
            || i == n - 1
            || value.charAt(i + 1) == ' '
            || isPythonWhitespace(value.charAt(i + 1))) {
          return false;
        }
      } else if (isPythonWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  /** RFC 3986 §5.2.4 plus collapsing {@code //}, exactly as botocore's remove_dot_segments. */
  static String removeDotSegments(String path) {
    List<String> out = new ArrayList<>();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
      } else {
        out.add(segment);
      }
    }
    String first = path.startsWith("/") ? "/" : "";
    String last = path.endsWith("/") && !out.isEmpty() ? "/" : "";
    return first + String.join("/", out) + last;
  }

  private static boolean isPythonWhitespace(char c) {
    return Character.isWhitespace(c) || c == '\u0085' || c == '\u00A0' || Character.isSpaceChar(c);
  }
}
