package dev.turnpike.cors;

import dev.turnpike.model.CorsConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP API's {@code corsConfiguration}, compiled once per snapshot. Stateless and thread-safe;
 * the request path calls it on the event loop.
 *
 * <p>Implementation notes. What AWS does (<a
 * href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html">Configure
 * CORS for HTTP APIs</a>):
 *
 * <ul>
 *   <li>The gateway answers preflights itself, even without an {@code OPTIONS} route [DOC]. A
 *       preflight is an {@code OPTIONS} request with an {@code Origin} and an {@code
 *       Access-Control-Request-Method} header; other requests need an {@code Origin} to get CORS
 *       headers [DOC]. Status 204, empty body [community captures; UNCONF as to every header].
 *   <li>It adds the configured headers to integration responses and ignores the backend's CORS
 *       headers [DOC]: {@link #isCorsHeader} names what to drop.
 *   <li>{@code allowOrigins}: exact origins, {@code *}, {@code https://*}, {@code http://*} [DOC];
 *       {@code Access-Control-Allow-Origin} carries one origin, the request's, when a list or a
 *       pattern matched (SAM's issue 3719: "API Gateway allows multiple origins"), {@code *} for
 *       the {@code *} entry. {@code allowCredentials} with {@code *} is refused by the control
 *       plane ({@link CorsValidation}); should such a configuration exist anyway, the origin is
 *       reflected, as a browser would refuse {@code *} with credentials.
 * </ul>
 *
 * <p>Our choices where AWS publishes nothing [UNCONF]: a preflight whose origin, method or
 * requested headers are not allowed is still 204 but carries no CORS headers (the browser then
 * blocks it, as it would with AWS's answer); methods compare exactly (HTTP methods are
 * case-sensitive), header names ignoring case; GET, HEAD and POST pass the method check even when
 * not listed (Fetch: CORS-safelisted methods need no {@code Access-Control-Allow-Methods}); header
 * values are the configured entries joined with {@code ","}; {@code *} in {@code allowMethods} or
 * {@code allowHeaders} is sent as {@code *}, or, with credentials (where browsers read {@code *}
 * literally), as the requested method or headers; a reflected origin sets {@link
 * CorsHeaders#varyOrigin()}.
 */
public final class CorsRules {
  public static final String ALLOW_ORIGIN = "access-control-allow-origin";
  public static final String ALLOW_CREDENTIALS = "access-control-allow-credentials";
  public static final String ALLOW_METHODS = "access-control-allow-methods";
  public static final String ALLOW_HEADERS = "access-control-allow-headers";
  public static final String EXPOSE_HEADERS = "access-control-expose-headers";
  public static final String MAX_AGE = "access-control-max-age";

  /** The status of every preflight the gateway answers, allowed or not. */
  public static final int PREFLIGHT_STATUS = 204;

  private static final String PREFIX = "access-control-";

  private final CorsConfiguration config;
  private final boolean anyOrigin;
  private final String[] exactOrigins;
  private final OriginPattern[] originPatterns;
  private final boolean credentials;
  private final AllowedNames methods;
  private final AllowedNames headers;
  private final @Nullable String exposeHeadersValue;
  private final @Nullable String maxAgeValue;
  private final Template actualTemplate;
  private final CorsHeaders actualForAnyOrigin;

  private CorsRules(CorsConfiguration config) {
    this.config = config;
    boolean any = false;
    List<String> exact = new ArrayList<>();
    List<OriginPattern> patterns = new ArrayList<>();
    for (String o : config.allowOrigins()) {
      String origin = o.trim();
      if (origin.equals("*")) {
        any = true;
      } else if (OriginPattern.isPattern(origin)) {
        patterns.add(new OriginPattern(origin));
      } else if (!origin.isEmpty()) {
        exact.add(origin);
      }
    }
    this.anyOrigin = any;
    this.exactOrigins = exact.toArray(new String[0]);
    this.originPatterns = patterns.toArray(new OriginPattern[0]);
    this.credentials = config.credentials();
    this.methods = AllowedNames.methods(config.allowMethods());
    this.headers = AllowedNames.headers(config.allowHeaders());
    this.exposeHeadersValue =
        config.exposeHeaders().isEmpty() ? null : String.join(",", config.exposeHeaders());
    this.maxAgeValue = config.maxAge() == null ? null : config.maxAge().toString();
    this.actualTemplate = Template.of(credentials, exposeHeadersValue);
    this.actualForAnyOrigin = anyOrigin && !credentials ? actual("*", false) : CorsHeaders.NONE;
  }

  /** Compiles a configuration; null when the API has none (no CORS handling at all). */
  public static @Nullable CorsRules compile(@Nullable CorsConfiguration config) {
    return config == null ? null : new CorsRules(config);
  }

  public CorsConfiguration configuration() {
    return config;
  }

  /**
   * Whether a request is a CORS preflight: {@code OPTIONS} with non-empty {@code Origin} and {@code
   * Access-Control-Request-Method} headers [DOC: "For the OPTIONS method, your request must contain
   * an origin header and an Access-Control-Request-Method header"].
   */
  public static boolean isPreflight(
      String method, @Nullable CharSequence origin, @Nullable CharSequence requestMethod) {
    return method.equals("OPTIONS")
        && origin != null
        && origin.length() > 0
        && requestMethod != null
        && requestMethod.length() > 0;
  }

  /**
   * Whether a response header is a CORS header the gateway owns when a configuration is set: every
   * {@code access-control-*} header from the backend is dropped [DOC: "API Gateway ignores CORS
   * headers returned from your backend integration"].
   */
  public static boolean isCorsHeader(CharSequence name) {
    if (name.length() < PREFIX.length()) {
      return false;
    }
    for (int i = 0; i < PREFIX.length(); i++) {
      if (Character.toLowerCase(name.charAt(i)) != PREFIX.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The gateway's answer to a preflight (status {@link #PREFLIGHT_STATUS}, empty body).
   *
   * @param requestHeaders the {@code Access-Control-Request-Headers} value (comma-separated), null
   *     when absent
   */
  public Preflight preflight(String origin, String requestMethod, @Nullable String requestHeaders) {
    if (!originAllowed(origin)) {
      return new Preflight(Verdict.ORIGIN_NOT_ALLOWED, CorsHeaders.NONE, origin);
    }
    String method = requestMethod.trim();
    if (!methodAllowed(method)) {
      return new Preflight(Verdict.METHOD_NOT_ALLOWED, CorsHeaders.NONE, method);
    }
    String refusedHeader = headers.firstMissing(requestHeaders);
    if (refusedHeader != null) {
      return new Preflight(Verdict.HEADERS_NOT_ALLOWED, CorsHeaders.NONE, refusedHeader);
    }
    boolean reflect = !anyOrigin || credentials;
    String[] names = new String[5];
    String[] values = new String[5];
    int n = 0;
    names[n] = ALLOW_ORIGIN;
    values[n++] = reflect ? origin : "*";
    if (credentials) {
      names[n] = ALLOW_CREDENTIALS;
      values[n++] = "true";
    }
    String methodsValue = methods.any && credentials ? method : methods.headerValue;
    if (methodsValue != null) {
      names[n] = ALLOW_METHODS;
      values[n++] = methodsValue;
    }
    String headersValue =
        headers.any && credentials ? blankToNull(requestHeaders) : headers.headerValue;
    if (headersValue != null) {
      names[n] = ALLOW_HEADERS;
      values[n++] = headersValue;
    }
    if (maxAgeValue != null) {
      names[n] = MAX_AGE;
      values[n++] = maxAgeValue;
    }
    return new Preflight(
        Verdict.ALLOWED, new CorsHeaders(trim(names, n), trim(values, n), reflect), null);
  }

  /**
   * The CORS headers for a response to a request that is not a preflight: {@code
   * Access-Control-Allow-Origin}, {@code -Allow-Credentials} and {@code -Expose-Headers} when the
   * origin is allowed; {@link CorsHeaders#NONE} without an {@code Origin} or for another origin.
   */
  public CorsHeaders forResponse(@Nullable String origin) {
    if (origin == null || origin.isEmpty()) {
      return CorsHeaders.NONE;
    }
    if (actualForAnyOrigin != CorsHeaders.NONE) {
      return actualForAnyOrigin;
    }
    return originAllowed(origin) ? actual(origin, true) : CorsHeaders.NONE;
  }

  private CorsHeaders actual(String allowOrigin, boolean reflected) {
    // Names and the values after the origin are the same for every request: only the origin's
    // slot differs, so a reflected answer copies one small array.
    String[] values = actualTemplate.values().clone();
    values[0] = allowOrigin;
    return new CorsHeaders(actualTemplate.names(), values, reflected);
  }

  /** The names and values of an actual response's pairs, origin slot empty. */
  private record Template(String[] names, String[] values) {
    static Template of(boolean credentials, @Nullable String exposeHeaders) {
      int n = 1 + (credentials ? 1 : 0) + (exposeHeaders != null ? 1 : 0);
      String[] names = new String[n];
      String[] values = new String[n];
      int i = 0;
      names[i] = ALLOW_ORIGIN;
      values[i++] = "";
      if (credentials) {
        names[i] = ALLOW_CREDENTIALS;
        values[i++] = "true";
      }
      if (exposeHeaders != null) {
        names[i] = EXPOSE_HEADERS;
        values[i] = exposeHeaders;
      }
      return new Template(names, values);
    }
  }

  /** Whether {@code allowOrigins} admits the origin (exact, pattern or {@code *}). */
  public boolean originAllowed(String origin) {
    if (anyOrigin) {
      return true;
    }
    for (String exact : exactOrigins) {
      if (exact.equalsIgnoreCase(origin)) {
        return true;
      }
    }
    for (OriginPattern p : originPatterns) {
      if (p.matches(origin)) {
        return true;
      }
    }
    return false;
  }

  private boolean methodAllowed(String method) {
    return methods.any
        || methods.contains(method, 0, method.length())
        || method.equals("GET")
        || method.equals("HEAD")
        || method.equals("POST");
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String[] trim(String[] a, int n) {
    if (a.length == n) {
      return a;
    }
    String[] out = new String[n];
    System.arraycopy(a, 0, out, 0, n);
    return out;
  }

  @Override
  public String toString() {
    return "CorsRules" + config;
  }

  /** Why a preflight got the headers it got (for explain and the decision record). */
  public enum Verdict {
    ALLOWED,
    ORIGIN_NOT_ALLOWED,
    METHOD_NOT_ALLOWED,
    HEADERS_NOT_ALLOWED
  }

  /**
   * The gateway's answer to a preflight: always {@link #PREFLIGHT_STATUS} with an empty body.
   *
   * @param refused the origin, method or header name that was not allowed; null when allowed
   */
  public record Preflight(Verdict verdict, CorsHeaders headers, @Nullable String refused) {
    public int status() {
      return PREFLIGHT_STATUS;
    }
  }
}
