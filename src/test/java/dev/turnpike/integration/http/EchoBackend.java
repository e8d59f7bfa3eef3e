package dev.turnpike.integration.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP/1.1 backend on 127.0.0.1: answers 200 with the request body, headers {@code
 * X-Echo-Method} and {@code X-Echo-Uri}, plus any headers the test asks for; records every request
 * and the client ports it saw (one per connection). Path {@code /slow} answers after 3 s.
 */
final class EchoBackend implements AutoCloseable {
  /** A request as the backend saw it. Header names are as the JDK server normalizes them. */
  record Received(String method, URI uri, Map<String, List<String>> headers, byte[] body) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
  private final Map<String, String> responseHeaders;

  EchoBackend(Map<String, String> responseHeaders) throws IOException {
    this.responseHeaders = Map.copyOf(responseHeaders);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  EchoBackend() throws IOException {
    this(Map.of());
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** Distinct client ports seen, i.e. connections used. */
  int connections() {
    return clientPorts.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      clientPorts.add(exchange.getRemoteAddress().getPort());
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      received.add(
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI(),
              Map.copyOf(exchange.getRequestHeaders()),
              body));
      if (exchange.getRequestURI().getPath().equals("/slow")) {
        sleep(3_000);
      }
      Headers out = exchange.getResponseHeaders();
      out.set("X-Echo-Method", exchange.getRequestMethod());
      out.set("X-Echo-Uri", exchange.getRequestURI().toString());
      responseHeaders.forEach(out::set);
      exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(body);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
