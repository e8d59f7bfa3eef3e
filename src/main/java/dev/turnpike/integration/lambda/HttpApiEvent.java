package dev.turnpike.integration.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.TemplateInputs;
import dev.turnpike.snapshot.CompiledHttpIntegration;
import dev.turnpike.snapshot.CompiledHttpStage;
import dev.turnpike.snapshot.CompiledRoute;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The events an HTTP API sends a Lambda function (spec 6.6, http-api-develop-integrations-lambda
 * .md). Payload 2.0: {@code version}, {@code routeKey}, {@code rawPath}, {@code rawQueryString},
 * {@code cookies} (the {@code Cookie} headers split at {@code ;}, and not among the headers),
 * {@code headers} with lower-cased names and repeated headers joined with commas, {@code
 * queryStringParameters} (repeated names joined with commas), {@code requestContext} ({@code http}
 * with method, path, protocol, sourceIp, userAgent; {@code time}, {@code timeEpoch}), {@code
 * pathParameters}, {@code stageVariables}, {@code body}, {@code isBase64Encoded}; members without a
 * value are left out. Payload 1.0 as HTTP APIs send it: REST's shape with {@code version "1.0"} and
 * lower-cased header names. A JWT authorizer's claims and scopes go to {@code
 * requestContext.authorizer.jwt} (2.0) or {@code requestContext.authorizer} (1.0), a Lambda
 * authorizer's context to {@code requestContext.authorizer.lambda} (2.0) or {@code
 * requestContext.authorizer} with its {@code principalId} (1.0, [UNCONF]). A body whose content
 * type is not text is sent base64-encoded.
 */
public final class HttpApiEvent {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HttpApiEvent() {}

  /** The event of the payload format version {@code in} names. */
  static byte[] build(Exchange ex, CompiledHttpIntegration in) {
    return "1.0".equals(in.payloadFormatVersion()) ? v1(ex) : v2(ex);
  }

  static byte[] v2(Exchange ex) {
    Map<String, Object> e = v2Map(ex);
    putBody(ex, e);
    return write(e);
  }

