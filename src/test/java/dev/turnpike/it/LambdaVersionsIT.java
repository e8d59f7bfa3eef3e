package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's versions and aliases end to end with the AWS CLI: CreateFunction with {@code
 * --publish}, PublishVersion (a second publish of unchanged code returns the same version),
 * ListVersionsByFunction, CreateAlias/GetAlias/UpdateAlias (weighted routing)/ListAliases, Invoke
 * by version and alias ({@code X-Amz-Executed-Version}, the invoked ARN the function sees),
 * DeleteFunction with a qualifier (refused while an alias routes to the version, and for {@code
 * $LATEST}), Lambda's messages for each refusal; then an API Gateway {@code AWS_PROXY} method whose
 * URI names the alias through a stage variable: 500 while the only permission is on the unqualified
 * function (the trap AWS users hit, and {@code doctor lambda} names it), 200 once the alias has its
 * own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaVersionsIT {
  private static final String HANDLER =
      String.join(
          "\n",
          "import json, os",
          "CODE = '%s'",
          "def handler(event, context):",
          "    out = {'code': CODE, 'version': os.environ['AWS_LAMBDA_FUNCTION_VERSION'],",
          "           'arn': context.invoked_function_arn}",
          "    if 'httpMethod' in event:",
          "        return {'statusCode': 200, 'body': json.dumps(out)}",
          "    return out",
          "");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static String account;
  static String arn;
  static String role;

  @BeforeAll
  static void setUp() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    account = turnpike.endpoints().accountId();
    arn = "arn:aws:lambda:us-east-1:" + account + ":function:ver";
    role = LambdaFixtures.executionRole(aws, "ver-exec");
    Files.write(tmp.resolve("one.zip"), zip("app.py", HANDLER.formatted("one")));
    Files.write(tmp.resolve("two.zip"), zip("app.py", HANDLER.formatted("two")));
  }

  @AfterAll
  static void tearDown() throws InterruptedException {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  @Test
  @Order(1)
  void createFunctionWithPublish_answersVersionOne() throws Exception {
    JsonNode c =
        ok(
            "lambda",
            "create-function",
            "--function-name",
            "ver",
            "--runtime",
            "python3.12",
            "--handler",
            "app.handler",
            "--role",
            role,
            "--zip-file",
            "fileb://" + tmp.resolve("one.zip"),
            "--publish");
    // AWS: CreateFunction with Publish answers with the published version's configuration.
    assertThat(c.get("Version").asText()).isEqualTo("1");
    assertThat(c.get("FunctionArn").asText()).isEqualTo(arn + ":1");
  }

  @Test
  @Order(2)
  void publishVersion_newCode_isTwo_andUnchangedCodePublishesNothingNew() throws Exception {
    ok(
        "lambda",
        "update-function-code",
        "--function-name",
        "ver",
        "--zip-file",
        "fileb://" + tmp.resolve("two.zip"));
    JsonNode two =
        ok("lambda", "publish-version", "--function-name", "ver", "--description", "second");
    assertThat(two.get("Version").asText()).isEqualTo("2");
    assertThat(two.get("Description").asText()).isEqualTo("second");
    // AWS: nothing changed since version 2, so publishing again returns version 2.
    JsonNode again = ok("lambda", "publish-version", "--function-name", "ver");
    assertThat(again.get("Version").asText()).isEqualTo("2");
    JsonNode list = ok("lambda", "list-versions-by-function", "--function-name", "ver");
    assertThat(list.get("Versions")).hasSize(3);
    assertThat(list.get("Versions").get(0).get("FunctionArn").asText()).isEqualTo(arn + ":$LATEST");
    assertThat(list.get("Versions").get(1).get("Version").asText()).isEqualTo("1");
    assertThat(list.get("Versions").get(2).get("Version").asText()).isEqualTo("2");
  }

  @Test
  @Order(3)
  void publishVersion_staleCodeSha256_isRefused() throws Exception {
    AwsCli.Result r =
        aws.runService(
            "lambda", "publish-version", "--function-name", "ver", "--code-sha256", "abc");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr())
        .contains("InvalidParameterValueException", "CodeSHA256 (abc) is different from current");
  }

  @Test
  @Order(4)
  void aliasAndVersions_invokeRunsTheirCode() throws Exception {
    JsonNode alias =
        ok(
            "lambda",
            "create-alias",
            "--function-name",
            "ver",
            "--name",
            "live",
            "--function-version",
            "1");
    assertThat(alias.get("AliasArn").asText()).isEqualTo(arn + ":live");
    assertThat(invoke("ver:live").get("code").asText()).isEqualTo("one");
    JsonNode viaAlias = invoke("ver", "--qualifier", "live");
    assertThat(viaAlias.get("version").asText()).isEqualTo("1");
    // The runtime is told the ARN it was invoked by: the alias's.
    assertThat(viaAlias.get("arn").asText()).isEqualTo(arn + ":live");
    assertThat(invoke("ver", "--qualifier", "2").get("code").asText()).isEqualTo("two");
    assertThat(invoke("ver").get("version").asText()).isEqualTo("$LATEST");
    JsonNode meta = invokeMeta("ver:live");
    assertThat(meta.get("ExecutedVersion").asText()).isEqualTo("1");
  }

  @Test
  @Order(5)
  void aliasesAndVersions_refusalsAsLambdaWordsThem() throws Exception {
    assertFails(
        new String[] {
          "create-alias", "--function-name", "ver", "--name", "live", "--function-version", "2"
        },
        "ResourceConflictException",
        "Alias already exists: " + arn + ":live");
    assertFails(
        new String[] {"get-alias", "--function-name", "ver", "--name", "nope"},
        "ResourceNotFoundException",
        "Cannot find alias arn: " + arn + ":nope");
    assertFails(
        new String[] {
          "create-alias", "--function-name", "ver", "--name", "later", "--function-version", "9"
        },
        "ResourceNotFoundException",
        "Function not found: " + arn + ":9");
    assertFails(
        new String[] {"get-function", "--function-name", "ver", "--qualifier", "9"},
        "ResourceNotFoundException",
        "Function not found: " + arn + ":9");
    assertFails(
        new String[] {"delete-function", "--function-name", "ver", "--qualifier", "1"},
        "ResourceConflictException",
        "Unable to delete version because the following aliases reference it: [live]");
    assertFails(
        new String[] {"delete-function", "--function-name", "ver", "--qualifier", "$LATEST"},
        "InvalidParameterValueException",
        "$LATEST version cannot be deleted without deleting the function.");
  }

  @Test
  @Order(6)
  void weightedAlias_splitsInvocationsBetweenTwoVersions() throws Exception {
    JsonNode a =
        ok(
            "lambda",
            "update-alias",
            "--function-name",
            "ver",
            "--name",
            "live",
            "--routing-config",
            "AdditionalVersionWeights={2=0.5}");
    assertThat(a.get("RoutingConfig").get("AdditionalVersionWeights").get("2").asDouble())
        .isEqualTo(0.5);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 40 && seen.size() < 2; i++) {
      seen.add(invoke("ver:live").get("code").asText());
    }
    // The chance of one version only in 40 fair draws is 2 in a trillion.
    assertThat(seen).containsExactlyInAnyOrder("one", "two");
    JsonNode aliases = ok("lambda", "list-aliases", "--function-name", "ver");
    assertThat(aliases.get("Aliases")).hasSize(1);
  }

  @Test
  @Order(7)
  void deleteVersion_oncenoAliasRoutesToIt_removesItAndItsCode() throws Exception {
    ok(
        "lambda",
        "update-alias",
        "--function-name",
        "ver",
        "--name",
        "live",
        "--function-version",
        "2",
        "--routing-config",
        "AdditionalVersionWeights={}");
    AwsCli.Result r =
        aws.runService("lambda", "delete-function", "--function-name", "ver", "--qualifier", "1");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    JsonNode list = ok("lambda", "list-versions-by-function", "--function-name", "ver");
    assertThat(list.get("Versions")).hasSize(2);
    // $LATEST and version 2 run the same code: one code directory is left.
    try (Stream<Path> dirs =
        Files.list(turnpike.dataDir().resolve("lambda").resolve("functions").resolve("ver"))) {
      assertThat(dirs.count()).isEqualTo(1);
    }
  }

  @Test
  @Order(8)
  void apiGatewayToAliasFromStageVariable_needsThePermissionOnTheAlias() throws Exception {
    String apiId = aws.json("create-rest-api", "--name", "aliased").get("id").asText();
    String root =
        aws.json("get-resources", "--rest-api-id", apiId).get("items").get(0).get("id").asText();
    aws.json(
        "put-method",
        "--rest-api-id",
        apiId,
        "--resource-id",
        root,
        "--http-method",
        "GET",
        "--authorization-type",
        "NONE");
    aws.json(
        "put-integration",
        "--rest-api-id",
        apiId,
        "--resource-id",
        root,
        "--http-method",
        "GET",
        "--type",
        "AWS_PROXY",
        "--integration-http-method",
        "POST",
        "--uri",
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            + arn
            + ":${stageVariables.alias}/invocations");
    aws.json(
        "create-deployment",
        "--rest-api-id",
        apiId,
        "--stage-name",
        "prod",
        "--variables",
        "alias=live");
    String sourceArn = "arn:aws:execute-api:us-east-1:" + account + ":" + apiId + "/*/GET/";
    ok(
        "lambda",
        "add-permission",
        "--function-name",
        "ver",
        "--statement-id",
        "unqualified",
        "--action",
        "lambda:InvokeFunction",
        "--principal",
        "apigateway.amazonaws.com",
        "--source-arn",
        sourceArn);
    RawHttp.Response denied = Invoke.hostStyle(turnpike, apiId, "GET", "/prod/", null);
    // AWS: the unqualified function's policy does not cover an alias: 500, as recorded for a
    // missing permission.
    assertThat(denied.status()).isEqualTo(500);
    assertThat(denied.bodyText()).isEqualTo("{\"message\": \"Internal server error\"}");
    ExplainIT.Run doctor =
        ExplainIT.turnpikeCli(
            "doctor",
            "lambda",
            "--api",
            apiId,
            "--stage",
            "prod",
            "--json",
            "--data-dir",
            turnpike.dataDir().toString());
    assertThat(doctor.out())
        .contains("API Gateway may not invoke ver:live")
        .contains("does not cover ver:live")
        .contains("aws lambda add-permission --function-name ver --qualifier live");
    ok(
        "lambda",
        "add-permission",
        "--function-name",
        "ver",
        "--qualifier",
        "live",
        "--statement-id",
        "alias",
        "--action",
        "lambda:InvokeFunction",
        "--principal",
        "apigateway.amazonaws.com",
        "--source-arn",
        sourceArn);
    JsonNode policy = ok("lambda", "get-policy", "--function-name", "ver", "--qualifier", "live");
    assertThat(policy.get("Policy").asText()).contains("\"Resource\":\"" + arn + ":live\"");
    RawHttp.Response allowed =
        Poll.until(
            java.time.Duration.ofSeconds(5),
            () -> Invoke.hostStyle(turnpike, apiId, "GET", "/prod/", null),
            r -> r.status() == 200);
    JsonNode body = AwsCli.JSON.readTree(allowed.bodyText());
    assertThat(body.get("code").asText()).isEqualTo("two");
    assertThat(body.get("version").asText()).isEqualTo("2");
    assertThat(body.get("arn").asText()).isEqualTo(arn + ":live");
    // explain names the alias the URI called and the version it ran.
    ExplainIT.Run explain =
        ExplainIT.turnpikeCli(
            "explain",
            allowed.header("x-amzn-RequestId"),
            "--data-dir",
            turnpike.dataDir().toString());
    assertThat(explain.out()).contains("Lambda function: " + arn + ":live (ran version 2)");
  }

  /**
   * The function runs with its execution role's temporary credentials, as on Lambda, and botocore
   * inside it signs a call to Turnpike's STS with them: the caller is the role session named after
   * the function. Nothing of Turnpike's own credentials is in its environment.
   */
  @Test
  @Order(9)
  void function_signsWithItsExecutionRolesSession() throws Exception {
    String code =
        String.join(
            "\n",
            "import os, boto3",
            "def handler(event, context):",
            "    sts = boto3.client('sts', endpoint_url=os.environ['TP_ENDPOINT'],",
            "                       region_name=os.environ['AWS_REGION'])",
            "    return {'arn': sts.get_caller_identity()['Arn'],",
            "            'key': os.environ['AWS_ACCESS_KEY_ID'][:4],",
            "            'token': bool(os.environ.get('AWS_SESSION_TOKEN'))}",
            "");
    Files.write(tmp.resolve("whoami.zip"), zip("who.py", code));
    ok(
        "lambda",
        "create-function",
        "--function-name",
        "whoami",
        "--runtime",
        "python3.12",
        "--handler",
        "who.handler",
        "--role",
        role,
        "--timeout",
        "30",
        "--zip-file",
        "fileb://" + tmp.resolve("whoami.zip"),
        "--environment",
        "Variables={TP_ENDPOINT=http://127.0.0.1:" + turnpike.adminPort() + "}");
    JsonNode who = invoke("whoami");
    assertThat(who.get("arn").asText())
        .isEqualTo("arn:aws:sts::" + account + ":assumed-role/ver-exec/whoami");
    assertThat(who.get("key").asText()).isEqualTo("ASIA");
    assertThat(who.get("token").asBoolean()).isTrue();
    String admin = turnpike.credentials().accessKeyId();
    assertThat(Files.readString(turnpike.dataDir().resolve("logs/lambda/whoami.log")))
        .doesNotContain(admin);
  }

  /**
   * A function kept elsewhere: a second Turnpike's function tagged {@code turnpike:forward-to} with
   * this one's Lambda endpoint is invoked here, signed with the credentials in the second's
   * environment, and this side's log tail lands in its function log.
   */
  @Test
  @Order(10)
  void forwardedFunction_isInvokedAtItsEndpoint() throws Exception {
    TurnpikeProcess.Credentials admin = turnpike.credentials();
    TurnpikeProcess front =
        TurnpikeProcess.startWrapped(
            tmp.resolve("front"),
            List.of(
                "env",
                "AWS_ACCESS_KEY_ID=" + admin.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY=" + admin.secretAccessKey()));
    try {
      AwsCli frontAws = new AwsCli(front);
      String frontRole = LambdaFixtures.executionRole(frontAws, "front-exec");
      LambdaFixtures.ok(
          frontAws,
          "lambda",
          "create-function",
          "--function-name",
          "ver",
          "--runtime",
          "python3.12",
          "--handler",
          "app.handler",
          "--role",
          frontRole,
          "--zip-file",
          "fileb://" + tmp.resolve("one.zip"),
          "--tags",
          "turnpike:forward-to=http://127.0.0.1:" + turnpike.adminPort());
      Path out = tmp.resolve("forwarded.json");
      JsonNode meta =
          LambdaFixtures.ok(frontAws, "lambda", "invoke", "--function-name", "ver", out.toString());
      assertThat(meta.get("StatusCode").asInt()).isEqualTo(200);
      JsonNode answer = AwsCli.JSON.readTree(Files.readString(out));
      // The local zip says "one"; the function at the endpoint runs "two".
      assertThat(answer.get("code").asText()).isEqualTo("two");
      assertThat(Files.readString(front.dataDir().resolve("logs/lambda/ver.log")))
          .contains("START RequestId", "REPORT RequestId");
    } finally {
      front.close();
    }
  }

  private static JsonNode invoke(String name, String... extra) throws Exception {
    Path out = Files.createTempFile(tmp, "out", ".json");
    run(name, out, extra);
    return AwsCli.JSON.readTree(Files.readString(out));
  }

  private static JsonNode invokeMeta(String name) throws Exception {
    return run(name, Files.createTempFile(tmp, "out", ".json"));
  }

  private static JsonNode run(String name, Path out, String... extra) throws Exception {
    String[] args = new String[4 + extra.length];
    args[0] = "invoke";
    args[1] = "--function-name";
    args[2] = name;
    System.arraycopy(extra, 0, args, 3, extra.length);
    args[args.length - 1] = out.toString();
    return ok("lambda", args);
  }

  private static void assertFails(String[] args, String code, String message) throws Exception {
    AwsCli.Result r = aws.runService("lambda", args);
    assertThat(r.exitCode()).as(String.join(" ", args)).isNotZero();
    assertThat(r.stderr()).contains(code, message);
  }

  private static JsonNode ok(String service, String... args) throws Exception {
    return LambdaFixtures.ok(aws, service, args);
  }

  private static byte[] zip(String entry, String content) throws IOException {
    return LambdaFixtures.zip(entry, content);
  }
}
