package dev.turnpike.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.auth.sigv4.SigV4Request;
import dev.turnpike.auth.sigv4.SigV4Signer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Calls a {@code turnpike}-service operation of the running server's admin listener, SigV4-signed
 * with the {@code [default]} profile of {@code <data-dir>/credentials} (the installation
 * administrator).
 */
final class AdminClient {
  private final DataDir dir;
  private final JsonNode endpoints;

  private AdminClient(DataDir dir, JsonNode endpoints) {
    this.dir = dir;
    this.endpoints = endpoints;
  }

  /** A client when {@code endpoints.json} names a live process, else null (the server is down). */
  static @Nullable AdminClient ifRunning(DataDir dir) {
    JsonNode endpoints = AccountCommand.Create.readEndpoints(dir);
    if (endpoints == null
        || !ProcessHandle.of(endpoints.path("pid").asLong())
            .map(ProcessHandle::isAlive)
            .orElse(false)) {
      return null;
    }
    return new AdminClient(dir, endpoints);
  }

  record Reply(int status, String body) {}

  /**
   * What {@code endpoints.json} says about the running server (ports, region, domain suffix, bind).
   */
  JsonNode endpoints() {
    return endpoints;
  }

  /**
   * Any control-plane call (service {@code apigateway}, {@code acm}, …) signed as the installation
   * administrator, as the AWS CLI would make it; {@code rawQuery} already encoded.
   */
  Reply call(
      String service,
      String method,
      String path,
      String rawQuery,
      List<Map.Entry<String, String>> extra,
      byte[] body)
      throws IOException, InterruptedException {
    String[] admin = AccountCommand.Create.defaultProfile(dir.credentialsFile());
    String host = adminHost();
    List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(Map.entry("Host", host)));
    headers.addAll(extra);
    SigV4Request signed =
        new SigV4Signer(admin[0], admin[1], null)
            .sign(
                new SigV4Request(method, path, rawQuery, headers, body),
                endpoints.path("region").asText("us-east-1"),
                service,
                Instant.now());
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create("http://" + host + path + (rawQuery.isEmpty() ? "" : "?" + rawQuery)))
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, String> h : signed.headers()) {
      if (!h.getKey().equalsIgnoreCase("Host") && !h.getKey().equalsIgnoreCase("Content-Length")) {
        b.header(h.getKey(), h.getValue());
      }
    }
    HttpResponse<String> r =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body());
  }

  private String adminHost() {
    String bind = endpoints.path("bind").asText("127.0.0.1");
    return (bind.equals("0.0.0.0") || bind.equals("::")
            ? "127.0.0.1"
            : bind.contains(":") ? "[" + bind + "]" : bind)
        + ":"
        + endpoints.path("adminPort").asInt();
  }

  Reply get(String path) throws IOException, InterruptedException {
    return get(path, "");
  }

  /** {@code rawQuery}: already encoded, without the {@code ?}. */
  Reply get(String path, String rawQuery) throws IOException, InterruptedException {
    String[] admin = AccountCommand.Create.defaultProfile(dir.credentialsFile());
    String bind = endpoints.path("bind").asText("127.0.0.1");
    String host =
        (bind.equals("0.0.0.0") || bind.equals("::")
                ? "127.0.0.1"
                : bind.contains(":") ? "[" + bind + "]" : bind)
            + ":"
            + endpoints.path("adminPort").asInt();
    String region = endpoints.path("region").asText("us-east-1");
    List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(Map.entry("Host", host)));
    SigV4Request signed =
        new SigV4Signer(admin[0], admin[1], null)
            .sign(
                new SigV4Request("GET", path, rawQuery, headers, new byte[0]),
                region,
                "turnpike",
                Instant.now());
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create("http://" + host + path + (rawQuery.isEmpty() ? "" : "?" + rawQuery)))
            .timeout(Duration.ofSeconds(30))
            .GET();
    for (Map.Entry<String, String> h : signed.headers()) {
      if (!h.getKey().equalsIgnoreCase("Host")) {
        b.header(h.getKey(), h.getValue());
      }
    }
    HttpResponse<String> r =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body());
  }
}
