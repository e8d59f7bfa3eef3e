package dev.turnpike.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/** Calling the data plane in its two addressing forms, and the shapes AWS gives its ids. */
final class Invoke {
  /** x-amzn-RequestId: a v4 UUID in text form (spec 1.2). */
  static final Pattern UUID_V4 =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

  /** x-amz-apigw-id: 16 characters of base64 ending in '=' (spec 1.2). */
  static final Pattern APIGW_ID = Pattern.compile("[A-Za-z0-9+/]{15}=");

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Invoke() {}

  /**
   * {@code {apiId}.execute-api.us-east-1.localhost:{port}}, the Host a client of the execute-api
   * form sends.
   */
  static String host(String apiId, int port) {
    return apiId + ".execute-api.us-east-1.localhost:" + port;
  }

  /**
   * {@code /{stage}{path}} on the execute-api host, over a raw socket (the host name does not
   * resolve here).
   */
  static RawHttp.Response hostStyle(
      TurnpikeProcess tp,
      String apiId,
      String method,
      String stageAndPath,
      String body,
      String... headerPairs)
      throws IOException {
    return RawHttp.exchange(
        tp.httpPort(),
        RawHttp.request(method, stageAndPath, host(apiId, tp.httpPort()), body, headerPairs));
  }

  /** {@code http://127.0.0.1:{port}/restapis/{apiId}/{stage}/_user_request_{path}}. */
  static URI pathStyle(TurnpikeProcess tp, String apiId, String stage, String pathAndQuery) {
    return URI.create(
        "http://127.0.0.1:"
            + tp.httpPort()
            + "/restapis/"
            + apiId
            + "/"
            + stage
            + "/_user_request_"
            + pathAndQuery);
  }

  static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
