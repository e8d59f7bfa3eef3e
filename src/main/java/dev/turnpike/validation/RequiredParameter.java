package dev.turnpike.validation;

import org.jspecify.annotations.Nullable;

/**
 * A method request parameter the method declares required ({@code "method.request.header.x-id":
 * true}): where it is read and its name as declared.
 */
public record RequiredParameter(Location location, String name) {
  /** Where a method request parameter is read. */
  public enum Location {
    HEADER,
    PATH,
    QUERY
  }

  /**
   * The required parameter a {@code requestParameters} key declares, null for keys that are not a
   * header, path or query string parameter ({@code method.request.body…}).
   */
  static @Nullable RequiredParameter parse(String key) {
    String prefix = "method.request.";
    if (!key.startsWith(prefix)) {
      return null;
    }
    String rest = key.substring(prefix.length());
    int dot = rest.indexOf('.');
    if (dot <= 0 || dot == rest.length() - 1) {
      return null;
    }
    String name = rest.substring(dot + 1);
    return switch (rest.substring(0, dot)) {
      case "header", "multivalueheader" -> new RequiredParameter(Location.HEADER, name);
      case "path" -> new RequiredParameter(Location.PATH, name);
      case "querystring", "multivaluequerystring" -> new RequiredParameter(Location.QUERY, name);
      default -> null;
    };
  }
}
