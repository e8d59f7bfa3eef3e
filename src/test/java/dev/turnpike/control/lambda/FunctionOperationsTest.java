package dev.turnpike.control.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.lambda.FunctionConfig;
import dev.turnpike.lambda.FunctionDirectory;
import dev.turnpike.lambda.InvokeOptions;
import dev.turnpike.lambda.InvokeResult;
import dev.turnpike.lambda.LambdaInvoker;
import dev.turnpike.model.IamRole;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.JdbcConfigStore;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionOperationsTest {
  static final String ACCOUNT = "123456789012";
  static final String REGION = "us-east-1";
  static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/lambda-role";
  static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";

  @TempDir Path dir;
  JdbcConfigStore store;
  RouteTable<Operation> routes;
  FakeInvoker invoker = new FakeInvoker();

  @BeforeEach
  void setUp() {
    store = JdbcConfigStore.embedded(dir.resolve("db"));
    ControlContext ctx =
        new ControlContext(
            store,
            Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC),
            REGION,
            () -> {});
    ctx.commit(
        List.of(
            Write.create(
                DocumentKey.of(ACCOUNT, Kinds.IAM_ROLE, "lambda-role"),
                Documents.write(
                    new IamRole(
                        "lambda-role", "AROAEXAMPLE", "/", 0L, "{}", 3600, null, List.of())))));
    routes =
        LambdaService.routes(ctx, invoker, new FunctionDirectory(dir.resolve("functions"), 10));
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  @Test
  void createFunction_validRequest_answers201WithAwsConfiguration() throws IOException {
    byte[] zip = zip("app.py", "def handler(e, c):\n  return e\n");
    ControlResponse r = call("POST", "/2015-03-31/functions", create("fn", zip, ROLE));
    assertThat(r.status()).isEqualTo(201);
    JsonNode c = json(r);
    assertThat(c.get("FunctionName").asText()).isEqualTo("fn");
    assertThat(c.get("FunctionArn").asText()).isEqualTo(ARN + "fn");
    assertThat(c.get("Runtime").asText()).isEqualTo("python3.12");
    assertThat(c.get("Handler").asText()).isEqualTo("app.handler");
    assertThat(c.get("Role").asText()).isEqualTo(ROLE);
    assertThat(c.get("CodeSize").asLong()).isEqualTo(zip.length);
    assertThat(c.get("CodeSha256").asText()).isEqualTo(FunctionCode.sha256(zip));
    // AWS: LastModified is "yyyy-MM-dd'T'HH:mm:ss.SSS+0000".
    assertThat(c.get("LastModified").asText()).isEqualTo("2024-05-01T10:00:00.000+0000");
    assertThat(c.get("Timeout").asInt()).isEqualTo(3);
    assertThat(c.get("MemorySize").asInt()).isEqualTo(128);
    assertThat(c.get("Version").asText()).isEqualTo("$LATEST");
    assertThat(c.get("State").asText()).isEqualTo("Active");
    assertThat(c.get("LastUpdateStatus").asText()).isEqualTo("Successful");
    assertThat(c.get("PackageType").asText()).isEqualTo("Zip");
    assertThat(c.get("Architectures").toString()).isEqualTo("[\"x86_64\"]");
    assertThat(c.get("Environment").get("Variables").get("GREETING").asText()).isEqualTo("hi");
    assertThat(c.get("RevisionId").asText()).hasSize(36);
    try (var files = Files.walk(dir.resolve("functions").resolve("fn"))) {
      assertThat(files.filter(p -> p.endsWith("app.py")).count()).isEqualTo(1);
    }
  }

  @Test
  void createFunction_duplicateName_answers409ResourceConflict() throws IOException {
    byte[] zip = zip("app.py", "x = 1\n");
    call("POST", "/2015-03-31/functions", create("fn", zip, ROLE));
    ControlResponse r = call("POST", "/2015-03-31/functions", create("fn", zip, ROLE));
    // AWS: "Function already exist: {name}" (sic).
    assertError(r, 409, "ResourceConflictException", "Function already exist: fn");
  }

  @Test
  void createFunction_unknownRole_answersInvalidParameterValue() throws IOException {
    ControlResponse r =
        call(
            "POST",
            "/2015-03-31/functions",
            create("fn", zip("app.py", "x=1"), "arn:aws:iam::" + ACCOUNT + ":role/nosuch"));
    assertError(
        r,
        400,
        "InvalidParameterValueException",
        "The role defined for the function cannot be assumed by Lambda.");
  }

  @Test
  void createFunction_otherAccountsRole_answersInvalidParameterValue() throws IOException {
    ControlResponse r =
        call(
            "POST",
            "/2015-03-31/functions",
            create("fn", zip("app.py", "x=1"), "arn:aws:iam::999999999999:role/lambda-role"));
    assertError(
        r,
        400,
        "InvalidParameterValueException",
        "The role defined for the function cannot be assumed by Lambda.");
  }

  @Test
  void createFunction_unsupportedRuntime_answersInvalidParameterValue() throws IOException {
    String body = create("fn", zip("app.py", "x=1"), ROLE).replace("python3.12", "ruby3.3");
    ControlResponse r = call("POST", "/2015-03-31/functions", body);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.headers().get("x-amzn-ErrorType")).isEqualTo("InvalidParameterValueException");
    assertThat(json(r).get("message").asText())
        .startsWith("Value ruby3.3 at 'runtime' failed to satisfy constraint");
  }

  @Test
  void createFunction_timeoutZero_answersValidationException() throws IOException {
    String body =
        create("fn", zip("app.py", "x=1"), ROLE)
            .replace("{\"FunctionName\"", "{\"Timeout\":0,\"FunctionName\"");
    ControlResponse r = call("POST", "/2015-03-31/functions", body);
    assertError(
        r,
        400,
        "ValidationException",
        "1 validation error detected: Value '0' at 'timeout' failed to satisfy constraint: Member"
            + " must have value greater than or equal to 1");
  }

  @Test
  void createFunction_zipEntryEscapingDir_isRefusedAndNothingWritten() throws IOException {
    ControlResponse r =
        call("POST", "/2015-03-31/functions", create("fn", zip("../../evil.py", "x=1"), ROLE));
    assertError(
        r,
        400,
        "InvalidParameterValueException",
        "Could not unzip uploaded file. Please check your file, then try to upload again.");
    assertThat(Files.exists(dir.resolve("evil.py"))).isFalse();
    assertThat(Files.exists(dir.resolve("functions").resolve("evil.py"))).isFalse();
    assertError(
        call("GET", "/2015-03-31/functions/fn"),
        404,
        "ResourceNotFoundException",
        "Function not found: " + ARN + "fn");
  }

  @Test
  void getFunction_existing_answersConfigurationCodeAndTags() throws IOException {
    call("POST", "/2015-03-31/functions", create("fn", zip("app.py", "x=1"), ROLE));
    ControlResponse r = call("GET", "/2015-03-31/functions/fn");
    assertThat(r.status()).isEqualTo(200);
    JsonNode b = json(r);
    assertThat(b.get("Configuration").get("FunctionArn").asText()).isEqualTo(ARN + "fn");
    assertThat(b.get("Code").get("RepositoryType").asText()).isEqualTo("S3");
    assertThat(b.get("Tags").get("team").asText()).isEqualTo("core");
    ControlResponse byArn = call("GET", "/2015-03-31/functions/" + ARN + "fn/configuration");
    assertThat(json(byArn).get("FunctionName").asText()).isEqualTo("fn");
  }

  @Test
  void getFunction_unknown_answers404ResourceNotFound() {
    // AWS: "Function not found: {the function's unqualified ARN}".
    assertError(
        call("GET", "/2015-03-31/functions/nosuch"),
        404,
        "ResourceNotFoundException",
        "Function not found: " + ARN + "nosuch");
  }

  @Test
  void listFunctions_maxItems_pagesWithNextMarker() throws IOException {
    byte[] zip = zip("app.py", "x=1");
    for (String n : List.of("c", "a", "b")) {
      call("POST", "/2015-03-31/functions", create(n, zip, ROLE));
    }
    JsonNode first = json(call("GET", "/2015-03-31/functions/", Map.of("MaxItems", List.of("2"))));
    assertThat(first.get("Functions").size()).isEqualTo(2);
    assertThat(first.get("Functions").get(0).get("FunctionName").asText()).isEqualTo("a");
    String marker = first.get("NextMarker").asText();
    JsonNode second =
        json(
            call(
                "GET",
                "/2015-03-31/functions/",
                Map.of("MaxItems", List.of("2"), "Marker", List.of(marker))));
    assertThat(second.get("Functions").size()).isEqualTo(1);
    assertThat(second.get("Functions").get(0).get("FunctionName").asText()).isEqualTo("c");
    assertThat(second.has("NextMarker")).isFalse();
  }

  @Test
  void deleteFunction_existing_answers204RetiresAndForgets() throws IOException {
    call("POST", "/2015-03-31/functions", create("fn", zip("app.py", "x=1"), ROLE));
    assertThat(call("DELETE", "/2015-03-31/functions/fn").status()).isEqualTo(204);
    assertThat(invoker.retired).containsExactly("fn");
    assertThat(Files.exists(dir.resolve("functions").resolve("fn"))).isFalse();
    assertThat(call("GET", "/2015-03-31/functions/fn").status()).isEqualTo(404);
  }

  @Test
  void invoke_success_answers200WithPayloadAndNoFunctionError() throws IOException {
    call("POST", "/2015-03-31/functions", create("fn", zip("app.py", "x=1"), ROLE));
    invoker.next = result(InvokeResult.Outcome.SUCCESS, "{\"ok\":true}", null);
    ControlResponse r = invoke("fn", "{\"a\":1}", Map.of());
    assertThat(r.status()).isEqualTo(200);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
    assertThat(r.headers()).containsEntry("X-Amz-Executed-Version", "$LATEST");
    assertThat(r.headers()).doesNotContainKey("X-Amz-Function-Error");
    assertThat(r.headers()).doesNotContainKey("X-Amz-Log-Result");
    FunctionConfig f = invoker.invoked.get(0);
    assertThat(f.arn()).isEqualTo(ARN + "fn");
    assertThat(f.environment()).containsEntry("GREETING", "hi");
    assertThat(f.codeDir().resolve("app.py")).exists();
  }

  @Test
  void invoke_functionErrorWithTail_answersUnhandledAndBase64Log() throws IOException {
    call("POST", "/2015-03-31/functions", create("fn", zip("app.py", "x=1"), ROLE));
    invoker.next =
        result(InvokeResult.Outcome.FUNCTION_ERROR, "{\"errorMessage\":\"boom\"}", "Unhandled");
    ControlResponse r = invoke("fn", "{}", Map.of("X-Amz-Log-Type", "Tail"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("X-Amz-Function-Error", "Unhandled");
    String log =
        new String(
            Base64.getDecoder().decode(r.headers().get("X-Amz-Log-Result")),
            StandardCharsets.UTF_8);
    assertThat(log).startsWith("START RequestId");
  }

  @Test
  void invoke_throttled_answers429TooManyRequests() throws IOException {
    call("POST", "/2015-03-31/functions", create("fn", zip("app.py", "x=1"), ROLE));
    invoker.next = result(InvokeResult.Outcome.THROTTLED, "", null);
    // AWS: a function at its concurrency limit answers 429 "Rate Exceeded.".
    assertError(invoke("fn", "{}", Map.of()), 429, "TooManyRequestsException", "Rate Exceeded.");
  }

  @Test
  void invoke_dryRun_answers204WithoutRunning() throws IOException {
    call("POST", "/2015-03-31/functions", create("fn", zip("app.py", "x=1"), ROLE));
    ControlResponse r = invoke("fn", "{}", Map.of("X-Amz-Invocation-Type", "DryRun"));
    assertThat(r.status()).isEqualTo(204);
    assertThat(invoker.invoked).isEmpty();
  }

  @Test
  void updateFunctionCode_newZip_newRevisionShaAndCodeDirAndRetires() throws IOException {
    JsonNode created =
        json(call("POST", "/2015-03-31/functions", create("fn", zip("app.py", "x=1"), ROLE)));
    byte[] zip2 = zip("app.py", "x=2\n");
    ControlResponse r =
        call(
            "PUT",
            "/2015-03-31/functions/fn/code",
            "{\"ZipFile\":\"" + Base64.getEncoder().encodeToString(zip2) + "\"}");
    assertThat(r.status()).isEqualTo(200);
    JsonNode c = json(r);
    assertThat(c.get("CodeSha256").asText()).isEqualTo(FunctionCode.sha256(zip2));
    assertThat(c.get("RevisionId").asText()).isNotEqualTo(created.get("RevisionId").asText());
    assertThat(invoker.retired).containsExactly("fn:$LATEST");
    invoke("fn", "{}", Map.of());
    assertThat(Files.readString(invoker.invoked.get(0).codeDir().resolve("app.py")))
        .isEqualTo("x=2\n");
    try (var dirs = Files.list(dir.resolve("functions").resolve("fn"))) {
      assertThat(dirs.count()).isEqualTo(1); // the old revision's directory is gone
    }
  }

  @Test
  void updateFunctionConfiguration_timeoutAndEnv_replacedAndRetires() throws IOException {
    call("POST", "/2015-03-31/functions", create("fn", zip("app.py", "x=1"), ROLE));
    ControlResponse r =
        call(
            "PUT",
            "/2015-03-31/functions/fn/configuration",
            "{\"Timeout\":30,\"Environment\":{\"Variables\":{\"A\":\"b\"}}}");
    assertThat(r.status()).isEqualTo(200);
    JsonNode c = json(r);
    assertThat(c.get("Timeout").asInt()).isEqualTo(30);
    assertThat(c.get("Environment").get("Variables").toString()).isEqualTo("{\"A\":\"b\"}");
    assertThat(c.get("MemorySize").asInt()).isEqualTo(128);
    assertThat(invoker.retired).containsExactly("fn:$LATEST");
  }

  @Test
  void updateFunctionConfiguration_staleRevisionId_answers412PreconditionFailed()
      throws IOException {
    call("POST", "/2015-03-31/functions", create("fn", zip("app.py", "x=1"), ROLE));
    assertError(
        call("PUT", "/2015-03-31/functions/fn/configuration", "{\"RevisionId\":\"stale\"}"),
        412,
        "PreconditionFailedException",
        "The Revision Id provided does not match the latest Revision Id. Call the"
            + " GetFunction/GetAlias API to retrieve the latest Revision Id");
  }

  @Test
  void unzip_entryOverQuota_isRefusedAndDirRemoved() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("big.bin"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 251; i++) {
        z.write(zeros);
      }
      z.closeEntry();
    }
    Path target = dir.resolve("bomb");
    try {
      FunctionCode.unzip(out.toByteArray(), target);
      throw new AssertionError("accepted a 251 MB entry");
    } catch (ApiException e) {
      // AWS: "Unzipped size must be smaller than 262144000 bytes".
      assertThat(e.getMessage()).isEqualTo("Unzipped size must be smaller than 262144000 bytes");
    }
    assertThat(Files.exists(target)).isFalse();
  }

  @Test
  void logResult_longLog_keepsLast4096Bytes() {
    String log = "x".repeat(5000) + "REPORT";
    byte[] tail = Base64.getDecoder().decode(InvokeOperation.logResult(log));
    assertThat(tail).hasSize(4096);
    assertThat(new String(tail, StandardCharsets.UTF_8)).endsWith("REPORT");
  }

  @Test
  void action_eachRoute_mapsToLambdaIamAction() {
    assertThat(LambdaService.action("POST", "/2015-03-31/functions"))
        .isEqualTo("lambda:CreateFunction");
    assertThat(LambdaService.action("GET", "/2015-03-31/functions/"))
        .isEqualTo("lambda:ListFunctions");
    assertThat(LambdaService.action("GET", "/2015-03-31/functions/fn"))
        .isEqualTo("lambda:GetFunction");
    assertThat(LambdaService.action("DELETE", "/2015-03-31/functions/fn"))
        .isEqualTo("lambda:DeleteFunction");
    assertThat(LambdaService.action("POST", "/2015-03-31/functions/fn/invocations"))
        .isEqualTo("lambda:InvokeFunction");
    assertThat(LambdaService.resource(REGION, ACCOUNT, "/2015-03-31/functions/fn/invocations"))
        .isEqualTo(ARN + "fn");
  }

  // --- helpers

  private ControlResponse invoke(String name, String payload, Map<String, String> headers) {
    String path = "/2015-03-31/functions/" + name + "/invocations";
    return call("POST", path, payload, Map.of(), headers);
  }

  @Test
  void putFunctionConcurrency_belowTheUnreservedFloor_isRefusedAsAwsRefusesIt() throws IOException {
    byte[] zip = zip("app.py", "x = 1\n");
    call("POST", "/2015-03-31/functions", create("a", zip, ROLE));
    call("POST", "/2015-03-31/functions", create("b", zip, ROLE));
    ControlResponse ok =
        call(
            "PUT", "/2017-10-31/functions/a/concurrency", "{\"ReservedConcurrentExecutions\":800}");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(json(ok).get("ReservedConcurrentExecutions").asInt()).isEqualTo(800);
    ControlResponse r =
        call(
            "PUT", "/2017-10-31/functions/b/concurrency", "{\"ReservedConcurrentExecutions\":101}");
    // AWS: the account's 1,000 must keep 100 unreserved.
    assertError(
        r,
        400,
        "InvalidParameterValueException",
        "Specified ReservedConcurrentExecutions for function decreases account's"
            + " UnreservedConcurrentExecution below its minimum value of [100].");
    JsonNode settings = json(call("GET", "/2016-08-19/account-settings/"));
    assertThat(settings.get("AccountLimit").get("UnreservedConcurrentExecutions").asInt())
        .isEqualTo(200);
    assertThat(settings.get("AccountUsage").get("FunctionCount").asInt()).isEqualTo(2);
    assertThat(call("DELETE", "/2017-10-31/functions/a/concurrency").status()).isEqualTo(204);
    assertThat(json(call("GET", "/2019-09-30/functions/a/concurrency")).isEmpty()).isTrue();
  }

  private ControlResponse call(String method, String path) {
    return call(method, path, "", Map.of());
  }

  private ControlResponse call(String method, String path, String body) {
    return call(method, path, body, Map.of());
  }

  private ControlResponse call(String method, String path, Map<String, List<String>> query) {
    return call(method, path, "", query);
  }

  private ControlResponse call(
      String method, String path, String body, Map<String, List<String>> query) {
    return call(method, path, body, query, Map.of());
  }

  private ControlResponse call(
      String method,
      String path,
      String body,
      Map<String, List<String>> query,
      Map<String, String> headers) {
    RouteTable.Match<Operation> m = routes.match(method, path);
    assertThat(m).as(method + " " + path).isNotNull();
    ApiCall call =
        new ApiCall(
            ACCOUNT,
            "arn:aws:iam::" + ACCOUNT + ":root",
            REGION,
            m.pathParams(),
            query,
            body.getBytes(StandardCharsets.UTF_8),
            name ->
                headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null));
    try {
      ControlResponse r = m.handler().handle(call);
      // A synchronous Invoke answers later, as the control plane would wait for it.
      return r.later() == null ? r : r.later().join();
    } catch (ApiException e) {
      return ControlResponse.error(e);
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof ApiException api) {
        return ControlResponse.error(api);
      }
      throw e;
    }
  }

  private static JsonNode json(ControlResponse r) {
    try {
      return Documents.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertError(ControlResponse r, int status, String type, String message) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.headers()).containsEntry("x-amzn-ErrorType", type);
    assertThat(json(r).get("message").asText()).isEqualTo(message);
  }

  private static String create(String name, byte[] zip, String role) {
    return "{\"FunctionName\":\""
        + name
        + "\",\"Runtime\":\"python3.12\",\"Handler\":\"app.handler\",\"Role\":\""
        + role
        + "\",\"Code\":{\"ZipFile\":\""
        + Base64.getEncoder().encodeToString(zip)
        + "\"},\"Environment\":{\"Variables\":{\"GREETING\":\"hi\"}},\"Tags\":{\"team\":\"core\"}}";
  }

  static byte[] zip(String entry, String content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry(entry));
      z.write(content.getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    return out.toByteArray();
  }

  private static InvokeResult result(InvokeResult.Outcome o, String payload, String error) {
    return new InvokeResult(
        "req-1",
        o,
        payload.getBytes(StandardCharsets.UTF_8),
        error,
        "START RequestId: req-1 Version: $LATEST\nEND RequestId: req-1\nREPORT RequestId: req-1\n",
        1.0,
        null);
  }

  static final class FakeInvoker implements LambdaInvoker {
    final List<FunctionConfig> invoked = new ArrayList<>();
    final List<String> retired = new ArrayList<>();
    InvokeResult next = result(InvokeResult.Outcome.SUCCESS, "null", null);

    @Override
    public CompletableFuture<InvokeResult> invoke(
        FunctionConfig function, byte[] payload, InvokeOptions options) {
      invoked.add(function);
      return CompletableFuture.completedFuture(next);
    }

    @Override
    public void retire(String functionName) {
      retired.add(functionName);
    }

    @Override
    public void retire(String functionName, String version) {
      retired.add(functionName + ":" + version);
    }

    @Override
    public void close() {}
  }
}