  /**
   * The event of an HTTP API Lambda ({@code REQUEST}) authorizer (spec 8.7): payload 2.0 is the 2.0
   * request without its body plus {@code type}, {@code routeArn} and {@code identitySource} (the
   * sources' values); payload 1.0 is the 1.0 request without its body plus {@code type}, {@code
   * methodArn}, {@code identitySource} and {@code authorizationToken} (the values joined with
   * commas).
   */
  public static byte[] authorizer(
      Exchange ex, String payloadFormatVersion, String routeArn, List<String> identity) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("version", payloadFormatVersion);
    e.put("type", "REQUEST");
    if ("1.0".equals(payloadFormatVersion)) {
      e.put("methodArn", routeArn);
      e.put("identitySource", String.join(",", identity));
      e.put("authorizationToken", String.join(",", identity));
      Map<String, Object> rest = v1Map(ex);
      rest.remove("version");
      rest.remove("body");
      rest.remove("isBase64Encoded");
      e.putAll(rest);
    } else {
      e.put("routeArn", routeArn);
      e.put("identitySource", identity);
      Map<String, Object> rest = v2Map(ex);
      rest.remove("version");
      e.putAll(rest);
    }
    return write(e);
  }

  private static Map<String, Object> v2Map(Exchange ex) {
    CompiledHttpStage stage = ex.httpStage();
    CompiledRoute route = ex.httpRoute();
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("version", "2.0");
    e.put("routeKey", route.routeKey());
    e.put("rawPath", ex.rawPath);
    e.put("rawQueryString", ex.rawQuery);
    List<String> cookies = cookies(ex);
    if (!cookies.isEmpty()) {
      e.put("cookies", cookies);
    }
    e.put("headers", headers(ex, false));
    Map<String, String> query = joinedQuery(ex);
    if (!query.isEmpty()) {
      e.put("queryStringParameters", query);
    }
    Map<String, Object> http = new LinkedHashMap<>();
    http.put("method", ex.method);
    http.put("path", ex.rawPath);
    http.put("protocol", ex.protocol);
    http.put("sourceIp", ex.sourceIp);
    http.put("userAgent", orEmpty(ex.headers.get("User-Agent")));
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("accountId", stage.accountId());
    ctx.put("apiId", stage.apiId());
    if (ex.jwt != null) {
      Map<String, Object> jwt = new LinkedHashMap<>();
      jwt.put("claims", ex.jwt.claims());
      jwt.put("scopes", ex.jwt.scopes());
      ctx.put("authorizer", Map.of("jwt", jwt));
    } else if (ex.authorizer != null) {
      ctx.put("authorizer", Map.of("lambda", ex.authorizer.context()));
    }
    String domain = domainName(ex);
    ctx.put("domainName", domain);
    ctx.put("domainPrefix", domainPrefix(domain));
    ctx.put("http", http);
    ctx.put("requestId", ex.extendedRequestId);
    ctx.put("routeKey", route.routeKey());
    ctx.put("stage", stage.stageName());
    ctx.put("time", requestTime(ex));
    ctx.put("timeEpoch", ex.requestTimeEpochMillis);
    e.put("requestContext", ctx);
    Map<String, String> params = decodedPathParameters(ex);
    if (!params.isEmpty()) {
      e.put("pathParameters", params);
    }
    if (!stage.variables().isEmpty()) {
      e.put("stageVariables", stage.variables());
    }
    return e;
  }

  static byte[] v1(Exchange ex) {
    Map<String, Object> e = v1Map(ex);
    if (!putBody(ex, e)) {
      e.put("body", null);
    }
    return write(e);
  }

  private static Map<String, Object> v1Map(Exchange ex) {
    CompiledHttpStage stage = ex.httpStage();
    CompiledRoute route = ex.httpRoute();
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("version", "1.0");
    String resource = route.routeKey().startsWith("$") ? "$default" : pathOf(route.routeKey());
    e.put("resource", resource);
    e.put("path", ex.rawPath);
    e.put("httpMethod", ex.method);
    e.put("headers", headers(ex, true));
    e.put("multiValueHeaders", multiHeaders(ex));
    QueryStringDecoder q = new QueryStringDecoder("?" + ex.rawQuery);
    Map<String, String> single = new LinkedHashMap<>();
    Map<String, List<String>> multi = new LinkedHashMap<>();
    q.parameters()
        .forEach(
            (k, v) -> {
              single.put(k, v.get(v.size() - 1));
              multi.put(k, v);
            });
    e.put("queryStringParameters", single.isEmpty() ? null : single);
    e.put("multiValueQueryStringParameters", multi.isEmpty() ? null : multi);
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("sourceIp", ex.sourceIp);
    identity.put("userAgent", orEmpty(ex.headers.get("User-Agent")));
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("accountId", stage.accountId());
    ctx.put("apiId", stage.apiId());
    if (ex.jwt != null) {
      Map<String, Object> jwt = new LinkedHashMap<>();
      jwt.put("claims", ex.jwt.claims());
      jwt.put("scopes", ex.jwt.scopes());
      ctx.put("authorizer", jwt);
    } else if (ex.authorizer != null) {
      Map<String, Object> lambda = new LinkedHashMap<>(ex.authorizer.context());
      if (ex.authorizer.principalId() != null) {
        lambda.put("principalId", ex.authorizer.principalId());
      }
      ctx.put("authorizer", lambda);
    }
    String domain = domainName(ex);
    ctx.put("domainName", domain);
    ctx.put("domainPrefix", domainPrefix(domain));
    ctx.put("extendedRequestId", ex.extendedRequestId);
    ctx.put("httpMethod", ex.method);
    ctx.put("identity", identity);
    ctx.put("path", ex.rawPath);
    ctx.put("protocol", ex.protocol);
    ctx.put("requestId", ex.extendedRequestId);
    ctx.put("requestTime", requestTime(ex));
    ctx.put("requestTimeEpoch", ex.requestTimeEpochMillis);
    ctx.put("resourceId", route.routeKey());
    ctx.put("resourcePath", resource);
    ctx.put("stage", stage.stageName());
    e.put("requestContext", ctx);
    Map<String, String> params = decodedPathParameters(ex);
    e.put("pathParameters", params.isEmpty() ? null : params);
    e.put("stageVariables", stage.variables().isEmpty() ? null : stage.variables());
    return e;
  }

  private static String pathOf(String routeKey) {
    int space = routeKey.indexOf(' ');
    return space < 0 ? routeKey : routeKey.substring(space + 1);
  }

  /** Puts {@code body} and {@code isBase64Encoded}; false when there is no body. */
  private static boolean putBody(Exchange ex, Map<String, Object> e) {
    if (ex.body.length == 0) {
      e.put("isBase64Encoded", false);
      return false;
    }
    boolean text = isText(ex.headers.get("Content-Type"));
    e.put(
        "body",
        text
            ? new String(ex.body, StandardCharsets.UTF_8)
            : Base64.getEncoder().encodeToString(ex.body));
    e.put("isBase64Encoded", !text);
    return true;
  }

  /** Text bodies are sent as they are; anything else (or no content type) base64-encoded. */
  static boolean isText(String contentType) {
    if (contentType == null) {
      return false;
    }
    String t = contentType.toLowerCase(Locale.ROOT);
    return t.startsWith("text/")
        || t.contains("json")
        || t.contains("xml")
        || t.contains("javascript")
        || t.startsWith("application/x-www-form-urlencoded");
  }

  private static List<String> cookies(Exchange ex) {
    List<String> out = new ArrayList<>();
    for (String c : ex.headers.getAll("Cookie")) {
      for (String part : c.split(";")) {
        String p = part.trim();
        if (!p.isEmpty()) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /**
   * Lower-cased names, repeated headers joined with commas; 2.0 leaves {@code cookie} to {@code
   * cookies}. API Gateway's own {@code x-amzn-trace-id}, {@code x-forwarded-for} and {@code
   * x-forwarded-proto} are added as the documented events show them.
   */
  private static Map<String, String> headers(Exchange ex, boolean keepCookie) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : ex.headers) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (!keepCookie && name.equals("cookie")) {
        continue;
      }
      out.merge(name, h.getValue(), (a, b) -> a + "," + b);
    }
    out.putIfAbsent("x-amzn-trace-id", ex.traceId());
    out.merge("x-forwarded-for", ex.sourceIp, (a, b) -> a + ", " + b);
    out.putIfAbsent("x-forwarded-proto", ex.secure ? "https" : "http");
    return out;
  }

  private static Map<String, List<String>> multiHeaders(Exchange ex) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : ex.headers) {
      out.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(h.getValue());
    }
    return out;
  }

  private static Map<String, String> joinedQuery(Exchange ex) {
    Map<String, String> out = new LinkedHashMap<>();
    if (ex.rawQuery.isEmpty()) {
      return out;
    }
    new QueryStringDecoder("?" + ex.rawQuery)
        .parameters()
        .forEach((k, v) -> out.put(k, String.join(",", v)));
    return out;
  }

  private static Map<String, String> decodedPathParameters(Exchange ex) {
    Map<String, String> out = new LinkedHashMap<>();
    if (ex.httpRoute != null) {
      ex.httpRoute
          .pathParams()
          .forEach((k, v) -> out.put(k, QueryStringDecoder.decodeComponent(v.replace("+", "%2B"))));
    }
    return out;
  }

  private static String domainName(Exchange ex) {
    String host = ex.host();
    if (host == null) {
      return "";
    }
    int colon = host.lastIndexOf(':');
    return colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
  }

  private static String domainPrefix(String domain) {
    int dot = domain.indexOf('.');
    return dot < 0 ? domain : domain.substring(0, dot);
  }

  private static String requestTime(Exchange ex) {
    return TemplateInputs.REQUEST_TIME.format(Instant.ofEpochMilli(ex.requestTimeEpochMillis));
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static byte[] write(Map<String, Object> e) {
    try {
      return MAPPER.writeValueAsBytes(e);
    } catch (JsonProcessingException x) {
      throw new IllegalStateException("event not serializable", x);
    }
  }
}
