package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.testkit.RestApiFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/**
 * The account throttle ({@code serve --account-rate 1 --account-burst 1}) and usage that survives a
 * restart.
 */
class AccountThrottleIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static String apiId;

  @BeforeAll
  static void configure() throws Exception {
    turnpike =
        TurnpikeProcess.start(tmp.resolve("data"), "--account-rate", "1", "--account-burst", "1");
    aws = new AwsCli(turnpike);
    try (ApiGatewayClient sdk =
        Sdk.connect(turnpike)) { // the API is a fixture: built through the SDK
      apiId = RestApiFixture.create(sdk, "acct").mock("GET", "/", "NONE", true, "ok").deploy("dev");
    }
  }

  @AfterAll
  static void shutDown() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  @Test
  void accountBucket_rapidSecondRequest429_usageSurvivesRestart() throws Exception {
    JsonNode key = aws.json("create-api-key", "--name", "k", "--enabled");
    String value = key.get("value").asText();
    String plan =
        aws.json(
                "create-usage-plan",
                "--name",
                "p",
                "--api-stages",
                "apiId=" + apiId + ",stage=dev",
                "--quota",
                "limit=100,period=MONTH")
            .get("id")
            .asText();
    aws.json(
        "create-usage-plan-key",
        "--usage-plan-id",
        plan,
        "--key-id",
        key.get("id").asText(),
        "--key-type",
        "API_KEY");
    Poll.until(
        Duration.ofSeconds(10),
        () -> Invoke.hostStyle(turnpike, apiId, "GET", "/dev/", null, "x-api-key", value).status(),
        s -> s == 200);
    RawHttp.Response r =
        Invoke.hostStyle(turnpike, apiId, "GET", "/dev/", null, "x-api-key", value);
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Too Many Requests\"}");

    turnpike.stop();
    turnpike.restart();
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    JsonNode usage =
        aws.json("get-usage", "--usage-plan-id", plan, "--start-date", today, "--end-date", today);
    assertThat(usage.get("items").get(key.get("id").asText()).toString()).isEqualTo("[[1,99]]");
  }
}
