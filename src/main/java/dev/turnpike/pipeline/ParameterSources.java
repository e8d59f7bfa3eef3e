package dev.turnpike.pipeline;

import dev.turnpike.snapshot.ParameterSource;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a compiled parameter-mapping source ({@link ParameterSource}, parsed once per
 * deployment) against one exchange, as API Gateway defines them for request parameters, integration
 * responses and gateway responses.
 */
public final class ParameterSources {
  private ParameterSources() {}

  /**
   * The value for a header, with each CR, LF, NUL and other control character but HTAB replaced by
   * a space (RFC 9110 5.5): a query string or authorizer context carrying {@code %0d%0a} never
   * splits a backend request or a client response into two, and never makes Netty's header
   * validation throw a gateway 500 (issue 22). Null when the source has none.
   */
  public static @Nullable String resolveHeader(
      ParameterSource source, Exchange ex, @Nullable HttpHeaders backendHeaders) {
    String v = resolve(source, ex, backendHeaders);
    return v == null ? null : headerValue(v);
  }

  /**
   * {@code value} with control characters but HTAB replaced by a space; itself when it has none.
   */
  public static String headerValue(String value) {
    int n = value.length();
    for (int i = 0; i < n; i++) {
      if (isControl(value.charAt(i))) {
        char[] c = value.toCharArray();
        for (int j = i; j < n; j++) {
          if (isControl(c[j])) {
            c[j] = ' ';
          }
        }
        return new String(c);
      }
    }
    return value;
  }

  private static boolean isControl(char c) {
    return (c < 0x20 && c != '\t') || c == 0x7F;
  }

  /** The value, or null when the source has none (the mapping is then skipped, as AWS does). */
  public static @Nullable String resolve(ParameterSource source, Exchange ex) {
    return resolve(source, ex, null);
  }

  /**
   * As {@link #resolve(ParameterSource, Exchange)}; {@code integration.response.header.x} reads
   * {@code backendHeaders} (integration responses), and has no value elsewhere.
   */
  public static @Nullable String resolve(
      ParameterSource source, Exchange ex, @Nullable HttpHeaders backendHeaders) {
    return switch (source.kind()) {
      case LITERAL -> source.name();
      case HEADER -> ex.headers.get(source.name());
      case QUERY -> {
        List<String> v = GatewayResponses.queryValues(ex, source.name());
        yield v.isEmpty() ? null : v.get(0);
      }
      case MULTI_VALUE_QUERY -> {
        List<String> v = GatewayResponses.queryValues(ex, source.name());
        yield v.isEmpty() ? null : String.join(",", v);
      }
      case PATH -> {
        String v = ex.route == null ? null : ex.route.pathParams().get(source.name());
        yield v == null ? null : TemplateInputs.decode(v);
      }
      case STAGE_VARIABLE -> ex.stage == null ? null : ex.stage.variables().get(source.name());
      case CONTEXT -> {
        Object v = lookup(TemplateInputs.context(ex), source.contextPath());
        yield v == null ? null : v.toString();
      }
      case INTEGRATION_RESPONSE_HEADER ->
          backendHeaders == null ? null : backendHeaders.get(source.name());
      case UNSUPPORTED -> null;
    };
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Object lookup(Map<String, Object> map, List<String> path) {
    Object cur = map;
    for (String part : path) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = ((Map<String, Object>) m).get(part);
    }
    return cur;
  }
}
