package dev.turnpike.integration.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HttpBackendClient} against https backends with certificates made by keytool. */
class HttpBackendClientTlsTest {
  static {
    LeakRecorder.install();
  }

  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;
  private static EventLoopGroup group;
  private static KeyStore loopbackCert;
  private static KeyStore otherHostCert;

  @BeforeAll
  static void start() throws Exception {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    loopbackCert = keyStore("loopback", "ip:127.0.0.1,dns:localhost");
    otherHostCert = keyStore("other", "dns:other.example");
  }

  @AfterAll
  static void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    assertThat(LeakRecorder.leaks()).isEmpty();
  }

  @Test
  void send_certificateTrustedThroughOptions_roundTripsAndReusesConnection() throws Exception {
    HttpsServer server = httpsServer(loopbackCert);
    try (HttpBackendClient client = client(trustManagers(loopbackCert))) {
      URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/tls");

      BackendResponse first = client.send(get(uri)).get(5, TimeUnit.SECONDS);
      BackendResponse second = client.send(get(uri)).get(5, TimeUnit.SECONDS);

      assertThat(first.status()).isEqualTo(200);
      assertThat(new String(second.body(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("secure");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void send_certificateNotInDefaultTrustStore_failsWithTlsFailed() throws Exception {
    HttpsServer server = httpsServer(loopbackCert);
    try (HttpBackendClient client = client(null)) {
      URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/tls");

      assertThat(failure(client, uri).failure()).isEqualTo(BackendFailure.TLS_FAILED);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void send_certificateForAnotherHost_failsWithTlsFailed() throws Exception {
    HttpsServer server = httpsServer(otherHostCert);
    try (HttpBackendClient client = client(trustManagers(otherHostCert))) {
      URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/tls");

      assertThat(failure(client, uri).failure()).isEqualTo(BackendFailure.TLS_FAILED);
    } finally {
      server.stop(0);
    }
  }

  private static HttpBackendClient client(@Nullable TrustManagerFactory trust) {
    BackendClientOptions options = BackendClientOptions.defaults();
    return HttpBackendClient.create(
        group, trust == null ? options : options.withTrustManagerFactory(trust));
  }

  private static BackendRequest get(URI uri) {
    return new BackendRequest("GET", uri, new DefaultHttpHeaders(), new byte[0], 5_000);
  }

  private static BackendException failure(HttpBackendClient client, URI uri) {
    ExecutionException thrown =
        catchThrowableOfType(
            ExecutionException.class, () -> client.send(get(uri)).get(5, TimeUnit.SECONDS));
    assertThat(thrown.getCause()).isInstanceOf(BackendException.class);
    return (BackendException) thrown.getCause();
  }

  private static HttpsServer httpsServer(KeyStore keys) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl));
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            byte[] body = "secure".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
        });
    server.start();
    return server;
  }

  private static TrustManagerFactory trustManagers(KeyStore keys) throws Exception {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(keys);
    return tmf;
  }

  /** A PKCS12 store with one self-signed EC key pair whose certificate has {@code san}. */
  private static KeyStore keyStore(String name, String san) throws Exception {
    Path file = dir.resolve(name + ".p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    keytool,
                    "-genkeypair",
                    "-alias",
                    name,
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=" + name,
                    "-ext",
                    "SAN=" + san,
                    "-validity",
                    "2",
                    "-keystore",
                    file.toString(),
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    new String(PASSWORD),
                    "-keypass",
                    new String(PASSWORD)))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD);
    }
    return store;
  }
}
