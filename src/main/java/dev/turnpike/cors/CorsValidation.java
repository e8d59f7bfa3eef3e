package dev.turnpike.cors;

import dev.turnpike.model.CorsConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code apigatewayv2} CreateApi / UpdateApi / ReimportApi accept as {@code
 * corsConfiguration}: the one home of these rules, for the control plane to call before it stores
 * anything. A refusal is a {@link InvalidCors} whose message is the {@code BadRequestException}'s.
 *
 * <p>Implementation notes. AWS refuses {@code allowCredentials: true} with a {@code *} origin:
 * "allow-credentials is not supported if 'allow-origin' is *" [REC: CloudFormation and CDK reports,
 * aws-cdk issue 9076, verbatim]. botocore bounds {@code maxAge} to -1..86400 and {@code
 * allowMethods} entries to 1..64 characters [DOC botocore]. The other refusals keep a header from
 * being broken by what it will carry (an empty entry, a line break, a comma inside one origin);
 * AWS's wording for them is not published, so these texts are Turnpike's [UNCONF].
 */
public final class CorsValidation {
  public static final String CREDENTIALS_WITH_ANY_ORIGIN =
      "allow-credentials is not supported if 'allow-origin' is *";

  private CorsValidation() {}

  /**
   * The configuration in a request body's {@code corsConfiguration} object, as Jackson reads JSON
   * into maps, lists, strings, booleans and numbers; unknown members are ignored, as AWS does.
   *
   * @throws InvalidCors when a member has the wrong type or {@link #problem} finds a fault
   */
  public static CorsConfiguration parse(Map<String, ? extends @Nullable Object> json) {
    CorsConfiguration c =
        new CorsConfiguration(
            bool(json, "allowCredentials"),
            strings(json, "allowHeaders"),
            strings(json, "allowMethods"),
            strings(json, "allowOrigins"),
            strings(json, "exposeHeaders"),
            integer(json, "maxAge"));
    String problem = problem(c);
    if (problem != null) {
      throw new InvalidCors(problem);
    }
    return c;
  }

  /** The first fault of a configuration, null when AWS would accept it. */
  public static @Nullable String problem(CorsConfiguration c) {
    if (c.credentials() && c.allowOrigins().stream().anyMatch(o -> o.trim().equals("*"))) {
      return CREDENTIALS_WITH_ANY_ORIGIN;
    }
    Integer maxAge = c.maxAge();
    if (maxAge != null && (maxAge < -1 || maxAge > 86400)) {
      return "Invalid maxAge " + maxAge + ": must be between -1 and 86400";
    }
    for (String m : c.allowMethods()) {
      if (m.isEmpty() || m.length() > 64 || !isToken(m)) {
        return "Invalid allowMethods value '" + printable(m) + "': expected an HTTP method or *";
      }
    }
    String bad = firstBadHeaderName(c.allowHeaders());
    if (bad != null) {
      return "Invalid allowHeaders value '" + printable(bad) + "': expected a header name or *";
    }
    bad = firstBadHeaderName(c.exposeHeaders());
    if (bad != null) {
      return "Invalid exposeHeaders value '" + printable(bad) + "': expected a header name or *";
    }
    for (String o : c.allowOrigins()) {
      if (o.isBlank() || o.indexOf(',') >= 0 || hasControlOrSpace(o)) {
        return "Invalid allowOrigins value '"
            + printable(o)
            + "': expected one origin such as https://www.example.com, * or https://*";
      }
    }
    return null;
  }

  private static @Nullable String firstBadHeaderName(List<String> names) {
    for (String h : names) {
      if (!isToken(h) && !h.equals("*")) {
        return h;
      }
    }
    return null;
  }

  /** RFC 9110 token: what a method or a header name may be. */
  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasControlOrSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) <= ' ' || s.charAt(i) == 0x7f) {
        return true;
      }
    }
    return false;
  }

  /** A value quoted back in a message, with control characters shown, never a raw line break. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 100; i++) {
      char c = s.charAt(i);
      b.append(c < ' ' || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return s.length() > 100 ? b.append("...").toString() : b.toString();
  }

  private static @Nullable Boolean bool(Map<String, ? extends @Nullable Object> json, String m) {
    Object v = json.get(m);
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    throw new InvalidCors("Invalid corsConfiguration." + m + ": expected true or false");
  }

  private static @Nullable Integer integer(Map<String, ? extends @Nullable Object> json, String m) {
    Object v = json.get(m);
    if (v == null) {
      return null;
    }
    if ((v instanceof Integer || v instanceof Long || v instanceof Short)
        && ((Number) v).longValue() == ((Number) v).intValue()) {
      return ((Number) v).intValue();
    }
    if (v instanceof Number) {
      throw new InvalidCors("Invalid maxAge " + v + ": must be between -1 and 86400");
    }
    throw new InvalidCors("Invalid corsConfiguration." + m + ": expected an integer");
  }

  private static List<String> strings(Map<String, ? extends @Nullable Object> json, String m) {
    Object v = json.get(m);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>(list.size());
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw new InvalidCors("Invalid corsConfiguration." + m + ": expected a list of strings");
        }
        out.add(s);
      }
      return out;
    }
    throw new InvalidCors("Invalid corsConfiguration." + m + ": expected a list of strings");
  }

  /** A refused configuration; the message is the {@code BadRequestException}'s. */
  public static final class InvalidCors extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidCors(String message) {
      super(message);
    }
  }
}
