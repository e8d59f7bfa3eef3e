package dev.turnpike.observe;

import dev.turnpike.model.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an {@link AccessLogEntry}: AWS's {@code $context} variables substituted into the stage's format, or a JSON
 * object of the standard variables when the stage sets none. Unknown variables render as {@code -}, as AWS does
 * for values it does not have.
 */
final class AccessLogFormat {
  private static final Pattern VARIABLE = Pattern.compile("\\$context\\.([A-Za-z0-9_.]+)|\\$\\{context\\.([A-Za-z0-9_.]+)}");

  private AccessLogFormat() {}

  static String render(AccessLogEntry e) {
    if (e.format() != null && !e.format().isBlank()) {
      Matcher m = VARIABLE.matcher(e.format());
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        m.appendReplacement(b, Matcher.quoteReplacement(value(e, name)));
      }
      m.appendTail(b);
      return b.toString().replace('\n', ' ');
    }
    return "{\"requestId\":" + Json.quote(e.requestId())
        + ",\"extendedRequestId\":" + Json.quote(e.extendedRequestId())
        + ",\"ip\":" + Json.quote(e.ip())
        + ",\"requestTime\":" + Json.quote(e.requestTime())
        + ",\"httpMethod\":" + Json.quote(e.httpMethod())
        + ",\"resourcePath\":" + Json.quote(value(e, "resourcePath"))
        + ",\"path\":" + Json.quote(e.path())
        + ",\"status\":" + Json.quote(Integer.toString(e.status()))
        + ",\"protocol\":" + Json.quote(e.protocol())
        + ",\"responseLength\":" + Json.quote(Long.toString(e.responseLength()))
        + ",\"integrationLatency\":" + Json.quote(value(e, "integrationLatency"))
        + ",\"responseLatency\":" + Json.quote(Long.toString(e.responseLatency()))
        + ",\"apiId\":" + Json.quote(value(e, "apiId"))
        + ",\"stage\":" + Json.quote(value(e, "stage"))
        + "}";
  }

  static String value(AccessLogEntry e, String name) {
    String v = switch (name) {
      case "requestId" -> e.requestId();
      case "extendedRequestId" -> e.extendedRequestId();
      case "identity.sourceIp", "ip" -> e.ip();
      case "httpMethod" -> e.httpMethod();
      case "resourcePath" -> e.resourcePath();
      case "path" -> e.path();
      case "status" -> Integer.toString(e.status());
      case "protocol" -> e.protocol();
      case "responseLength" -> Long.toString(e.responseLength());
      case "requestTime" -> e.requestTime();
      case "requestTimeEpoch" -> Long.toString(e.requestTimeEpoch());
      case "apiId" -> e.apiId();
      case "stage" -> e.stage();
      case "accountId" -> e.accountId();
      case "integrationLatency", "integration.latency" -> e.integrationLatency() < 0 ? null : Long.toString(e.integrationLatency());
      case "responseLatency" -> Long.toString(e.responseLatency());
      case "error.message" -> e.errorMessage();
      case "error.responseType" -> e.errorResponseType();
      case "identity.clientCert.clientCertPem" -> e.clientCert() == null ? null : e.clientCert().clientCertPem();
      case "identity.clientCert.subjectDN" -> e.clientCert() == null ? null : e.clientCert().subjectDN();
      case "identity.clientCert.issuerDN" -> e.clientCert() == null ? null : e.clientCert().issuerDN();
      case "identity.clientCert.serialNumber" -> e.clientCert() == null ? null : e.clientCert().serialNumber();
      case "identity.clientCert.validity.notBefore" -> e.clientCert() == null ? null : e.clientCert().notBefore();
      case "identity.clientCert.validity.notAfter" -> e.clientCert() == null ? null : e.clientCert().notAfter();
      default -> null;
    };
    return v == null ? "-" : v;
  }
}
