package dev.turnpike.cors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.cors.CorsRules.Preflight;
import dev.turnpike.cors.CorsRules.Verdict;
import dev.turnpike.model.CorsConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each AWS behaviour of HTTP API CORS, pinned by name (http-api-cors.html unless noted). */
class CorsRulesTest {
  private static final String APP = "https://app.example.com";

  private static CorsRules rules(
      Boolean credentials,
      List<String> origins,
      List<String> methods,
      List<String> headers,
      List<String> expose,
      Integer maxAge) {
    CorsRules r =
        CorsRules.compile(
            new CorsConfiguration(credentials, headers, methods, origins, expose, maxAge));
    assertThat(r).isNotNull();
    return r;
  }

  private static CorsRules typical() {
    return rules(
        false,
        List.of(APP),
        List.of("GET", "PUT", "DELETE"),
        List.of("authorization", "content-type"),
        List.of("x-request-id", "date"),
        300);
  }

  private static List<String> pairs(CorsHeaders h) {
    List<String> out = new ArrayList<>();
    h.forEach((n, v) -> out.add(n + ": " + v));
    return out;
  }

  @Test
  void compile_noConfiguration_meansNoCorsHandling() {
    assertThat(CorsRules.compile(null)).isNull();
  }

  // "For the OPTIONS method, your request must contain an origin header and an
  // Access-Control-Request-Method header."
  @Test
  void isPreflight_optionsWithOriginAndRequestMethod_isPreflight() {
    assertThat(CorsRules.isPreflight("OPTIONS", APP, "PUT")).isTrue();
    assertThat(CorsRules.isPreflight("OPTIONS", APP, null)).isFalse();
    assertThat(CorsRules.isPreflight("OPTIONS", null, "PUT")).isFalse();
    assertThat(CorsRules.isPreflight("OPTIONS", "", "PUT")).isFalse();
    assertThat(CorsRules.isPreflight("OPTIONS", APP, "")).isFalse();
    assertThat(CorsRules.isPreflight("GET", APP, "PUT")).isFalse();
  }

  // "API Gateway automatically sends a response to preflight OPTIONS requests, even if there isn't
  // an OPTIONS route configured for your API."
  @Test
  void preflight_allowedOrigin_answers204WithTheConfiguredHeaders() {
    Preflight p = typical().preflight(APP, "PUT", "Authorization, Content-Type");
    assertThat(p.status()).isEqualTo(204);
    assertThat(p.verdict()).isEqualTo(Verdict.ALLOWED);
    assertThat(pairs(p.headers()))
        .containsExactly(
            "access-control-allow-origin: https://app.example.com",
            "access-control-allow-methods: GET,PUT,DELETE",
            "access-control-allow-headers: authorization,content-type",
            "access-control-max-age: 300");
    assertThat(p.headers().varyOrigin()).isTrue();
    assertThat(p.headers().get(CorsRules.EXPOSE_HEADERS)).isNull();
  }

  @Test
  void preflight_originNotAllowed_answers204WithoutCorsHeaders() {
    Preflight p = typical().preflight("https://evil.example.net", "PUT", null);
    assertThat(p.status()).isEqualTo(204);
    assertThat(p.verdict()).isEqualTo(Verdict.ORIGIN_NOT_ALLOWED);
    assertThat(p.headers().isEmpty()).isTrue();
    assertThat(p.refused()).isEqualTo("https://evil.example.net");
  }

  @Test
  void preflight_methodNotAllowed_answers204WithoutCorsHeaders() {
    Preflight p = typical().preflight(APP, "PATCH", null);
    assertThat(p.verdict()).isEqualTo(Verdict.METHOD_NOT_ALLOWED);
    assertThat(p.headers()).isSameAs(CorsHeaders.NONE);
    assertThat(p.refused()).isEqualTo("PATCH");
  }

  @Test
  void preflight_methodsAreCaseSensitive() {
    assertThat(typical().preflight(APP, "put", null).verdict())
        .isEqualTo(Verdict.METHOD_NOT_ALLOWED);
  }

