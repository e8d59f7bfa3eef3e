package dev.turnpike.routing;

import org.jspecify.annotations.Nullable;

/**
 * The parts of an invoke URL's path: stage and the resource path after it. Two forms: the
 * execute-api host form {@code /{stage}/{path}} and the path style {@code
 * /restapis/{apiId}/{stage}/_user_request_/{path}} for clients that cannot set the Host header.
 * Empty segments are dropped for matching ({@code //stage/x} routes as {@code /stage/x}).
 */
public record InvokePath(@Nullable String apiId, String stage, String resourcePath) {
  private static final String PATH_STYLE_PREFIX = "/restapis/";
  private static final String USER_REQUEST = "_user_request_";

  /** Parses {@code /{stage}/{rest}}; null when there is no stage segment. */
  public static @Nullable InvokePath ofStagePath(String rawPath) {
    int i = skipSlashes(rawPath, 0);
    if (i >= rawPath.length()) {
      return null;
    }
    int end = rawPath.indexOf('/', i);
    String stage = end < 0 ? rawPath.substring(i) : rawPath.substring(i, end);
    String rest = end < 0 ? "/" : rawPath.substring(end);
    return new InvokePath(null, stage, rest);
  }

  /**
   * Parses the path style; null when the path is not {@code
   * /restapis/{id}/{stage}/_user_request_/...}.
   */
  public static @Nullable InvokePath ofPathStyle(String rawPath) {
    if (!rawPath.startsWith(PATH_STYLE_PREFIX)) {
      return null;
    }
    String[] parts = rawPath.substring(PATH_STYLE_PREFIX.length()).split("/", 4);
    if (parts.length < 3
        || parts[0].isEmpty()
        || parts[1].isEmpty()
        || !parts[2].equals(USER_REQUEST)) {
      return null;
    }
    String rest = parts.length == 4 ? "/" + parts[3] : "/";
    return new InvokePath(parts[0], parts[1], rest);
  }

  private static int skipSlashes(String s, int i) {
    while (i < s.length() && s.charAt(i) == '/') {
      i++;
    }
    return i;
  }
}
