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

  private static @Nullable String value(Exchange ex, AuthorizerRules.Source s) {
    String v =
        switch (s.kind()) {
          case HEADER -> ex.headers.get(s.name());
          case QUERY -> query(ex, s.name());
          case STAGE_VARIABLE -> ex.stage().variables().get(s.name());
          case CONTEXT -> context(ex, s.name());
        };
    return v == null || v.isEmpty() ? null : v;
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