  @Test
  void preflight_safelistedMethodNotListed_passes() {
    CorsRules r = rules(null, List.of(APP), List.of("PUT"), List.of("x-a"), List.of(), null);
    assertThat(r.preflight(APP, "GET", "x-a").verdict()).isEqualTo(Verdict.ALLOWED);
    assertThat(r.preflight(APP, "POST", "x-a").verdict()).isEqualTo(Verdict.ALLOWED);
  }

  @Test
  void preflight_requestedHeaderNotAllowed_answers204WithoutCorsHeadersNamingIt() {
    Preflight p = typical().preflight(APP, "PUT", "content-type, x-custom-trace");
    assertThat(p.verdict()).isEqualTo(Verdict.HEADERS_NOT_ALLOWED);
    assertThat(p.refused()).isEqualTo("x-custom-trace");
    assertThat(p.headers().isEmpty()).isTrue();
  }

  @Test
  void preflight_headersCompareIgnoringCaseAndSpaces() {
    assertThat(typical().preflight(APP, "PUT", " CONTENT-TYPE ,,Authorization").verdict())
        .isEqualTo(Verdict.ALLOWED);
    assertThat(typical().preflight(APP, "PUT", "content-typ").verdict())
        .isEqualTo(Verdict.HEADERS_NOT_ALLOWED);
    assertThat(typical().preflight(APP, "PUT", "").verdict()).isEqualTo(Verdict.ALLOWED);
  }

  // allowOrigins example values: "*" (allow all origins).
  @Test
  void preflight_starOrigin_answersStar() {
    CorsRules r = rules(null, List.of("*"), List.of("*"), List.of("*"), List.of(), null);
    Preflight p = r.preflight("https://anyone.example", "DELETE", "x-anything");
    assertThat(pairs(p.headers()))
        .containsExactly(
            "access-control-allow-origin: *",
            "access-control-allow-methods: *",
            "access-control-allow-headers: *");
    assertThat(p.headers().varyOrigin()).isFalse();
  }

  // allowOrigins example values: "https://*" (allow any origin that begins with https://).
  @Test
  void originAllowed_schemeWildcard_matchesThatSchemeOnly() {
    CorsRules r = rules(null, List.of("https://*"), List.of(), List.of(), List.of(), null);
    assertThat(r.originAllowed("https://a.example.org")).isTrue();
    assertThat(r.originAllowed("http://a.example.org")).isFalse();
    assertThat(r.forResponse("https://a.example.org").get(CorsRules.ALLOW_ORIGIN))
        .isEqualTo("https://a.example.org");
  }

  @Test
  void originAllowed_subdomainWildcard_matchesSubdomainsOnly() {
    CorsRules r =
        rules(null, List.of("https://*.example.com"), List.of(), List.of(), List.of(), null);
    assertThat(r.originAllowed("https://app.example.com")).isTrue();
    assertThat(r.originAllowed("https://a.b.example.com")).isTrue();
    assertThat(r.originAllowed("https://example.com")).isFalse();
    assertThat(r.originAllowed("https://app.example.com.evil.net")).isFalse();
    assertThat(r.originAllowed("https://evilexample.com")).isFalse();
  }

  @Test
  void originAllowed_exactOrigin_ignoresCaseButNotScemeOrPort() {
    assertThat(typical().originAllowed("HTTPS://APP.EXAMPLE.COM")).isTrue();
    assertThat(typical().originAllowed("http://app.example.com")).isFalse();
    assertThat(typical().originAllowed("https://app.example.com:8443")).isFalse();
    assertThat(typical().originAllowed("https://app.example.co")).isFalse();
  }

  // SAM issue 3719: API Gateway answers one origin of several configured, the request's.
  @Test
  void forResponse_severalOrigins_reflectsTheRequestsOriginOnly() {
    CorsRules r =
        rules(
            null,
            List.of("http://localhost:3000", "http://localhost:3002"),
            List.of(),
            List.of(),
            List.of(),
            null);
    CorsHeaders h = r.forResponse("http://localhost:3002");
    assertThat(pairs(h)).containsExactly("access-control-allow-origin: http://localhost:3002");
    assertThat(h.varyOrigin()).isTrue();
  }

