package dev.turnpike.integration.http;

import java.net.URI;
import java.util.Locale;

/** Where a backend listens: the unit a connection pool serves. Host is without IPv6 brackets. */
record BackendAddress(boolean https, String host, int port) {

  static BackendAddress of(URI uri) {
    boolean https = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT));
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
    return new BackendAddress(https, host.toLowerCase(Locale.ROOT), port);
  }

  /** Scheme, host and port only: paths and queries may carry secrets and stay out of messages. */
  @Override
  public String toString() {
    String printableHost = host.indexOf(':') >= 0 ? '[' + host + ']' : host;
    return (https ? "https://" : "http://") + printableHost + ':' + port;
  }
}
