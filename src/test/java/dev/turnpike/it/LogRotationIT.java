package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * {@code serve --log-max-bytes N --log-keep K}: the access log is rotated to {@code access.log.1 …
 * access.log.K} once it reaches N bytes, so it never grows without bound; a nonsense limit is
 * refused before anything starts.
 */
class LogRotationIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path tmp;

  @Test
  void accessLog_pastTheCap_rotatesAndKeepsTheNewestFiles() throws Exception {
    try (TurnpikeProcess turnpike =
            TurnpikeProcess.start(
                tmp.resolve("data"), "--log-max-bytes", "2000", "--log-keep", "1");
        ApiGatewayClient sdk = Sdk.connect(turnpike)) {
      var api = sdk.createRestApi(r -> r.name("rotated"));
      String root = api.rootResourceId();
      sdk.putMethod(
          r -> r.restApiId(api.id()).resourceId(root).httpMethod("GET").authorizationType("NONE"));
      sdk.putIntegration(
          r ->
              r.restApiId(api.id())
                  .resourceId(root)
                  .httpMethod("GET")
                  .type(IntegrationType.MOCK)
                  .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
      sdk.putMethodResponse(
          r -> r.restApiId(api.id()).resourceId(root).httpMethod("GET").statusCode("200"));
      sdk.putIntegrationResponse(
          r -> r.restApiId(api.id()).resourceId(root).httpMethod("GET").statusCode("200"));
      sdk.createDeployment(r -> r.restApiId(api.id()).stageName("dev"));

      List<String> requestIds = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        RawHttp.Response r = Invoke.hostStyle(turnpike, api.id(), "GET", "/dev", null);
        assertThat(r.status()).isEqualTo(200);
        requestIds.add(r.header("x-amzn-RequestId"));
        Thread.sleep(
            30); // the log writer's batches are 25 ms apart: several batches, several rotations
      }
      Path logs = turnpike.dataDir().resolve("logs");
      String last = requestIds.get(requestIds.size() - 1);
      Poll.until(
          Duration.ofSeconds(5),
          () -> Files.readString(logs.resolve("access.log")),
          s -> s.contains(last));

      assertThat(logs.resolve("access.log.1")).exists();
      assertThat(logs.resolve("access.log.2")).doesNotExist();
      List<String> lines =
          new ArrayList<>(Files.readAllLines(logs.resolve("access.log.1"), StandardCharsets.UTF_8));
      lines.addAll(Files.readAllLines(logs.resolve("access.log"), StandardCharsets.UTF_8));
      assertThat(Files.size(logs.resolve("access.log.1"))).isLessThan(2000 + 2000);
      // what is kept is the newest requests, each on a whole line, the oldest rotated away
      assertThat(lines)
          .hasSizeLessThan(40)
          .last()
          .asString()
          .contains("\"requestId\":\"" + last + "\"");
      assertThat(String.join("\n", lines)).doesNotContain(requestIds.get(0));
    }
  }

  @Test
  void serve_nonsenseLogLimits_exitTwoWithTheReason() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                TurnpikeProcess.jar().toString(),
                "serve",
                "--data-dir",
                tmp.resolve("never").toString(),
                "--log-keep",
                "-1")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isEqualTo(2);
    assertThat(out)
        .contains(
            "--log-max-bytes, --log-keep: a log's size cap must be at least 1 byte and the rotated "
                + "files kept at least 0, got 104857600 and -1");
    assertThat(tmp.resolve("never")).doesNotExist();
  }
}
