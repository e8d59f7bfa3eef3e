package dev.turnpike.oidc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.turnpike.auth.jwt.JwtKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenID Connect issuer on 127.0.0.1 for tests: {@code /.well-known/openid-configuration} names
 * {@code /keys} as {@code jwks_uri}, which serves the current RSA keys. Keys can be rotated, the
 * documents broken or slowed, and requests are counted per path.
 */
public final class LocalIssuer implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private volatile Map<String, KeyPair> keys = new LinkedHashMap<>();
  public volatile int discoveryStatus = 200;
  volatile int jwksStatus = 200;
  volatile String discoveryOverride = "";
  volatile String jwksOverride = "";
  public volatile long delayMillis;

  public LocalIssuer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  public static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The issuer URL tokens carry as {@code iss}. */
  public String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
  }

  /** Replaces the published keys with these (kid → key pair). */
  public void publish(Map<String, KeyPair> byKid) {
    keys = new LinkedHashMap<>(byKid);
  }

  public int hits(String pathSuffix) {
    AtomicInteger n = hits.get(pathSuffix);
    return n == null ? 0 : n.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    try (ex) {
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      if (path.equals("/realms/test/.well-known/openid-configuration")) {
        hits.computeIfAbsent("discovery", p -> new AtomicInteger()).incrementAndGet();
        String body =
            discoveryOverride.isEmpty()
                ? "{\"issuer\":\""
                    + issuer()
                    + "\",\"jwks_uri\":\""
                    + issuer()
                    + "/protocol/openid-connect/certs\",\"id_token_signing_alg_values_supported\":"
                    + "[\"RS256\"]}"
                : discoveryOverride;
        send(ex, discoveryStatus, body);
      } else if (path.equals("/realms/test/protocol/openid-connect/certs")) {
        hits.computeIfAbsent("jwks", p -> new AtomicInteger()).incrementAndGet();
        Map<String, RSAPublicKey> pub = new LinkedHashMap<>();
        keys.forEach((kid, pair) -> pub.put(kid, (RSAPublicKey) pair.getPublic()));
        send(ex, jwksStatus, jwksOverride.isEmpty() ? JwtKeys.of(pub).toJwks() : jwksOverride);
      } else {
        send(ex, 404, "{\"error\":\"not found\"}");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
