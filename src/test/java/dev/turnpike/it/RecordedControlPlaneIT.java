package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apigateway control plane through the real AWS CLI where LocalStack's AWS-validated snapshots
 * (test_apigateway_api.py) recorded AWS answering otherwise than Turnpike did (issue 20): the
 * fields AWS always returns, the inputs it accepts, the error types and words it answers.
 */
class RecordedControlPlaneIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;

  @BeforeAll
  static void start() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
  }

  @AfterAll
  static void stop() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  @Test
  void restApiAnswersAsRecorded() throws Exception {
    JsonNode api = aws.json("create-rest-api", "--name", "recorded");
    assertThat(api.get("endpointConfiguration").toString())
        .isEqualTo("{\"types\":[\"EDGE\"],\"ipAddressType\":\"ipv4\"}");
    String id = api.get("id").asText();
    JsonNode updated =
        aws.json(
            "update-rest-api",
            "--rest-api-id",
            id,
            "--patch-operations",
            "op=replace,path=/minimumCompressionSize,value=10");
    assertThat(updated.get("minimumCompressionSize").asInt()).isEqualTo(10);
    assertThat(updated.get("tags").toString()).isEqualTo("{}");

    AwsCli.Result emptyDescription = aws.run("create-rest-api", "--name", "x", "--description", "");
    assertThat(emptyDescription.stderr())
        .contains("(BadRequestException)")
        .contains("Description cannot be an empty string");
    AwsCli.Result badOp =
        aws.run(
            "update-rest-api",
            "--rest-api-id",
            id,
            "--patch-operations",
            "op=wrong,path=/name,value=x");
    assertThat(badOp.stderr())
        .contains("(ValidationException)")
        .contains(
            "1 validation error detected: Value 'wrong' at"
                + " 'updateRestApiInput.patchOperations.1.member.op' failed to satisfy constraint:"
                + " Member must satisfy enum value set: [add, remove, move, test, replace, copy]");
  }

  @Test
  void methodsAndDocumentationAsRecorded() throws Exception {
    JsonNode api = aws.json("create-rest-api", "--name", "methods");
    String id = api.get("id").asText();
    String root = api.get("rootResourceId").asText();
    JsonNode method =
        aws.json(
            "put-method",
            "--rest-api-id",
            id,
            "--resource-id",
            root,
            "--http-method",
            "GET",
            "--authorization-type",
            "none");
    assertThat(method.get("authorizationType").asText()).isEqualTo("NONE");
    aws.json(
        "put-integration",
        "--rest-api-id",
        id,
        "--resource-id",
        root,
        "--http-method",
        "GET",
        "--type",
        "MOCK");
    JsonNode ir =
        aws.json(
            "put-integration-response",
            "--rest-api-id",
            id,
            "--resource-id",
            root,
            "--http-method",
            "GET",
            "--status-code",
            "200");
    assertThat(ir.get("statusCode").asText()).isEqualTo("200");

    AwsCli.Result noApi = aws.run("get-documentation-parts", "--rest-api-id", "fake-api");
    assertThat(noApi.stderr())
        .contains("(NotFoundException)")
        .contains("Invalid API identifier specified ")
        .contains(":fake-api");
    JsonNode part =
        aws.json(
            "create-documentation-part",
            "--rest-api-id",
            id,
            "--location",
            "type=API",
            "--properties",
            "{\"description\":\"pets\"}");
    assertThat(part.get("properties").asText()).isEqualTo("{\"description\":\"pets\"}");
    assertThat(
            aws.json("get-documentation-parts", "--rest-api-id", id)
                .get("items")
                .get(0)
                .get("id")
                .asText())
        .isEqualTo(part.get("id").asText());
  }
}
