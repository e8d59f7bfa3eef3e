package dev.turnpike.store;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Where a shared store lives, from {@code serve --store} / {@code TURNPIKE_STORE}: {@code
 * postgresql://user[:password]@host[:port]/database[?param=value&...]} (also {@code postgres://},
 * libpq's spelling). The query parameters are handed to the PostgreSQL driver ({@code
 * sslmode=require}, {@code connectTimeout=5} ...). The password never appears in {@link
 * #toString()} or in any message built from it.
 */
public record StoreLocation(String jdbcUrl, Properties properties, String display) {
  public StoreLocation {
    requireNonNull(jdbcUrl, "jdbcUrl");
    requireNonNull(properties, "properties");
    requireNonNull(display, "display");
  }

  /**
   * Parses a store URI.
   *
   * @throws IllegalArgumentException with a message that names the expected form
   */
  public static StoreLocation parse(String uri) {
    requireNonNull(uri, "uri");
    URI u;
    try {
      u = new URI(uri.trim());
    } catch (URISyntaxException e) {
      throw invalid(uri, "not a URI");
    }
    String scheme = u.getScheme();
    if (scheme == null || !(scheme.equals("postgresql") || scheme.equals("postgres"))) {
      throw invalid(uri, "the scheme must be postgresql://");
    }
    String host = u.getHost();
    String path = u.getRawPath();
    if (host == null || path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
      throw invalid(uri, "a host and one database name are required");
    }
    Properties props = new Properties();
    String userInfo = u.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      props.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
      if (colon >= 0) {
        props.setProperty("password", decode(userInfo.substring(colon + 1)));
      }
    }
    // Fail fast instead of the driver's default of waiting without limit for a dead host.
    props.setProperty("connectTimeout", "5");
    props.setProperty("socketTimeout", "30");
    props.setProperty("ApplicationName", "turnpike");
    String query = u.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          props.setProperty(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
      }
    }
    int port = u.getPort() < 0 ? 5432 : u.getPort();
    String hostPort = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
    String jdbc = "jdbc:postgresql://" + hostPort + ":" + port + path;
    String user = props.getProperty("user");
    String display =
        "postgresql://" + (user == null ? "" : user + "@") + hostPort + ":" + port + path;
    return new StoreLocation(jdbc, props, display);
  }

  /** True for a value {@link #parse} would accept the scheme of (the rest may still be wrong). */
  public static boolean isShared(String uri) {
    String t = uri.trim();
    return t.startsWith("postgresql:") || t.startsWith("postgres:");
  }

  @Override
  public String toString() {
    return display;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException invalid(String uri, String why) {
    String shown = uri.replaceAll("(//[^:/@]*):[^@/]*@", "$1:****@");
    return new IllegalArgumentException(
        "--store "
            + shown
            + ": "
            + why
            + " (expected: postgresql://user[:password]@host[:port]/database)");
  }
}
