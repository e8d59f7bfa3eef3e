package dev.turnpike.testkit;

import dev.turnpike.pipeline.Exchange;
import dev.turnpike.snapshot.GatewaySnapshot;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** Builds {@link Exchange}s as the server would, with fixed ids and times. */
public final class TestExchanges {
  public static final String REQUEST_ID = "3f0c1a7e-1111-4222-8333-944455556666";
  public static final String EXTENDED_ID = "K2G9wEbUoAMEvag=";
  public static final long REQUEST_TIME_MILLIS = 1_714_557_600_000L; // 2024-05-01T10:00:00Z

  private TestExchanges() {}

  /**
   * An exchange addressed to {@code apiId}'s execute-api host; {@code headerPairs} are name, value,
   * ....
   */
  public static Exchange of(
      GatewaySnapshot snapshot,
      String apiId,
      String method,
      String pathAndQuery,
      String body,
      String... headerPairs) {
    HttpHeaders headers = new DefaultHttpHeaders();
    headers.set("Host", apiId + ".execute-api." + ControlPlaneDriver.REGION + ".turnpike.test");
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.add(headerPairs[i], headerPairs[i + 1]);
    }
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
    return new Exchange(
        method,
        path,
        query,
        headers,
        body.getBytes(StandardCharsets.UTF_8),
        "198.51.100.7",
        "HTTP/1.1",
        REQUEST_ID,
        EXTENDED_ID,
        0L,
        REQUEST_TIME_MILLIS,
        snapshot);
  }
}
