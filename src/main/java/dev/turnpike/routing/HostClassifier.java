package dev.turnpike.routing;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Recognizes execute-api host names: {@code {apiId}.execute-api.{region}.{suffix}} with any port.
 * The suffix is Turnpike's {@code --domain-suffix} (AWS's is {@code amazonaws.com}); the region is
 * the one this Turnpike plays.
 */
public final class HostClassifier {
  private final String executeApiSuffix;
  private final String region;

  public HostClassifier(String region, String domainSuffix) {
    this.region = region;
    this.executeApiSuffix =
        (".execute-api." + region + "." + domainSuffix).toLowerCase(Locale.ROOT);
  }

  /** The region this Turnpike plays (execute-api ARNs name it). */
  public String region() {
    return region;
  }

  /** The API id of an execute-api host, or null when the host is something else. */
  public @Nullable String executeApiId(@Nullable String hostHeader) {
    if (hostHeader == null) {
      return null;
    }
    String host = stripPort(hostHeader).toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (!host.endsWith(executeApiSuffix)) {
      return null;
    }
    String id = host.substring(0, host.length() - executeApiSuffix.length());
    return id.isEmpty() || id.indexOf('.') >= 0 ? null : id;
  }

  /** The host name without a port ({@code [::1]:8080} → {@code [::1]}). */
  public static String stripPort(String host) {
    int colon = host.lastIndexOf(':');
    if (colon < 0 || host.endsWith("]")) {
      return host;
    }
    if (host.startsWith("[")) {
      return host.substring(0, colon);
    }
    return host.indexOf(':') == colon ? host.substring(0, colon) : host;
  }
}
