package dev.turnpike.oidc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A token's scopes: {@code scope} (RFC 6749 3.3: space-separated) or {@code scp} (a string or, as
 * Okta and Entra ID issue it, a list) [DOC http-api-jwt-authorizer.html: "scope or scp"]; {@code
 * scope} wins when both are present. A route is satisfied by any one of its scopes.
 */
final class TokenScopes {
  private TokenScopes() {}

  static List<String> of(Map<String, ? extends @Nullable Object> claims) {
    Object scope = claims.get("scope");
    Object value = scope != null ? scope : claims.get("scp");
    List<String> out = new ArrayList<>(4);
    if (value instanceof String s) {
      for (String part : s.split(" ")) {
        if (!part.isEmpty()) {
          out.add(part);
        }
      }
    } else if (value instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s && !s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  static boolean anyOf(List<String> routeScopes, List<String> tokenScopes) {
    for (String s : routeScopes) {
      if (tokenScopes.contains(s)) {
        return true;
      }
    }
    return false;
  }
}
