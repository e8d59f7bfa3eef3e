package dev.turnpike.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The document's base path and what {@code basepath=ignore|prepend|split} makes of a path (spec
 * 10.2, recorded): Swagger's {@code basePath}; OpenAPI 3's {@code basePath} server variable of the
 * first server (its default), else the path of that server's {@code url} with its variables'
 * defaults filled in. {@code prepend} puts the whole base path in front, {@code split} all of it
 * but its first segment, {@code ignore} nothing.
 */
final class BasePath {
  private BasePath() {}

  static String of(JsonNode doc, OpenApiVersion version) {
    if (version == OpenApiVersion.SWAGGER_2) {
      return normalize(Nodes.text(doc, "basePath"));
    }
    JsonNode servers = doc.get("servers");
    if (servers == null || !servers.isArray() || servers.isEmpty()) {
      return "";
    }
    JsonNode server = servers.get(0);
    Map<String, JsonNode> variables = Nodes.fields(server, "variables");
    JsonNode basePathVar = variables.get("basePath");
    if (basePathVar != null) {
      return normalize(Nodes.text(basePathVar, "default"));
    }
    String url = Nodes.text(server, "url");
    if (url == null) {
      return "";
    }
    for (Map.Entry<String, JsonNode> v : variables.entrySet()) {
      String def = Nodes.text(v.getValue(), "default");
      url = url.replace("{" + v.getKey() + "}", def == null ? "" : def);
    }
    int scheme = url.indexOf("://");
    if (scheme >= 0) {
      int slash = url.indexOf('/', scheme + 3);
      url = slash < 0 ? "" : url.substring(slash);
    }
    return normalize(url);
  }

  /** {@code path} of the document as the resource path the mode makes of it. */
  static String apply(String base, ImportOptions.BasePathMode mode, String path) {
    String prefix =
        switch (mode) {
          case IGNORE -> "";
          case PREPEND -> base;
          case SPLIT -> {
            int second = base.indexOf('/', 1);
            yield second < 0 ? "" : base.substring(second);
          }
        };
    if (prefix.isEmpty()) {
      return path;
    }
    return path.equals("/") ? prefix : prefix + path;
  }

  /** {@code ""} or a path starting with one slash and ending without one. */
  private static String normalize(@Nullable String raw) {
    if (raw == null) {
      return "";
    }
    String p = raw.trim();
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      return "";
    }
    return p.startsWith("/") ? p : "/" + p;
  }
}
