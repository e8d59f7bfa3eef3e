package dev.turnpike.oidc;

import java.util.List;
import java.util.Locale;

/**
 * Where a JWT authorizer reads its token: botocore {@code identitySource} for JWT is "a single
 * entry ... Currently only header-based and query parameter-based selections are supported, e.g.
 * $request.header.Authorization". Header names compare ignoring case ({@link #name()} is lower case
 * for headers); query parameter names as written.
 *
 * @param fromHeader true for {@code $request.header.*}, false for {@code $request.querystring.*}
 */
public record IdentitySource(boolean fromHeader, String name) {
  private static final String HEADER = "$request.header.";
  private static final String QUERY = "$request.querystring.";

  /**
   * @throws IllegalArgumentException for anything but one header or query selection
   */
  public static IdentitySource parse(List<String> identitySource) {
    if (identitySource.size() != 1) {
      throw new IllegalArgumentException(
          "identitySource: " + identitySource + " (expected: one $request.header.* entry)");
    }
    String s = identitySource.get(0).trim();
    if (s.startsWith(HEADER) && s.length() > HEADER.length()) {
      return new IdentitySource(true, s.substring(HEADER.length()).toLowerCase(Locale.ROOT));
    }
    if (s.startsWith(QUERY) && s.length() > QUERY.length()) {
      return new IdentitySource(false, s.substring(QUERY.length()));
    }
    throw new IllegalArgumentException(
        "identitySource: " + s + " (expected: $request.header.Name or $request.querystring.name)");
  }

  @Override
  public String toString() {
    return (fromHeader ? HEADER : QUERY) + name;
  }
}
