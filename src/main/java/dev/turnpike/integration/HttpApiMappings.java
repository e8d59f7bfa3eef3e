package dev.turnpike.integration;

import dev.turnpike.pipeline.Exchange;
import dev.turnpike.snapshot.CompiledHttpIntegration;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * HTTP API parameter mapping (http-api-parameter-mapping.md): request parameters {@code
 * append|overwrite|remove:header.{name}}, {@code …:querystring.{name}} and {@code overwrite:path};
 * response parameters by backend status, {@code append|overwrite|remove:header.{name}} and {@code
 * overwrite:statuscode}. A value is static text or one expression: {@code $request.header.x},
 * {@code $request.querystring.x}, {@code $request.path}, {@code $request.path.x}, {@code
 * $context.x} (requestId, apiId, stage, routeKey, httpMethod, accountId, {@code
 * authorizer.claims.x}, {@code authorizer.x}), {@code $stageVariables.x}, and on responses {@code
 * $response.header.x}. Other sources map to nothing [Turnpike: {@code $request.body.x} is not
 * evaluated].
 */
final class HttpApiMappings {
  private HttpApiMappings() {}

  /** What the request mappings give the backend call. */
  record Applied(@Nullable String path, String query, List<String[]> headerOps) {
    void applyHeaders(HttpHeaders headers) {
      for (String[] op : headerOps) {
        switch (op[0]) {
          case "append" -> headers.add(op[1], op[2]);
          case "overwrite" -> headers.set(op[1], op[2]);
          default -> headers.remove(op[1]);
        }
      }
    }
  }

  static Applied apply(Exchange ex, CompiledHttpIntegration in) {
    Map<String, String> params = in.requestParameters();
    if (params.isEmpty()) {
      return new Applied(null, ex.rawQuery, List.of());
    }
    String path = null;
    List<String[]> headerOps = new ArrayList<>();
    List<String[]> query = null;
    for (Map.Entry<String, String> e : params.entrySet()) {
      String key = e.getKey();
      int colon = key.indexOf(':');
      String action = key.substring(0, colon);
      String target = key.substring(colon + 1);
      String value = action.equals("remove") ? "" : value(ex, e.getValue(), null);
      if (value == null) {
        continue;
      }
      if (target.equals("path")) {
        path = value;
      } else if (target.startsWith("header.")) {
        headerOps.add(new String[] {action, target.substring(7), value});
      } else if (target.startsWith("querystring.")) {
        if (query == null) {
          query = parse(ex.rawQuery);
        }
        String name = target.substring(12);
        if (!action.equals("append")) {
          query.removeIf(p -> p[0].equals(name));
        }
        if (!action.equals("remove")) {
          query.add(new String[] {name, value});
        }
      }
    }
    String q = ex.rawQuery;
    if (query != null) {
      StringBuilder b = new StringBuilder();
      for (String[] p : query) {
        if (b.length() > 0) {
          b.append('&');
        }
        b.append(encode(p[0])).append('=').append(encode(p[1]));
      }
      q = b.toString();
    }
    return new Applied(path, q, headerOps);
  }

  /** Applies the response mappings for {@code status}; returns the status to answer. */
  static int applyResponse(
      Exchange ex, CompiledHttpIntegration in, int status, HttpHeaders headers) {
    Map<String, String> params = in.responseParameters().get(Integer.toString(status));
    if (params == null) {
      return status;
    }
    int out = status;
    for (Map.Entry<String, String> e : params.entrySet()) {
      String key = e.getKey();
      int colon = key.indexOf(':');
      String action = key.substring(0, colon);
      String target = key.substring(colon + 1);
      String value = action.equals("remove") ? "" : value(ex, e.getValue(), headers);
      if (value == null) {
        continue;
      }
      if (target.equals("statuscode")) {
        try {
          out = Integer.parseInt(value.trim());
        } catch (NumberFormatException ignored) {
          // not a status: the backend's stays
        }
      } else if (target.startsWith("header.")) {
        String name = target.substring(7);
        switch (action) {
          case "append" -> headers.add(name, value);
          case "overwrite" -> headers.set(name, value);
          default -> headers.remove(name);
        }
      }
    }
    return out;
  }

  private static @Nullable String value(
      Exchange ex, String expression, @Nullable HttpHeaders response) {
    String e = expression;
    if (e.startsWith("${") && e.endsWith("}")) {
      e = "$" + e.substring(2, e.length() - 1);
    }
    if (!e.startsWith("$")) {
      return expression;
    }
    if (e.startsWith("$request.header.")) {
      List<String> all = ex.headers.getAll(e.substring(16));
      return all.isEmpty() ? null : String.join(",", all);
    }
    if (e.startsWith("$request.querystring.")) {
      List<String> all =
          new QueryStringDecoder("?" + ex.rawQuery).parameters().get(e.substring(21));
      return all == null || all.isEmpty() ? null : String.join(",", all);
    }
    if (e.equals("$request.path")) {
      return ex.stagePath;
    }
    if (e.startsWith("$request.path.")) {
      return ex.httpRoute == null ? null : ex.httpRoute.pathParams().get(e.substring(14));
    }
    if (e.startsWith("$stageVariables.")) {
      return ex.httpStage().variables().get(e.substring(16));
    }
    if (e.startsWith("$response.header.") && response != null) {
      return response.get(e.substring(17));
    }
    if (e.startsWith("$context.authorizer.")) {
      return ex.authorizer == null ? null : ex.authorizer.value(e.substring(20));
    }
    if (e.startsWith("$context.")) {
      return switch (e.substring(9)) {
        case "requestId" -> ex.extendedRequestId;
        case "apiId" -> ex.httpStage().apiId();
        case "stage" -> ex.httpStage().stageName();
        case "routeKey" -> ex.httpRoute().routeKey();
        case "httpMethod" -> ex.method;
        case "accountId" -> ex.httpStage().accountId();
        case "path" -> ex.rawPath;
        default -> null;
      };
    }
    return null;
  }

  private static List<String[]> parse(String rawQuery) {
    List<String[]> out = new ArrayList<>();
    if (rawQuery.isEmpty()) {
      return out;
    }
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String v = eq < 0 ? "" : part.substring(eq + 1);
      out.add(new String[] {decode(name), decode(v)});
    }
    return out;
  }

  private static String decode(String s) {
    return QueryStringDecoder.decodeComponent(s, StandardCharsets.UTF_8);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
