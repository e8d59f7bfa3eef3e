package dev.turnpike.observe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Renders an {@link AccessLogEntry}: AWS's {@code $context} variables substituted into the stage's
 * format, or a JSON object of the standard variables when the stage sets none. Unknown variables
 * render as {@code -}, as AWS does for values it does not have.
 *
 * <p>One instance per log, used by its writer thread only (not thread-safe). A stage's format is
 * split into literal text and variable names once and kept, and every line is written as bytes into
 * the writer's {@link LineBuffer}: the S1 profiles showed the per-line regex, one string per quoted
 * value, and then the passes over every character (escape check, copy, UTF-8 encoding) as most of
 * the access-log thread's work.
 */
final class AccessLogFormat {
  private static final Pattern VARIABLE =
      Pattern.compile("\\$context\\.([A-Za-z0-9_.]+)|\\$\\{context\\.([A-Za-z0-9_.]+)}");

  /**
   * Formats are per stage; more distinct ones than this means they churn, so the cache starts over.
   */
  private static final int MAX_CACHED_FORMATS = 256;

  private final Map<String, List<Part>> compiled = new HashMap<>();

  /** Appends the line for {@code e}, without the newline, to {@code out}. */
  void render(AccessLogEntry e, LineBuffer out) {
    if (e.format() != null && !e.format().isBlank()) {
      for (Part part : compile(e.format())) {
        // Line feeds become spaces, in the format's text and in the values: one request, one line.
        out.text(part.variable() ? value(e, part.text()) : part.text());
      }
      return;
    }
    out.ascii("{\"requestId\":")
        .jsonString(e.requestId())
        .ascii(",\"extendedRequestId\":")
        .jsonString(e.extendedRequestId())
        .ascii(",\"ip\":")
        .jsonString(e.ip())
        .ascii(",\"requestTime\":")
        .jsonString(e.requestTime())
        .ascii(",\"httpMethod\":")
        .jsonString(e.httpMethod())
        .ascii(",\"resourcePath\":")
        .jsonString(value(e, "resourcePath"))
        .ascii(",\"path\":")
        .jsonString(e.path())
        .ascii(",\"status\":\"")
        .decimal(e.status())
        .ascii("\",\"protocol\":")
        .jsonString(e.protocol())
        .ascii(",\"responseLength\":\"")
        .decimal(e.responseLength())
        .ascii("\",\"integrationLatency\":")
        .jsonString(value(e, "integrationLatency"))
        .ascii(",\"responseLatency\":\"")
        .decimal(e.responseLatency())
        .ascii("\",\"apiId\":")
        .jsonString(value(e, "apiId"))
        .ascii(",\"stage\":")
        .jsonString(value(e, "stage"))
        .ascii("}");
  }

  private List<Part> compile(String format) {
    List<Part> parts = compiled.get(format);
    if (parts != null) {
      return parts;
    }
    parts = new ArrayList<>();
    Matcher m = VARIABLE.matcher(format);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        parts.add(new Part(format.substring(at, m.start()), false));
      }
      parts.add(new Part(m.group(1) != null ? m.group(1) : m.group(2), true));
      at = m.end();
    }
    if (at < format.length()) {
      parts.add(new Part(format.substring(at), false));
    }
    if (compiled.size() >= MAX_CACHED_FORMATS) {
      compiled.clear();
    }
    compiled.put(format, List.copyOf(parts));
    return parts;
  }

  /** Literal text, or the name of a {@code $context} variable. */
  private record Part(String text, boolean variable) {}

  /**
   * {@code $context.routeKey} of an HTTP API request: its route key ({@code $default} or {@code GET
   * /pets/{id}}), which the entry carries as its resource path; a REST resource path (always {@code
   * /…}, no space) has none.
   */
  private static @Nullable String routeKey(@Nullable String resourcePath) {
    return resourcePath != null
            && (resourcePath.equals("$default") || resourcePath.indexOf(' ') > 0)
        ? resourcePath
        : null;
  }

  static String value(AccessLogEntry e, String name) {
    String v =
        switch (name) {
          case "requestId" -> e.requestId();
          case "extendedRequestId" -> e.extendedRequestId();
          case "identity.sourceIp", "ip" -> e.ip();
          case "httpMethod" -> e.httpMethod();
          case "resourcePath" -> e.resourcePath();
          case "routeKey" -> routeKey(e.resourcePath());
          case "path" -> e.path();
          case "status" -> Integer.toString(e.status());
          case "protocol" -> e.protocol();
          case "responseLength" -> Long.toString(e.responseLength());
          case "requestTime" -> e.requestTime();
          case "requestTimeEpoch" -> Long.toString(e.requestTimeEpoch());
          case "apiId" -> e.apiId();
          case "stage" -> e.stage();
          case "accountId" -> e.accountId();
          case "integrationLatency", "integration.latency" ->
              e.integrationLatency() < 0 ? null : Long.toString(e.integrationLatency());
          case "responseLatency" -> Long.toString(e.responseLatency());
          case "error.message" -> e.errorMessage();
          case "error.responseType" -> e.errorResponseType();
          case "identity.clientCert.clientCertPem" ->
              e.clientCert() == null ? null : e.clientCert().clientCertPem();
          case "identity.clientCert.subjectDN" ->
              e.clientCert() == null ? null : e.clientCert().subjectDN();
          case "identity.clientCert.issuerDN" ->
              e.clientCert() == null ? null : e.clientCert().issuerDN();
          case "identity.clientCert.serialNumber" ->
              e.clientCert() == null ? null : e.clientCert().serialNumber();
          case "identity.clientCert.validity.notBefore" ->
              e.clientCert() == null ? null : e.clientCert().notBefore();
          case "identity.clientCert.validity.notAfter" ->
              e.clientCert() == null ? null : e.clientCert().notAfter();
          default ->
              name.startsWith("authorizer.") && e.authorizer() != null
                  ? e.authorizer().value(name.substring("authorizer.".length()))
                  : null;
        };
    return v == null ? "-" : v;
  }
}
