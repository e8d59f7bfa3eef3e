package dev.turnpike.control.iam;

import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.QueryErrorResponse;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * AWS's Query protocol as {@code iam} and {@code sts} speak it: parameters form-encoded in the POST
 * body (or the query string), responses {@code <ActionResponse
 * xmlns=…><ActionResult>…</ActionResult><ResponseMetadata> <RequestId>…} and errors {@code
 * <ErrorResponse><Error><Type>Sender</Type><Code/><Message/></Error><RequestId/>}.
 */
public final class QueryProtocol {
  public static final String IAM_NS = QueryErrorResponse.IAM_NS;
  public static final String STS_NS = QueryErrorResponse.STS_NS;

  private QueryProtocol() {}

  /** Form parameters of the body, then the query string (first value wins). */
  public static Map<String, String> params(byte[] body, String rawQuery) {
    Map<String, String> out = new HashMap<>();
    parseInto(new String(body, StandardCharsets.UTF_8), out);
    parseInto(rawQuery, out);
    return out;
  }

  private static void parseInto(String form, Map<String, String> out) {
    if (form.isEmpty()) {
      return;
    }
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.putIfAbsent(k, v);
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          400, "MalformedQueryString", "The query string is not valid form encoding");
    }
  }

  /**
   * A response for {@code action}; {@code result} is the inner XML of {@code <ActionResult>}, or
   * null for none.
   */
  public static ControlResponse ok(
      String ns, String action, @Nullable String result, String requestId) {
    StringBuilder b = new StringBuilder(256);
    b.append("<").append(action).append("Response xmlns=\"").append(ns).append("\">\n");
    if (result != null) {
      b.append("  <")
          .append(action)
          .append("Result>\n")
          .append(result)
          .append("  </")
          .append(action)
          .append("Result>\n");
    }
    b.append("  <ResponseMetadata>\n    <RequestId>")
        .append(requestId)
        .append("</RequestId>\n  </ResponseMetadata>\n")
        .append("</")
        .append(action)
        .append("Response>\n");
    return QueryErrorResponse.xml(200, b.toString(), requestId);
  }

  /** {@link QueryErrorResponse#of}. */
  public static ControlResponse error(String ns, ApiException e, String requestId) {
    return QueryErrorResponse.of(ns, e, requestId);
  }

  public static String requestId() {
    return UUID.randomUUID().toString();
  }

  /** {@code <name>escaped value</name>}, indented; nothing for a null value. */
  public static String el(String name, @Nullable Object value) {
    if (value == null) {
      return "";
    }
    return "<" + name + ">" + escape(String.valueOf(value)) + "</" + name + ">\n";
  }

  public static String date(long epochSeconds) {
    return Instant.ofEpochSecond(epochSeconds).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** IAM returns policy documents URL-encoded (botocore decodes them). */
  public static String urlEncode(String document) {
    return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public static String escape(String s) {
    return QueryErrorResponse.escape(s);
  }

  public static ApiException validation(String message) {
    return new ApiException(400, "ValidationError", message);
  }

  public static ApiException noSuchEntity(String message) {
    return new ApiException(404, "NoSuchEntity", message);
  }

  public static ApiException alreadyExists(String message) {
    return new ApiException(409, "EntityAlreadyExists", message);
  }

  public static ApiException malformedPolicy(String message) {
    return new ApiException(400, "MalformedPolicyDocument", message);
  }

  public static ApiException deleteConflict(String message) {
    return new ApiException(409, "DeleteConflict", message);
  }
}
