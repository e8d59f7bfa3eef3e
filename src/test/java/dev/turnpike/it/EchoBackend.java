package dev.turnpike.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP/1.1 backend on 127.0.0.1 that answers with what it received, as JSON: {@code method},
 * {@code path} (raw), {@code query} (raw, "" when none), {@code headers} (lower-case name → values)
 * and {@code body}.
 *
 * <p>The path steers it: a segment pair {@code status/NNN} answers with that status, {@code
 * sleep/MS} answers after that many milliseconds. Every response carries {@code Server}, {@code
 * Connection: keep-alive}, {@code x-amzn-RequestId: }{@value #BACKEND_REQUEST_ID} and {@code
 * X-Backend: echo} (the JDK server adds {@code Date} and {@code Content-Length}), so header
 * remapping can be observed.
 */
final class EchoBackend implements AutoCloseable {
  static final String BACKEND_REQUEST_ID = "00000000-1111-4222-8333-444444444444";
  static final String SERVER = "EchoBackend/1.0";

  /** A request as the backend saw it. */
  record Received(
      String method, String path, String query, Map<String, List<String>> headers, String body) {
    String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "echo-backend");
            t.setDaemon(true);
            return t;
          });
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private EchoBackend() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static EchoBackend start() throws IOException {
    return new EchoBackend();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  Received last() {
    if (received.isEmpty()) {
      throw new AssertionError("the backend received nothing");
    }
    return received.get(received.size() - 1);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String query =
          ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, List<String>> headers = new TreeMap<>();
      ex.getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      Received r = new Received(ex.getRequestMethod(), path, query, headers, body);
      received.add(r);
      int status = 200;
      long sleep = 0;
      String[] segs = path.split("/");
      boolean cors = false;
      for (String seg : segs) {
        cors |=
            seg.equals("with-cors"); // the backend's own CORS headers (HTTP API CORS drops them)
      }
      for (int i = 0; i + 1 < segs.length; i++) {
        if (segs[i].equals("status")) {
          status = Integer.parseInt(segs[i + 1]);
        } else if (segs[i].equals("sleep")) {
          sleep = Long.parseLong(segs[i + 1]);
        }
      }
      if (sleep > 0) {
        Thread.sleep(sleep);
      }
      ObjectNode json = AwsCli.JSON.createObjectNode();
      json.put("method", r.method()).put("path", path).put("query", query).put("body", body);
      ObjectNode h = json.putObject("headers");
      headers.forEach(
          (k, v) -> {
            var arr = h.putArray(k);
            v.forEach(arr::add);
          });
      byte[] out = AwsCli.JSON.writeValueAsBytes(json);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.getResponseHeaders().set("Server", SERVER);
      ex.getResponseHeaders().set("Connection", "keep-alive");
      ex.getResponseHeaders().set("x-amzn-RequestId", BACKEND_REQUEST_ID);
      ex.getResponseHeaders().set("X-Backend", "echo");
      if (cors) {
        ex.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        ex.getResponseHeaders().set("Access-Control-Allow-Methods", "DELETE");
      }
      if (r.method().equals("HEAD")) {
        ex.sendResponseHeaders(status, -1);
        return;
      }
      ex.sendResponseHeaders(status, out.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
