package dev.turnpike.oidc;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A claim's value as HTTP APIs hand it to integrations: every value is a string ({@code
 * "exp":"1787996002"}, {@code "email_verified":"true"}) [REC: payload 2.0 event in DefinitelyTyped
 * PR 75458]; a list as its elements between brackets separated by spaces ({@code
 * "cognito:groups":"[admins users]"}) [UNCONF: widely reported, no AWS text]; an object as its JSON
 * text [UNCONF].
 */
final class ClaimText {
  private ClaimText() {}

  static String of(@Nullable Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return Long.toString(d.longValue());
    }
    if (value instanceof List<?> list) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        b.append(i == 0 ? "" : " ").append(of(list.get(i)));
      }
      return b.append(']').toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder b = new StringBuilder();
      json(b, map);
      return b.toString();
    }
    return value.toString();
  }

  private static void json(StringBuilder b, @Nullable Object v) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      b.append(dev.turnpike.model.Json.quote(s));
    } else if (v instanceof Map<?, ?> m) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        b.append(first ? "" : ",")
            .append(dev.turnpike.model.Json.quote(String.valueOf(e.getKey())));
        b.append(':');
        json(b, e.getValue());
        first = false;
      }
      b.append('}');
    } else if (v instanceof List<?> l) {
      b.append('[');
      for (int i = 0; i < l.size(); i++) {
        b.append(i == 0 ? "" : ",");
        json(b, l.get(i));
      }
      b.append(']');
    } else {
      b.append(v);
    }
  }
}
