package dev.turnpike.pipeline;

import dev.turnpike.model.ClientCertificate;
import dev.turnpike.template.TemplateInput;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds what mapping templates read ({@code $input}, {@code $context}, {@code $stageVariables})
 * from an exchange. Only called when a template actually runs, so requests without templates never
 * pay for it.
 */
public final class TemplateInputs {
  /** {@code $context.requestTime}: {@code 04/Mar/2020:19:15:17 +0000} (spec 6.12). */
  public static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private TemplateInputs() {}

  public static TemplateInput of(Exchange ex, String body, @Nullable Map<String, Object> error) {
    Map<String, String> path = new LinkedHashMap<>();
    if (ex.route != null) {
      ex.route.pathParams().forEach((k, v) -> path.put(k, decode(v)));
    }
    Map<String, List<String>> query =
        new LinkedHashMap<>(new QueryStringDecoder("?" + ex.rawQuery).parameters());
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : ex.headers) {
      headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue());
    }
    Map<String, Object> context = context(ex);
    if (error != null) {
      context.put("error", error);
    }
    Map<String, String> stageVariables = ex.stage == null ? Map.of() : ex.stage.variables();
    return new TemplateInput(body, path, query, headers, context, stageVariables);
  }

  /** The {@code $context} variables API Gateway documents, as far as Turnpike knows them. */
  public static Map<String, Object> context(Exchange ex) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("requestId", ex.requestId);
    c.put("extendedRequestId", ex.extendedRequestId);
    c.put("httpMethod", ex.method);
    c.put("protocol", ex.protocol);
    c.put("requestTime", REQUEST_TIME.format(Instant.ofEpochMilli(ex.requestTimeEpochMillis)));
    c.put("requestTimeEpoch", ex.requestTimeEpochMillis);
    c.put("path", ex.rawPath);
    if (ex.api != null) {
      c.put("apiId", ex.api.apiId());
      c.put("accountId", ex.api.accountId());
    }
    if (ex.stage != null) {
      c.put("stage", ex.stage.stageName());
      c.put("deploymentId", ex.stage.deploymentId());
    }
    if (ex.route != null) {
      c.put("resourcePath", ex.route.resourcePath());
      c.put("resourceId", ex.route.resourceId());
    }
    String host = ex.host();
    if (host != null) {
      c.put("domainName", host);
      int dot = host.indexOf('.');
      c.put("domainPrefix", dot < 0 ? host : host.substring(0, dot));
    }
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("sourceIp", ex.sourceIp);
    String ua = ex.headers.get("User-Agent");
    if (ua != null) {
      identity.put("userAgent", ua);
    }
    if (ex.caller != null) { // AWS_IAM callers (spec 5.5)
      identity.put("accountId", ex.caller.accountId());
      identity.put("caller", ex.caller.userId());
      identity.put("user", ex.caller.userId());
      identity.put("userArn", ex.caller.arn());
      identity.put("accessKey", ex.callerAccessKeyId);
    }
    if (ex.clientCert != null) { // mutual-TLS domains (spec 3.6)
      identity.put("clientCert", clientCert(ex.clientCert));
    }
    c.put("identity", identity);
    AuthorizerContext authorizer = ex.authorizer;
    if (authorizer != null) { // $context.authorizer.principalId, .{key}, .claims.{claim} (8.5)
      Map<String, Object> a = new LinkedHashMap<>();
      if (authorizer.principalId() != null) {
        a.put("principalId", authorizer.principalId());
      }
      authorizer.context().forEach((k, v) -> a.put(k, v.toString()));
      if (authorizer.claims() != null) {
        a.put("claims", authorizer.claims());
      }
      c.put("authorizer", a);
    }
    return c;
  }

  /** {@code $context.identity.clientCert}: AWS's member names, validity nested. */
  static Map<String, Object> clientCert(ClientCertificate cert) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("clientCertPem", cert.clientCertPem());
    m.put("subjectDN", cert.subjectDN());
    m.put("issuerDN", cert.issuerDN());
    m.put("serialNumber", cert.serialNumber());
    Map<String, Object> validity = new LinkedHashMap<>();
    validity.put("notBefore", cert.notBefore());
    validity.put("notAfter", cert.notAfter());
    m.put("validity", validity);
    return m;
  }

  static String decode(String raw) {
    return raw.indexOf('%') < 0
        ? raw
        : QueryStringDecoder.decodeComponent(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
