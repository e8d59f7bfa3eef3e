package dev.turnpike.authorizer;

import dev.turnpike.model.AuthorizerRules;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.snapshot.CompiledAuthorizer;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The values of an authorizer's identity sources in a request (spec 8.1, 8.4): a header, a query
 * parameter, a stage variable or a context variable. A source that is absent, null or empty means
 * the request has no identity: 401 without calling anyone.
 */
final class IdentitySources {
  private IdentitySources() {}

  /**
   * The identity of {@code ex} for {@code a}: the token header's value as sent (TOKEN, Cognito), or
   * the sources' values joined with commas (REQUEST; the cache key), or null when one is missing.
   * An uncached REQUEST authorizer without sources has the empty identity.
   */
  static @Nullable String of(Exchange ex, CompiledAuthorizer a) {
    if (ex.httpApi != null) {
      List<String> values = values(ex, a);
      return values == null ? null : String.join(",", values);
    }
    List<AuthorizerRules.Source> sources = a.sources();
    if (sources.size() == 1) {
      return value(ex, sources.get(0));
    }
    StringBuilder joined = new StringBuilder();
    for (AuthorizerRules.Source s : sources) {
      String v = value(ex, s);
      if (v == null) {
        return null;
      }
      if (joined.length() > 0) {
        joined.append(',');
      }
      joined.append(v);
    }
    return joined.toString();
  }

  /**
   * Each source's value in order (an HTTP API authorizer's {@code identitySource} array), or null
   * when one is missing or empty.
   */
  static @Nullable List<String> values(Exchange ex, CompiledAuthorizer a) {
    List<String> out = new java.util.ArrayList<>(a.sources().size());
    for (AuthorizerRules.Source s : a.sources()) {
      String v = value(ex, s);
      if (v == null) {
        return null;
      }
      out.add(v);
    }
    return out;
  }

  private static @Nullable String value(Exchange ex, AuthorizerRules.Source s) {
    String v =
        switch (s.kind()) {
          case HEADER -> header(ex, s.name());
          case QUERY -> query(ex, s.name());
          case STAGE_VARIABLE ->
              ex.httpStage != null
                  ? ex.httpStage.variables().get(s.name())
                  : ex.stage().variables().get(s.name());
          case CONTEXT -> ex.httpStage != null ? httpContext(ex, s.name()) : context(ex, s.name());
        };
    return v == null || v.isEmpty() ? null : v;
  }

  /** A header's value; on HTTP APIs repeated headers are joined with commas, as in the event. */
  private static @Nullable String header(Exchange ex, String name) {
    if (ex.httpApi == null) {
      return ex.headers.get(name);
    }
    List<String> all = ex.headers.getAll(name);
    return all.isEmpty() ? null : all.size() == 1 ? all.get(0) : String.join(",", all);
  }

  /** The {@code $context} variables of an HTTP API known before the authorizer runs. */
  private static @Nullable String httpContext(Exchange ex, String name) {
    return switch (name) {
      case "identity.sourceIp" -> ex.sourceIp;
      case "identity.userAgent" -> ex.headers.get("User-Agent");
      case "httpMethod" -> ex.method;
      case "routeKey" -> ex.httpRoute().routeKey();
      case "stage" -> ex.httpStage().stageName();
      case "apiId" -> ex.httpStage().apiId();
      case "accountId" -> ex.httpStage().accountId();
      case "deploymentId" -> ex.httpStage().deploymentId();
      case "domainName" -> ex.host();
      case "path" -> ex.rawPath;
      case "protocol" -> ex.protocol;
      case "requestId" -> ex.extendedRequestId;
      default -> null;
    };
  }

  private static @Nullable String query(Exchange ex, String name) {
    if (ex.rawQuery.isEmpty()) {
      return null;
    }
    List<String> values =
        new QueryStringDecoder("?" + ex.rawQuery).parameters().getOrDefault(name, List.of());
    return values.isEmpty() ? null : values.get(values.size() - 1);
  }

  /** The {@code $context} variables an identity source may name (those known before the call). */
  private static @Nullable String context(Exchange ex, String name) {
    return switch (name) {
      case "identity.sourceIp" -> ex.sourceIp;
      case "identity.userAgent" -> ex.headers.get("User-Agent");
      case "httpMethod" -> ex.method;
      case "resourcePath" -> ex.route().resourcePath();
      case "resourceId" -> ex.route().resourceId();
      case "stage" -> ex.stage().stageName();
      case "apiId" -> ex.stage().apiId();
      case "accountId" -> ex.stage().accountId();
      case "deploymentId" -> ex.stage().deploymentId();
      case "domainName" -> ex.host();
      case "path" -> ex.rawPath;
      case "protocol" -> ex.protocol;
      case "requestId" -> ex.requestId;
      default -> null;
    };
  }
}