  // "For a CORS request, API Gateway adds the configured CORS headers to the response from an
  // integration."
  @Test
  void forResponse_allowedOrigin_addsOriginCredentialsAndExposeHeaders() {
    CorsRules r =
        rules(true, List.of(APP), List.of("GET"), List.of(), List.of("x-request-id"), 600);
    assertThat(pairs(r.forResponse(APP)))
        .containsExactly(
            "access-control-allow-origin: https://app.example.com",
            "access-control-allow-credentials: true",
            "access-control-expose-headers: x-request-id");
  }

  // "To return CORS headers, your request must contain an origin header."
  @Test
  void forResponse_noOrigin_addsNothing() {
    assertThat(typical().forResponse(null)).isSameAs(CorsHeaders.NONE);
    assertThat(typical().forResponse("")).isSameAs(CorsHeaders.NONE);
  }

  @Test
  void forResponse_otherOrigin_addsNothing() {
    assertThat(typical().forResponse("https://evil.example.net")).isSameAs(CorsHeaders.NONE);
  }

  @Test
  void forResponse_starWithoutCredentials_isOnePrecomputedAnswer() {
    CorsRules r = rules(null, List.of("*"), List.of(), List.of(), List.of("date"), null);
    CorsHeaders first = r.forResponse("https://a.example");
    assertThat(r.forResponse("https://b.example")).isSameAs(first);
    assertThat(pairs(first))
        .containsExactly("access-control-allow-origin: *", "access-control-expose-headers: date");
  }

  // Browsers refuse "*" with credentials; a stored configuration that has both (the control plane
  // refuses to create one) still gets a usable answer.
  @Test
  void preflight_starWithCredentials_reflectsOriginMethodAndHeaders() {
    CorsRules r = rules(true, List.of("*"), List.of("*"), List.of("*"), List.of(), null);
    Preflight p = r.preflight(APP, "PATCH", "x-a, x-b");
    assertThat(pairs(p.headers()))
        .containsExactly(
            "access-control-allow-origin: https://app.example.com",
            "access-control-allow-credentials: true",
            "access-control-allow-methods: PATCH",
            "access-control-allow-headers: x-a, x-b");
  }

  // "If you configure CORS for an API, API Gateway ignores CORS headers returned from your backend
  // integration."
  @Test
  void isCorsHeader_everyAccessControlHeaderInAnyCase() {
    assertThat(CorsRules.isCorsHeader("Access-Control-Allow-Origin")).isTrue();
    assertThat(CorsRules.isCorsHeader("access-control-max-age")).isTrue();
    assertThat(CorsRules.isCorsHeader("ACCESS-CONTROL-EXPOSE-HEADERS")).isTrue();
    assertThat(CorsRules.isCorsHeader("access-control")).isFalse();
    assertThat(CorsRules.isCorsHeader("vary")).isFalse();
    assertThat(CorsRules.isCorsHeader("x-access-control-allow-origin")).isFalse();
  }

  @Test
  void preflight_maxAgeMinusOne_isSentAsConfigured() {
    CorsRules r = rules(null, List.of(APP), List.of("PUT"), List.of(), List.of(), -1);
    assertThat(r.preflight(APP, "PUT", null).headers().get(CorsRules.MAX_AGE)).isEqualTo("-1");
  }

  @Test
  void preflight_emptyConfiguration_allowsNothing() {
    CorsRules r = CorsRules.compile(CorsConfiguration.EMPTY);
    assertThat(r).isNotNull();
    assertThat(r.preflight(APP, "GET", null).verdict()).isEqualTo(Verdict.ORIGIN_NOT_ALLOWED);
    assertThat(r.forResponse(APP)).isSameAs(CorsHeaders.NONE);
  }

  @Test
  void originPattern_manyStars_noBacktrackingBlowUp() {
    OriginPattern p = new OriginPattern("*a*a*a*a*a*a*a*a*b");
    String origin = "a".repeat(5000);
    long start = System.nanoTime();
    assertThat(p.matches(origin)).isFalse();
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    assertThat(new OriginPattern("http://localhost:*").matches("http://localhost:5173")).isTrue();
  }
}
