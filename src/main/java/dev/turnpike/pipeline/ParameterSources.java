package dev.turnpike.pipeline;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a parameter-mapping source expression as API Gateway defines them for request parameters, integration
 * responses and gateway responses: {@code 'literal'}, {@code method.request.header.x},
 * {@code method.request.querystring.x}, {@code method.request.path.x}, {@code stageVariables.x}, {@code context.x}.
 */
public final class ParameterSources {
  private ParameterSources() {}

  /** The value, or null when the source has none (the mapping is then skipped, as AWS does). */
  public static @Nullable String resolve(String source, Exchange ex) {
    if (source.length() >= 2 && source.startsWith("'") && source.endsWith("'")) {
      return source.substring(1, source.length() - 1);
    }
    if (source.startsWith("method.request.header.")) {
      return ex.headers.get(source.substring("method.request.header.".length()));
    }
    if (source.startsWith("method.request.querystring.")) {
      List<String> v = GatewayResponses.queryValues(ex, source.substring("method.request.querystring.".length()));
      return v.isEmpty() ? null : v.get(0);
    }
    if (source.startsWith("method.request.multivaluequerystring.")) {
      List<String> v = GatewayResponses.queryValues(ex, source.substring("method.request.multivaluequerystring.".length()));
      return v.isEmpty() ? null : String.join(",", v);
    }
    if (source.startsWith("method.request.path.")) {
      String v = ex.route == null ? null : ex.route.pathParams().get(source.substring("method.request.path.".length()));
      return v == null ? null : TemplateInputs.decode(v);
    }
    if (source.startsWith("stageVariables.")) {
      return ex.stage == null ? null : ex.stage.variables().get(source.substring("stageVariables.".length()));
    }
    if (source.startsWith("context.")) {
      Object v = lookup(TemplateInputs.context(ex), source.substring("context.".length()));
      return v == null ? null : v.toString();
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Object lookup(java.util.Map<String, Object> map, String dotted) {
    Object cur = map;
    for (String part : dotted.split("\\.")) {
      if (!(cur instanceof java.util.Map<?, ?> m)) {
        return null;
      }
      cur = ((java.util.Map<String, Object>) m).get(part);
    }
    return cur;
  }
}
