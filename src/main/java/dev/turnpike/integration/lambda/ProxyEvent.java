package dev.turnpike.integration.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.turnpike.auth.iam.Caller;
import dev.turnpike.pipeline.AuthorizerContext;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.ParameterSources;
import dev.turnpike.pipeline.TemplateInputs;
import dev.turnpike.snapshot.CompiledIntegration;
import dev.turnpike.snapshot.ParameterMapping;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The REST API Lambda proxy event, payload format 1.0 (spec 6.4, recorded): members in AWS's order;
 * {@code headers} last-wins and {@code multiValueHeaders} every value, names as sent, with the
 * headers API Gateway adds ({@code X-Forwarded-For/Port/Proto}, {@code X-Amzn-Trace-Id}); query
 * parameters decoded ({@code +} is a space, {@code %2B} a plus), {@code null} without a query; path
 * parameters as sent; {@code null} for no body, no stage variables, no path parameters; the full
 * {@code requestContext}. The integration's header and query-string mappings apply on top.
 */
public final class ProxyEvent {
  private static final JsonFactory JSON = new JsonFactory();

  private ProxyEvent() {}

  /** The event for {@code ex}, as UTF-8 JSON bytes. */
  static byte[] build(Exchange ex, CompiledIntegration in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + ex.body.length);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      write(g, ex, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }

