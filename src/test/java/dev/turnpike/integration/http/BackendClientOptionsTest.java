package dev.turnpike.integration.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Validation of {@link BackendClientOptions} and {@link BackendRequest}. */
class BackendClientOptionsTest {

  @Test
  void defaults_always_useJdkTrustAndApiGatewayPayloadLimit() {
    BackendClientOptions options = BackendClientOptions.defaults();

    assertThat(options.trustManagerFactory()).isNull();
    assertThat(options.maxResponseBytes()).isEqualTo(10 * 1024 * 1024);
  }

  @Test
  void constructor_zeroConnections_isRejected() {
    assertThatThrownBy(() -> new BackendClientOptions(0, 1, Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxConnectionsPerHost: 0 (expected: > 0)");
  }

  @Test
  void constructor_zeroIdleTimeout_isRejected() {
    assertThatThrownBy(() -> new BackendClientOptions(1, 1, Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("idleTimeout: PT0S (expected: > 0)");
  }

  @Test
  void backendRequest_nonHttpScheme_isRejected() {
    assertThatThrownBy(
            () ->
                new BackendRequest(
                    "GET",
                    URI.create("ftp://b.example/"),
                    new DefaultHttpHeaders(),
                    new byte[0],
                    1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("uri: ftp (expected: http or https)");
  }

  @Test
  void backendRequest_zeroTimeout_isRejected() {
    assertThatThrownBy(
            () ->
                new BackendRequest(
                    "GET",
                    URI.create("http://b.example/"),
                    new DefaultHttpHeaders(),
                    new byte[0],
                    0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeoutMillis: 0 (expected: > 0)");
  }
}
