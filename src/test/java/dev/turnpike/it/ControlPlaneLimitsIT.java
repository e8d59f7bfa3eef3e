package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.Op;

/**
 * Issue 22: the control plane stored a 5 MB API name and a million-entry {@code binaryMediaTypes}
 * (RSS to 829 MB). Field bounds (AWS's where it documents one, see control/apigateway/FieldLimits)
 * refuse them with a 400 {@code BadRequestException} through the real AWS SDK, and nothing is
 * stored.
 */
class ControlPlaneLimitsIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static ApiGatewayClient sdk;

  @BeforeAll
  static void start() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    sdk = Sdk.connect(turnpike);
  }

  @AfterAll
  static void stop() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  private static void assertBadRequest(Runnable call, String messagePart) {
    BadRequestException e = catchThrowableOfType(BadRequestException.class, call::run);
    assertThat(e).as("expected a BadRequestException").isNotNull();
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
  }

  private static int apiCount() {
    return sdk.getRestApis(r -> r.limit(500)).items().size();
  }

  @Test
  void fiveMegabyteName_issue22_refusedAndNotStored() {
    int before = apiCount();
    String name = "n".repeat(5 * 1024 * 1024);
    assertBadRequest(() -> sdk.createRestApi(r -> r.name(name)), "name is 5242880 characters");
    assertThat(apiCount()).isEqualTo(before);
    // At the bound it is stored.
    assertThat(sdk.createRestApi(r -> r.name("n".repeat(1024))).name()).hasSize(1024);
  }

  @Test
  void millionBinaryMediaTypes_issue22_refusedAndNotStored() {
    int before = apiCount();
    List<String> types = new ArrayList<>(1_000_000);
    for (int i = 0; i < 1_000_000; i++) {
      types.add("a/" + i);
    }
    assertBadRequest(
        () -> sdk.createRestApi(r -> r.name("many").binaryMediaTypes(types)),
        "binaryMediaTypes has 1000000 entries");
    assertThat(apiCount()).isEqualTo(before);
  }

  @Test
  void binaryMediaTypesAddedOneByOne_issue22_stopAtTheBound() {
    String id = sdk.createRestApi(r -> r.name("grow")).id();
    List<software.amazon.awssdk.services.apigateway.model.PatchOperation> ops = new ArrayList<>();
    for (int i = 0; i < 201; i++) {
      String path = "/binaryMediaTypes/image~1t" + i;
      ops.add(
          software.amazon.awssdk.services.apigateway.model.PatchOperation.builder()
              .op(Op.ADD)
              .path(path)
              .build());
    }
    assertBadRequest(
        () -> sdk.updateRestApi(r -> r.restApiId(id).patchOperations(ops)),
        "binaryMediaTypes has 201 entries");
    assertThat(sdk.getRestApi(r -> r.restApiId(id)).binaryMediaTypes()).isEmpty();
  }

  @Test
  void longDescriptionAndPolicy_issue22_refused() {
    assertBadRequest(
        () -> sdk.createRestApi(r -> r.name("d").description("d".repeat(4097))),
        "description is 4097 characters");
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
            + "\"Action\":\"execute-api:Invoke\",\"Resource\":\"execute-api:/*\",\"Sid\":\""
            + "s".repeat(8200)
            + "\"}]}";
    assertBadRequest(
        () -> sdk.createRestApi(r -> r.name("p").policy(policy)), "at most 8192 are allowed");
  }

  @Test
  void tags_issue22_boundedAsAwsDocuments() {
    Map<String, String> tags = new HashMap<>();
    for (int i = 0; i < 51; i++) {
      tags.put("k" + i, "v");
    }
    assertBadRequest(() -> sdk.createRestApi(r -> r.name("t").tags(tags)), "at most 50 tags");
    String id = sdk.createRestApi(r -> r.name("t2")).id();
    String arn = "arn:aws:apigateway:us-east-1::/restapis/" + id;
    assertBadRequest(
        () -> sdk.tagResource(r -> r.resourceArn(arn).tags(Map.of("k", "v".repeat(257)))),
        "at most 256");
    assertBadRequest(
        () -> sdk.tagResource(r -> r.resourceArn(arn).tags(Map.of("k".repeat(129), "v"))),
        "1 to 128");
    sdk.tagResource(r -> r.resourceArn(arn).tags(Map.of("k", "v")));
    assertThat(sdk.getTags(r -> r.resourceArn(arn)).tags()).containsEntry("k", "v");
  }

  @Test
  void afterEverything_theControlPlaneAnswers() {
    try {
      assertThat(sdk.getRestApis().items()).isNotNull();
    } catch (ApiGatewayException e) {
      throw new AssertionError(e);
    }
  }
}
