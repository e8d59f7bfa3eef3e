package dev.turnpike.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.cors.CorsRules;
import dev.turnpike.model.CorsConfiguration;
import dev.turnpike.snapshot.GatewaySnapshot;
import dev.turnpike.testkit.TestExchanges;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CORS written on Netty headers (http-api-cors.html). */
class HttpApiCorsTest {
  private static final String APP = "https://app.example.com";
  private static final CorsRules RULES =
      CorsRules.compile(
          new CorsConfiguration(
              true, List.of("content-type"), List.of("PUT"), List.of(APP), List.of("x-id"), 60));

  @Test
  void preflight_allowed_204EmptyWithPairs() {
    GatewayReply r = HttpApiCors.preflight(RULES, APP, "PUT", "content-type");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    assertThat(r.headers().get("access-control-allow-origin")).isEqualTo(APP);
    assertThat(r.headers().get("access-control-allow-credentials")).isEqualTo("true");
    assertThat(r.headers().get("access-control-allow-methods")).isEqualTo("PUT");
    assertThat(r.headers().get("access-control-allow-headers")).isEqualTo("content-type");
    assertThat(r.headers().get("access-control-max-age")).isEqualTo("60");
    assertThat(r.headers().get("vary")).isEqualTo("Origin");
  }

  @Test
  void preflight_otherOrigin_204WithoutCorsHeaders() {
    GatewayReply r = HttpApiCors.preflight(RULES, "https://evil.example", "PUT", null);
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.headers().isEmpty()).isTrue();
  }

  // "If you configure CORS for an API, API Gateway ignores CORS headers returned from your backend
  // integration."
  @Test
  void apply_backendCorsHeadersReplacedOthersKept() {
    HttpHeaders backend = new DefaultHttpHeaders();
    backend.set("Access-Control-Allow-Origin", "*");
    backend.set("access-control-allow-methods", "GET,POST,DELETE");
    backend.set("Access-Control-Max-Age", "99999");
    backend.set("Content-Type", "application/json");
    backend.set("Vary", "Accept-Encoding");
    HttpApiCors.apply(backend, RULES.forResponse(APP));
    assertThat(backend.get("access-control-allow-origin")).isEqualTo(APP);
    assertThat(backend.getAll("access-control-allow-origin")).hasSize(1);
    assertThat(backend.get("access-control-allow-methods")).isNull();
    assertThat(backend.get("access-control-max-age")).isNull();
    assertThat(backend.get("access-control-expose-headers")).isEqualTo("x-id");
    assertThat(backend.get("content-type")).isEqualTo("application/json");
    assertThat(backend.get("vary")).isEqualTo("Accept-Encoding, Origin");
  }

  @Test
  void apply_noOrigin_onlyDropsTheBackendsCorsHeaders() {
    HttpHeaders backend = new DefaultHttpHeaders();
    backend.set("Access-Control-Allow-Origin", "https://backend.example");
    backend.set("X-Keep", "1");
    HttpApiCors.apply(backend, RULES.forResponse(null));
    assertThat(backend.names()).containsExactly("X-Keep");
  }

  @Test
  void finish_routedPreflightGetsPreflightPairs_othersResponsePairs_gatewayPreflightUntouched() {
    Exchange preflight =
        TestExchanges.of(
            GatewaySnapshot.empty(),
            "abc123",
            "OPTIONS",
            "/x",
            "",
            "Origin",
            APP,
            "Access-Control-Request-Method",
            "PUT");
    GatewayReply routed =
        HttpApiCors.finish(
            RULES, preflight, GatewayReply.of(200, EmptyHttpHeaders.INSTANCE, new byte[0]));
    assertThat(routed.headers().get("access-control-allow-methods")).isEqualTo("PUT");
    assertThat(routed.headers().get("access-control-max-age")).isEqualTo("60");

    Exchange get =
        TestExchanges.of(GatewaySnapshot.empty(), "abc123", "GET", "/x", "", "Origin", APP);
    HttpHeaders backend = new DefaultHttpHeaders();
    backend.set("Access-Control-Allow-Methods", "DELETE");
    GatewayReply served =
        HttpApiCors.finish(RULES, get, GatewayReply.of(200, backend, new byte[0]));
    assertThat(served.headers().get("access-control-allow-origin")).isEqualTo(APP);
    assertThat(served.headers().get("access-control-allow-methods")).isNull();

    preflight.corsPreflightAnswered = true;
    GatewayReply own = HttpApiCors.preflight(RULES, "https://evil.example", "PUT", null);
    assertThat(HttpApiCors.finish(RULES, preflight, own).headers().isEmpty()).isTrue();
  }
}
