package dev.turnpike.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.decision.Cause;
import dev.turnpike.observe.Metrics;
import dev.turnpike.observe.metrics.RequestMetrics;
import dev.turnpike.routing.ResourceTree;
import dev.turnpike.routing.RouteMatch;
import dev.turnpike.snapshot.CompiledApi;
import dev.turnpike.snapshot.CompiledGatewayResponses;
import dev.turnpike.snapshot.CompiledIntegration;
import dev.turnpike.snapshot.CompiledMethod;
import dev.turnpike.snapshot.CompiledStage;
import dev.turnpike.snapshot.GatewaySnapshot;
import dev.turnpike.snapshot.StageMetering;
import dev.turnpike.testkit.TestExchanges;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Request metrics per API id and stage, counted from finished exchanges and read back as the
 * Prometheus text a scraper sees (exact sample lines).
 */
class ExchangeMetricsTest {
  private final Metrics metrics = new Metrics(List::of);
  private final ExchangeMetrics requests = new ExchangeMetrics(new RequestMetrics(metrics));

  static Exchange exchange(
      String apiId, String stageName, @org.jspecify.annotations.Nullable CompiledIntegration in) {
    Exchange ex = TestExchanges.of(GatewaySnapshot.empty(), apiId, "GET", "/dev/pets", "");
    CompiledStage stage =
        new CompiledStage(
            apiId,
            "123456789012",
            stageName,
            "dep1",
            false,
            Map.of(),
            ResourceTree.compile(List.of(), r -> Map.of()),
            CompiledGatewayResponses.builtIn(),
            null,
            StageMetering.NONE);
    ex.stage = stage;
    ex.api = new CompiledApi(apiId, "123456789012", Map.of(stageName, stage));
    ex.route =
        new RouteMatch<>(
            new CompiledMethod("GET", "/pets", "NONE", false, in), "/pets", "r1", Map.of());
    return ex;
  }

  static GatewayReply reply(int status) {
    return GatewayReply.of(status, new DefaultHttpHeaders(), new byte[0]);
  }

  @Test
  void finished_countsRequestsErrorsThrottlesAndQuotaPerApiStage() {
    requests.finished(exchange("abc123", "dev", null), reply(200), 3_000_000);
    requests.finished(exchange("abc123", "dev", null), reply(404), 1_000_000);
    Exchange throttled = exchange("abc123", "dev", null);
    throttled.cause = Cause.THROTTLE_STAGE;
    requests.finished(throttled, reply(429), 500_000);
    Exchange quota = exchange("abc123", "dev", null);
    quota.cause = Cause.QUOTA;
    requests.finished(quota, reply(429), 500_000);
    Exchange failed = exchange("abc123", "dev", null);
    failed.integrationLatencyMillis = 40;
    requests.finished(failed, reply(502), 45_000_000);
    requests.finished(exchange("xyz789", "prod", null), reply(200), 1_000_000);

    String text = metrics.scrape();
    assertThat(text.lines())
        .contains(
            "turnpike_api_requests_total{api_id=\"abc123\",stage=\"dev\"} 5.0",
            "turnpike_api_4xx_errors_total{api_id=\"abc123\",stage=\"dev\"} 3.0",
            "turnpike_api_5xx_errors_total{api_id=\"abc123\",stage=\"dev\"} 1.0",
            "turnpike_api_throttled_total{api_id=\"abc123\",level=\"stage\",stage=\"dev\"} 1.0",
            "turnpike_api_throttled_total{api_id=\"abc123\",level=\"plan\",stage=\"dev\"} 0.0",
            "turnpike_api_quota_exceeded_total{api_id=\"abc123\",stage=\"dev\"} 1.0",
            "turnpike_api_latency_seconds_count{api_id=\"abc123\",stage=\"dev\"} 5",
            "turnpike_api_latency_seconds_bucket{api_id=\"abc123\",stage=\"dev\",le=\"0.001\"} 3",
            "turnpike_api_latency_seconds_bucket{api_id=\"abc123\",stage=\"dev\",le=\"0.005\"} 4",
            "turnpike_api_latency_seconds_bucket{api_id=\"abc123\",stage=\"dev\",le=\"0.05\"} 5",
            "turnpike_api_integration_latency_seconds_count{api_id=\"abc123\",stage=\"dev\"} 1",
            "turnpike_api_requests_total{api_id=\"xyz789\",stage=\"prod\"} 1.0");
  }

  @Test
  void finished_lambdaIntegration_countsInvocationsErrorsAndThrottles() {
    CompiledIntegration lambda =
        new CompiledIntegration(
            "AWS_PROXY",
            "POST",
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations",
            29_000,
            "WHEN_NO_MATCH",
            Map.of(),
            Map.of(),
            List.of(),
            null);
    Exchange ok = exchange("abc123", "dev", lambda);
    ok.integrationLatencyMillis = 12;
    requests.finished(ok, reply(200), 13_000_000);
    Exchange error = exchange("abc123", "dev", lambda);
    error.integrationLatencyMillis = 30;
    error.cause = Cause.LAMBDA_FUNCTION_ERROR;
    requests.finished(error, reply(502), 31_000_000);
    Exchange throttled = exchange("abc123", "dev", lambda);
    throttled.integrationLatencyMillis = 1;
    throttled.cause = Cause.LAMBDA_THROTTLED;
    requests.finished(throttled, reply(429), 2_000_000);
    Exchange denied = exchange("abc123", "dev", lambda); // refused before any invoke
    denied.cause = Cause.LAMBDA_PERMISSION;
    requests.finished(denied, reply(500), 1_000_000);

    assertThat(metrics.scrape().lines())
        .contains(
            "turnpike_lambda_invocations_total{api_id=\"abc123\",stage=\"dev\"} 2.0",
            "turnpike_lambda_errors_total{api_id=\"abc123\",stage=\"dev\"} 1.0",
            "turnpike_lambda_throttles_total{api_id=\"abc123\",stage=\"dev\"} 1.0",
            "turnpike_lambda_duration_seconds_count{api_id=\"abc123\",stage=\"dev\"} 2",
            "turnpike_api_5xx_errors_total{api_id=\"abc123\",stage=\"dev\"} 2.0");
  }

  @Test
  void finished_noApiStage_countsUnresolvedWithoutLabels() {
    Exchange ex = TestExchanges.of(GatewaySnapshot.empty(), "nope", "GET", "/dev/x", "");
    requests.finished(ex, reply(403), 1_000_000);
    assertThat(metrics.scrape().lines())
        .contains("turnpike_unresolved_requests_total 1.0")
        .noneMatch(l -> l.startsWith("turnpike_api_requests_total"));
  }
}
