package dev.turnpike.integration;

import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.ParameterSources;
import dev.turnpike.pipeline.StageVariables;
import dev.turnpike.routing.RequestTarget;
import dev.turnpike.snapshot.CompiledIntegration;
import dev.turnpike.snapshot.ParameterMapping;
import dev.turnpike.snapshot.ParameterSource;
import dev.turnpike.snapshot.RequestMappings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Resolves an integration URI for one request (spec 6.10): {@code ${stageVariables.x}} anywhere in
 * it, {@code {name}} path variables from {@code integration.request.path.name} mappings (or, when
 * the integration maps none, the method's path parameter of the same name, as the console's proxy
 * setup does), and query parameters from {@code integration.request.querystring.x} mappings.
 * HTTP_PROXY also forwards the client's query string.
 */
final class BackendUris {
  private BackendUris() {}

  /**
   * The integration's backend URI for this request; the precompiled one when nothing varies per
   * request.
   */
  static @Nullable URI resolve(Exchange ex, CompiledIntegration in, boolean forwardClientQuery) {
    URI fixed = in.staticUri();
    if (fixed != null && (!forwardClientQuery || ex.rawQuery.isEmpty())) {
      return fixed;
    }
    return resolve(ex, in.uri(), in.mappings(), forwardClientQuery);
  }

  /**
   * The backend URI, or null when it does not resolve to an absolute http(s) URI (a configuration
   * error).
   */
  static @Nullable URI resolve(
      Exchange ex, String template, RequestMappings mappings, boolean forwardClientQuery) {
    String uri = substituteStageVariables(template, ex);
    // Sized for the forwarded client query too (a presigned query is ~600 bytes): one buffer, no
    // regrowth copies.
    StringBuilder b = new StringBuilder(uri.length() + 32 + ex.rawQuery.length());
    int i = 0;
    while (i < uri.length()) {
      char c = uri.charAt(i);
      int close = c == '{' ? uri.indexOf('}', i) : -1;
      if (close < 0) {
        b.append(c);
        i++;
        continue;
      }
      String name = uri.substring(i + 1, close);
      b.append(pathValue(ex, name, mappings));
      i = close + 1;
    }
    // Query parameters go straight after the path: '?' first unless the template has a query, '&'
    // between.
    char separator = b.indexOf("?") < 0 ? '?' : '&';
    for (ParameterMapping m : mappings.queries()) {
      String v = ParameterSources.resolve(m.source(), ex);
      if (v != null) {
        b.append(separator).append(encode(m.target())).append('=').append(encode(v));
        separator = '&';
      }
    }
    if (forwardClientQuery && !ex.rawQuery.isEmpty()) {
      b.append(separator).append(ex.rawQuery);
    }
    try {
      URI out = URI.create(b.toString());
      String scheme = out.getScheme();
      // Never a path that climbs out of the integration URI's prefix, whatever filled it in
      // (a header mapped into {name}, a stage variable): issue 22.
      String rawPath = out.getRawPath();
      if (rawPath != null && RequestTarget.climbs(rawPath)) {
        return null;
      }
      if (out.getHost() == null
          || scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
        return null;
      }
      return out;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * A {@code {name}} of the URI: the method's path parameter as sent (already percent-encoded) when
   * the mapping is one, or when there is no mapping, the path parameter of the same name; any other
   * source is encoded.
   */
  private static String pathValue(Exchange ex, String name, RequestMappings mappings) {
    ParameterSource mapping = mappings.paths().get(name);
    if (mapping == null || mapping.kind() == ParameterSource.Kind.PATH) {
      String raw =
          ex.route == null
              ? null
              : ex.route.pathParams().get(mapping == null ? name : mapping.name());
      return raw == null ? "" : raw;
    }
    String v = ParameterSources.resolve(mapping, ex);
    return v == null ? "" : encode(v).replace("%2F", "/");
  }

  private static String substituteStageVariables(String template, Exchange ex) {
    return StageVariables.substitute(template, ex);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