  /**
   * The event of a REQUEST authorizer (spec 8.2): {@code type}, {@code methodArn}, then the proxy
   * event's request fields as the client sent them (no integration mappings), without {@code body}.
   */
  public static byte[] authorizerRequest(Exchange ex, String methodArn) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", "REQUEST");
      g.writeStringField("methodArn", methodArn);
      fields(g, ex, null);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator g, Exchange ex, CompiledIntegration in)
      throws IOException {
    g.writeStartObject();
    fields(g, ex, in);
    // A body whose Content-Type is one of the API's binary media types goes base64-encoded with
    // isBase64Encoded true; any other as text (spec 11.3).
    boolean binary =
        ex.body.length > 0
            && ex.stage().content().binary().matches(ex.headers.get(HttpHeaderNames.CONTENT_TYPE));
    if (ex.body.length == 0) {
      g.writeNullField("body");
    } else if (binary) {
      g.writeStringField("body", Base64.getEncoder().encodeToString(ex.body));
    } else {
      g.writeStringField("body", new String(ex.body, StandardCharsets.UTF_8));
    }
    g.writeBooleanField("isBase64Encoded", binary);
    g.writeEndObject();
  }

  /** The request's fields shared by the proxy event and the REQUEST authorizer's event. */
  private static void fields(JsonGenerator g, Exchange ex, @Nullable CompiledIntegration in)
      throws IOException {
    g.writeStringField("resource", ex.route().resourcePath());
    g.writeStringField("path", eventPath(ex));
    g.writeStringField("httpMethod", ex.method);
    Map<String, List<String>> headers = headers(ex, in);
    g.writeObjectFieldStart("headers");
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      List<String> values = h.getValue();
      g.writeStringField(h.getKey(), values.get(values.size() - 1));
    }
    g.writeEndObject();
    writeMulti(g, "multiValueHeaders", headers);
    Map<String, List<String>> query = query(ex, in);
    if (query.isEmpty()) {
      g.writeNullField("queryStringParameters");
      g.writeNullField("multiValueQueryStringParameters");
    } else {
      g.writeObjectFieldStart("queryStringParameters");
      for (Map.Entry<String, List<String>> q : query.entrySet()) {
        List<String> values = q.getValue();
        g.writeStringField(q.getKey(), values.get(values.size() - 1));
      }
      g.writeEndObject();
      writeMulti(g, "multiValueQueryStringParameters", query);
    }
    writeStrings(g, "pathParameters", ex.route().pathParams());
    writeStrings(g, "stageVariables", ex.stage().variables());
    requestContext(g, ex);
  }

  private static void requestContext(JsonGenerator g, Exchange ex) throws IOException {
    String domain = domainName(ex);
    g.writeObjectFieldStart("requestContext");
    g.writeStringField("resourceId", ex.route().resourceId());
    authorizer(g, ex);
    g.writeStringField("resourcePath", ex.route().resourcePath());
    g.writeStringField("httpMethod", ex.method);
    g.writeStringField("extendedRequestId", ex.extendedRequestId);
    g.writeStringField(
        "requestTime",
        TemplateInputs.REQUEST_TIME.format(Instant.ofEpochMilli(ex.requestTimeEpochMillis)));
    g.writeStringField("path", contextPath(ex));
    g.writeStringField("accountId", ex.stage().accountId());
    g.writeStringField("protocol", ex.protocol);
    g.writeStringField("stage", ex.stage().stageName());
    int dot = domain.indexOf('.');
    g.writeStringField("domainPrefix", dot < 0 ? domain : domain.substring(0, dot));
    g.writeNumberField("requestTimeEpoch", ex.requestTimeEpochMillis);
    g.writeStringField("requestId", ex.requestId);
    identity(g, ex);
    g.writeStringField("domainName", domain);
    g.writeStringField("deploymentId", ex.stage().deploymentId());
    g.writeStringField("apiId", ex.api().apiId());
    g.writeEndObject();
  }

  /**
   * {@code requestContext.authorizer} (spec 8.5): the principal, the authorizer's latency (0 from
   * the cache) and its context with the function's value types; Cognito: the claims as strings.
   */
  private static void authorizer(JsonGenerator g, Exchange ex) throws IOException {
    AuthorizerContext a = ex.authorizer;
    if (a == null) {
      return;
    }
    g.writeObjectFieldStart("authorizer");
    if (a.claims() != null) {
      g.writeObjectFieldStart("claims");
      for (Map.Entry<String, String> c : a.claims().entrySet()) {
        g.writeStringField(c.getKey(), c.getValue());
      }
      g.writeEndObject();
    } else {
      nullable(g, "principalId", a.principalId());
      g.writeNumberField("integrationLatency", a.latencyMillis());
      for (Map.Entry<String, Object> c : a.context().entrySet()) {
        Object v = c.getValue();
        if (v instanceof Boolean b) {
          g.writeBooleanField(c.getKey(), b);
        } else if (v instanceof Number n) {
          g.writeFieldName(c.getKey());
          g.writeNumber(n.toString());
        } else {
          g.writeStringField(c.getKey(), String.valueOf(v));
        }
      }
    }
    g.writeEndObject();
  }

  private static void identity(JsonGenerator g, Exchange ex) throws IOException {
    Caller caller = ex.caller != null && !ex.caller.anonymous() ? ex.caller : null;
    g.writeObjectFieldStart("identity");
    g.writeNullField("cognitoIdentityPoolId");
    if (ex.keyGrant != null) {
      g.writeStringField("apiKey", ex.headers.get("x-api-key"));
      g.writeStringField("apiKeyId", ex.keyGrant.keyId());
    }
    nullable(g, "accountId", caller == null ? null : caller.accountId());
    g.writeNullField("cognitoIdentityId");
    nullable(g, "caller", caller == null ? null : caller.userId());
    g.writeStringField("sourceIp", ex.sourceIp);
    g.writeNullField("principalOrgId");
    nullable(g, "accessKey", caller == null ? null : ex.callerAccessKeyId);
    g.writeNullField("cognitoAuthenticationType");
    g.writeNullField("cognitoAuthenticationProvider");
    nullable(g, "userArn", caller == null ? null : caller.arn());
    nullable(g, "userAgent", ex.headers.get("User-Agent"));
    nullable(g, "user", caller == null ? null : caller.userId());
    g.writeEndObject();
  }

  /**
   * The client's headers in arrival order, names as sent, then those API Gateway adds; mapped
   * {@code integration.request.header.*} values replace a header of the same name.
   */
  private static Map<String, List<String>> headers(Exchange ex, @Nullable CompiledIntegration in) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : ex.headers) {
      headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>(1)).add(h.getValue());
    }
    String forwarded = ex.headers.get("X-Forwarded-For");
    put(
        headers,
        "X-Forwarded-For",
        forwarded == null || forwarded.isBlank() ? ex.sourceIp : forwarded + ", " + ex.sourceIp);
    put(headers, "X-Forwarded-Port", forwardedPort(ex));
    put(headers, "X-Forwarded-Proto", ex.secure ? "https" : "http");
    put(headers, "X-Amzn-Trace-Id", ex.traceId());
    for (ParameterMapping m : in == null ? List.<ParameterMapping>of() : in.mappings().headers()) {
      String v = ParameterSources.resolve(m.source(), ex);
      if (v != null) {
        put(headers, m.target(), v);
      }
    }
    return headers;
  }

  /** Sets {@code name} to one value, replacing any spelling of it the client sent. */
  private static void put(Map<String, List<String>> headers, String name, String value) {
    headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
    headers.put(name, List.of(value));
  }

  private static String forwardedPort(Exchange ex) {
    String host = ex.host();
    if (host != null) {
      int colon = host.lastIndexOf(':');
      if (colon > 0 && host.indexOf(']', colon) < 0) {
        return host.substring(colon + 1);
      }
    }
    return ex.secure ? "443" : "80";
  }

  /**
   * The query string decoded (spec 6.2: {@code &} and {@code ;} separate parameters, {@code +} is a
   * space), then the integration's query-string mappings.
   */
  private static Map<String, List<String>> query(Exchange ex, @Nullable CompiledIntegration in) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    String raw = ex.rawQuery;
    if (!raw.isEmpty()) {
      int i = 0;
      while (i <= raw.length()) {
        int end = i;
        while (end < raw.length() && raw.charAt(end) != '&' && raw.charAt(end) != ';') {
          end++;
        }
        if (end > i) {
          String part = raw.substring(i, end);
          int eq = part.indexOf('=');
          String name = decode(eq < 0 ? part : part.substring(0, eq));
          String value = eq < 0 ? "" : decode(part.substring(eq + 1));
          query.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        i = end + 1;
      }
    }
    for (ParameterMapping m : in == null ? List.<ParameterMapping>of() : in.mappings().queries()) {
      String v = ParameterSources.resolve(m.source(), ex);
      if (v != null) {
        query.put(m.target(), List.of(v));
      }
    }
    return query;
  }

  /**
   * Form decoding that never throws: a {@code %} not followed by two hex digits stays as sent
   * (hostile or sloppy clients must not turn into a gateway error here).
   */
  static String decode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    byte[] out = new byte[s.length()];
    int n = 0;
    StringBuilder text = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int hi = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
      int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
      if (hi >= 0 && lo >= 0) {
        out[n++] = (byte) ((hi << 4) | lo);
        i += 2;
        continue;
      }
      if (n > 0) {
        text.append(new String(out, 0, n, StandardCharsets.UTF_8));
        n = 0;
      }
      text.append(c == '+' ? ' ' : c);
    }
    if (n > 0) {
      text.append(new String(out, 0, n, StandardCharsets.UTF_8));
    }
    return text.toString();
  }

  /** {@code path}: the resource path as requested (after the stage, or the whole custom path). */
  private static String eventPath(Exchange ex) {
    if (ex.domain != null) {
      return ex.rawPath;
    }
    String p = ex.stagePath;
    return p == null || p.isEmpty() ? "/" : p;
  }

  /** {@code requestContext.path}: with the stage on execute-api hosts ({@code /test/pets}). */
  private static String contextPath(Exchange ex) {
    if (ex.domain != null) {
      return ex.rawPath;
    }
    String p = ex.stagePath == null ? "" : ex.stagePath;
    return "/" + ex.stage().stageName() + (p.equals("/") ? "/" : p);
  }

  /** The Host the client named, without its port. */
  private static String domainName(Exchange ex) {
    String host = ex.host();
    if (host == null) {
      return "";
    }
    int colon = host.lastIndexOf(':');
    return colon > 0 && host.indexOf(']', colon) < 0 ? host.substring(0, colon) : host;
  }

  private static void writeMulti(JsonGenerator g, String field, Map<String, List<String>> values)
      throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      g.writeArrayFieldStart(e.getKey());
      for (String v : e.getValue()) {
        g.writeString(v);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void writeStrings(JsonGenerator g, String field, Map<String, String> values)
      throws IOException {
    if (values.isEmpty()) {
      g.writeNullField(field);
      return;
    }
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, String> e : values.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static void nullable(JsonGenerator g, String field, @Nullable String value)
      throws IOException {
    if (value == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, value);
    }
  }
}
