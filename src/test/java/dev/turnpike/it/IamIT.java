package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.testkit.RestApiFixture;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/**
 * Issue 4 end to end with the real AWS CLI, botocore and the SDK v2 signer: two accounts (A = the
 * default account, B made by {@code turnpike account create} while the server runs), IAM users with
 * access keys and policies, an AWS_IAM API in A, the cross-account story (spec 5.2 tables A and B,
 * cases C53–C66), AssumeRole into A, clock skew, a wrong secret, and no secret or session token in
 * any log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IamIT {
  private static final String OK = "{\"ok\":true}";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli apigw;
  static Botocore botocore;
  static Path credentials;
  static String accountA;
  static String accountB;
  static String api;
  static String openApi;
  static final Map<String, String[]> keys = new LinkedHashMap<>();
  static final List<String> secrets = new ArrayList<>();

  @BeforeAll
  static void setUp() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    apigw = new AwsCli(turnpike);
    botocore = new Botocore(Files.createDirectories(tmp.resolve("py")));
    accountA = turnpike.endpoints().accountId();

    // Account B, created while the server runs (through its control plane).
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                TurnpikeProcess.jar().toString(),
                "account",
                "create",
                "--name",
                "b",
                "--data-dir",
                turnpike.dataDir().toString())
            .redirectErrorStream(false)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue())
        .as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .isZero();
    accountB = out;
    assertThat(accountB).matches("\\d{12}").isNotEqualTo(accountA);
    assertThat(Files.readString(turnpike.endpoints().credentialsFile()))
        .contains("[b]")
        .contains("[default]");
    credentials = tmp.resolve("test-credentials");
    Files.copy(turnpike.endpoints().credentialsFile(), credentials);

    // Users: u (identity allow), v (nothing), w (named by the resource policy) in A; bob (identity
    // allow), carol
    // (nothing) in B.
    String invokeAll =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
            + "[\"execute-api:Invoke\",\"sts:AssumeRole\"],\"Resource\":\"*\"}]}";
    for (String[] spec :
        new String[][] {
          {"default", "u"}, {"default", "v"}, {"default", "w"}, {"b", "bob"}, {"b", "carol"}
        }) {
      user(spec[0], spec[1], spec[1].equals("u") || spec[1].equals("bob") ? invokeAll : null);
    }

    // The APIs are fixtures, built through the SDK; the CLI drives IAM and the resource-policy
    // updates below.
    try (ApiGatewayClient sdk = Sdk.connect(turnpike)) {
      // API in A: GET /pets and GET / with AWS_IAM, MOCK 200.
      api =
          RestApiFixture.create(sdk, "iam-pets")
              .mock("GET", "/", "AWS_IAM", OK)
              .mock("GET", "/pets", "AWS_IAM", OK)
              .mock(
                  "GET",
                  "/pets/{id}",
                  "AWS_IAM",
                  "{\"userArn\":\"$context.identity.userArn\","
                      + "\"caller\":\"$context.identity.caller\",\"accountId\":\"$context.identity.accountId\","
                      + "\"accessKey\":\"$context.identity.accessKey\"}")
              .deploy("dev");

      // A NONE-auth API whose resource policy allows only 192.0.2.0/24 (C62, C63).
      openApi =
          RestApiFixture.create(
                  sdk,
                  "open",
                  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                      + "\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"execute-api:/*\","
                      + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}}]}")
              .mock("GET", "/pets", "NONE", OK)
              .mock("GET", "/", "NONE", OK)
              .deploy("dev");
    }
    // No wait: the control plane acknowledges a write once the data plane serves it
    // (read-your-writes).
  }

  static void user(String profile, String name, String policy) throws Exception {
    aws(profile, "iam", "create-user", "--user-name", name);
    JsonNode key = aws(profile, "iam", "create-access-key", "--user-name", name).get("AccessKey");
    keys.put(
        name, new String[] {key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText()});
    secrets.add(key.get("SecretAccessKey").asText());
    Files.writeString(
        credentials,
        "\n["
            + name
            + "]\naws_access_key_id = "
            + key.get("AccessKeyId").asText()
            + "\naws_secret_access_key = "
            + key.get("SecretAccessKey").asText()
            + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    if (policy != null) {
      aws(
          profile,
          "iam",
          "put-user-policy",
          "--user-name",
          name,
          "--policy-name",
          "p",
          "--policy-document",
          policy);
    }
  }

  /**
   * {@code aws --profile P <service> <args>} against the admin port with the test's credentials
   * file.
   */
  static AwsCli.Result run(String profile, String... args)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "aws",
                "--endpoint-url",
                "http://127.0.0.1:" + turnpike.adminPort(),
                "--output",
                "json",
                "--profile",
                profile));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put(
        "AWS_SHARED_CREDENTIALS_FILE",
        (credentials != null && Files.exists(credentials)
                ? credentials
                : turnpike.endpoints().credentialsFile())
            .toString());
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_PAGER", "");
    env.put("AWS_MAX_ATTEMPTS", "1");
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return p.getErrorStream().readAllBytes();
              } catch (IOException e) {
                return new byte[0];
              }
            });
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new AwsCli.Result(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
  }

  static JsonNode aws(String profile, String... args) throws Exception {
    AwsCli.Result r = run(profile, args);
    assertThat(r.exitCode()).as("aws %s: %s", String.join(" ", args), r.stderr()).isZero();
    return r.json();
  }

  static String host(String apiId) {
    return apiId + ".execute-api.us-east-1.localhost:" + turnpike.httpPort();
  }

  static Botocore.Reply invoke(String user, String path) throws Exception {
    String[] k = keys.get(user);
    return botocore.send(turnpike.httpPort(), host(api), "GET", path, k[0], k[1], null, 0, false);
  }

  static String arn(String apiId, String tail) {
    return "arn:aws:execute-api:us-east-1:********" + accountA.substring(8) + ":" + apiId + tail;
  }

  static String denied(String who, String resourceTail, String why) {
    return "{\"Message\":\"User: "
        + who
        + " is not authorized to perform: execute-api:Invoke on resource: "
        + arn(api, resourceTail)
        + " "
        + why
        + "\"}";
  }

  static void await(Poll.Probe<Boolean> probe) throws Exception {
    Poll.until(java.time.Duration.ofSeconds(10), probe, b -> b);
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  @Test
  @Order(1)
  void unsignedAndMalformedAuthorization_C53_C54_C55() throws Exception {
    RawHttp.Response r =
        RawHttp.exchange(turnpike.httpPort(), RawHttp.request("GET", "/dev/pets", host(api), null));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");

    r =
        RawHttp.exchange(
            turnpike.httpPort(),
            RawHttp.request("GET", "/dev/pets", host(api), null, "Authorization", "Bearer"));
    assertThat(r.bodyText())
        .isEqualTo(
            "{\"message\":\"Authorization header requires 'Credential' parameter. Authorization"
                + " header requires 'Signature' parameter. Authorization header requires"
                + " 'SignedHeaders' parameter. Authorization header requires existence of either a"
                + " 'X-Amz-Date' or a 'Date' header. Authorization=Bearer\"}");
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("IncompleteSignatureException");

    r =
        RawHttp.exchange(
            turnpike.httpPort(),
            RawHttp.request(
                "GET",
                "/dev/pets",
                host(api),
                null,
                "Authorization",
                "Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc"));
    assertThat(r.bodyText())
        .startsWith(
            "{\"message\":\"Invalid key=value pair (missing equal-sign) in Authorization"
                + " header (hashed with SHA-256 and encoded with Base64): '");

    // C56: the same header on an unknown path still reports the header, not Missing Authentication
    // Token.
    r =
        RawHttp.exchange(
            turnpike.httpPort(),
            RawHttp.request("GET", "/dev/nowhere", host(api), null, "Authorization", "Bearer"));
    assertThat(r.bodyText()).contains("Authorization header requires 'Credential' parameter.");
  }

  @Test
  @Order(2)
  void sameAccountIdentityPolicyAllowsAndSilenceDenies_C60() throws Exception {
    assertThat(invoke("u", "/dev/pets").status()).isEqualTo(200);
    assertThat(invoke("u", "/dev/pets").body()).isEqualTo("{\"ok\":true}");
    JsonNode identity = AwsCli.JSON.readTree(invoke("u", "/dev/pets/1").body());
    assertThat(identity.get("userArn").asText()).isEqualTo("arn:aws:iam::" + accountA + ":user/u");
    assertThat(identity.get("caller").asText()).startsWith("AIDA");
    assertThat(identity.get("accountId").asText()).isEqualTo(accountA);
    assertThat(identity.get("accessKey").asText()).isEqualTo(keys.get("u")[0]);
    Botocore.Reply v = invoke("v", "/dev/pets");
    assertThat(v.status()).isEqualTo(403);
    assertThat(v.errorType()).isEqualTo("AccessDeniedException");
    assertThat(v.body())
        .isEqualTo(
            denied(
                "arn:aws:iam::" + accountA + ":user/v",
                "/dev/GET/pets",
                "because no identity-based policy allows the execute-api:Invoke action"));
    // The administrator (account root) may do everything in its account.
    TurnpikeProcess.Credentials admin = turnpike.credentials();
    assertThat(
            botocore
                .send(
                    turnpike.httpPort(),
                    host(api),
                    "GET",
                    "/dev/",
                    admin.accessKeyId(),
                    admin.secretAccessKey(),
                    null,
                    0,
                    false)
                .status())
        .isEqualTo(200);
  }

  @Test
  @Order(3)
  void pathWithSpaceIsDoubleEncoded_C61_andPresignedUrlsWork() throws Exception {
    assertThat(invoke("u", "/dev/pets/a%20b").status()).isEqualTo(200);
    String[] k = keys.get("u");
    assertThat(
            botocore
                .send(
                    turnpike.httpPort(),
                    host(api),
                    "GET",
                    "/dev/pets/7?x=1&x=0&y=%2F",
                    k[0],
                    k[1],
                    null,
                    0,
                    true)
                .status())
        .isEqualTo(200);
  }

  @Test
  @Order(4)
  void crossAccountIdentityPolicyAloneIsNotEnough_C65() throws Exception {
    Botocore.Reply r = invoke("bob", "/dev/pets");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body())
        .isEqualTo(
            denied(
                "arn:aws:iam::" + accountB + ":user/bob",
                "/dev/GET/pets",
                "because no resource-based policy allows the execute-api:Invoke action"));
  }

  @Test
  @Order(5)
  void withAResourcePolicy_tablesAandB_C66() throws Exception {
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":["
            + "\"arn:aws:iam::"
            + accountA
            + ":user/w\",\"arn:aws:iam::"
            + accountB
            + ":user/bob\",\"arn:aws:iam::"
            + accountB
            + ":user/carol\"]},\"Action\":\"execute-api:Invoke\",\"Resource\":\"execute-api:/*\"}]}";
    apigw.json(
        "update-rest-api",
        "--rest-api-id",
        api,
        "--patch-operations",
        AwsCli.JSON.writeValueAsString(
            List.of(Map.of("op", "replace", "path", "/policy", "value", policy))));
    apigw.json("create-deployment", "--rest-api-id", api, "--stage-name", "dev");
    await(() -> invoke("bob", "/dev/pets").status() == 200);

    assertThat(invoke("bob", "/dev/pets").status()).as("cross-account: both allow").isEqualTo(200);
    Botocore.Reply carol = invoke("carol", "/dev/pets");
    assertThat(carol.status()).as("cross-account: only the resource policy allows").isEqualTo(403);
    assertThat(carol.body())
        .isEqualTo(
            denied(
                "arn:aws:iam::" + accountB + ":user/carol",
                "/dev/GET/pets",
                "because no identity-based policy allows the execute-api:Invoke action"));
    assertThat(invoke("w", "/dev/pets").status())
        .as("same account: resource policy alone")
        .isEqualTo(200);
    assertThat(invoke("u", "/dev/pets").status())
        .as("same account: identity policy alone")
        .isEqualTo(200);
    assertThat(invoke("v", "/dev/pets").status()).as("same account: neither").isEqualTo(403);
  }

  @Test
  @Order(6)
  void sdkV2SignerIsAccepted() throws Exception {
    String[] k = keys.get("bob");
    SdkHttpFullRequest request =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.GET)
            .uri(URI.create("http://" + host(api) + "/dev/pets/x%20y"))
            .appendRawQueryParameter("q", "a b")
            .build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create(k[0], k[1]))
                        .request(request)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    List<String> headers = new ArrayList<>();
    signed
        .request()
        .forEachHeader(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Host")) {
                headers.add(name);
                headers.add(String.join(",", values));
              }
            });
    String target =
        signed.request().encodedPath() + "?" + signed.request().encodedQueryParameters().orElse("");
    RawHttp.Response r =
        RawHttp.exchange(
            turnpike.httpPort(),
            RawHttp.request("GET", target, host(api), null, headers.toArray(String[]::new)));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
  }

  @Test
  @Order(7)
  void wrongSecretGetsTheFullMismatchBody_C57() throws Exception {
    String[] k = keys.get("u");
    Botocore.Reply r =
        botocore.send(
            turnpike.httpPort(),
            host(api),
            "GET",
            "/dev/pets",
            k[0],
            "wrong" + k[1],
            null,
            0,
            false);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.errorType()).isEqualTo("InvalidSignatureException");
    JsonNode body = AwsCli.JSON.readTree(r.body());
    assertThat(body.get("message").asText())
        .startsWith(
            "The request signature we calculated does not match the signature you provided. Check"
                + " your AWS Secret Access Key and signing method. Consult the service"
                + " documentation for details.\n\n"
                + "The Canonical String for this request should have been\n"
                + "'GET\n"
                + "/dev/pets\n\n"
                + "host:"
                + host(api)
                + "\n")
        .contains("\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n")
        .contains("/us-east-1/execute-api/aws4_request\n")
        .endsWith("'\n");
    assertThat(r.body()).doesNotContain(k[1]);
  }

  @Test
  @Order(8)
  void clockSkewOfTenMinutes_C58_andUnknownKey_C59() throws Exception {
    String[] k = keys.get("u");
    Botocore.Reply past =
        botocore.send(
            turnpike.httpPort(), host(api), "GET", "/dev/pets", k[0], k[1], null, -600, false);
    assertThat(past.status()).isEqualTo(403);
    assertThat(past.body())
        .matches(
            "\\{\"message\":\"Signature expired: \\d{8}T\\d{6}Z is now earlier than"
                + " \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 5 min\\.\\)\"}");
    Botocore.Reply future =
        botocore.send(
            turnpike.httpPort(), host(api), "GET", "/dev/pets", k[0], k[1], null, 600, false);
    assertThat(future.body()).contains("Signature not yet current");
    Botocore.Reply unknown =
        botocore.send(
            turnpike.httpPort(),
            host(api),
            "GET",
            "/dev/pets",
            "AKIAUNKNOWNKEY000000",
            k[1],
            null,
            0,
            false);
    assertThat(unknown.body())
        .isEqualTo("{\"message\":\"The security token included in the request is invalid.\"}");
  }

  @Test
  @Order(9)
  void assumeRoleIntoAThenInvoke() throws Exception {
    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
            + accountB
            + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    JsonNode role =
        aws(
                "default",
                "iam",
                "create-role",
                "--role-name",
                "reader",
                "--assume-role-policy-document",
                trust)
            .get("Role");
    assertThat(role.get("Arn").asText()).isEqualTo("arn:aws:iam::" + accountA + ":role/reader");
    aws(
        "default",
        "iam",
        "put-role-policy",
        "--role-name",
        "reader",
        "--policy-name",
        "invoke",
        "--policy-document",
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoke\","
            + "\"Resource\":\"arn:aws:execute-api:*:*:"
            + api
            + "/dev/GET/pets*\"}}");
    // carol (B) has no identity permission for sts:AssumeRole: cross-account needs both sides.
    AwsCli.Result refused =
        run(
            "carol",
            "sts",
            "assume-role",
            "--role-arn",
            role.get("Arn").asText(),
            "--role-session-name",
            "s1");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr()).contains("AccessDenied").contains("sts:AssumeRole");
    AwsCli.Result badDuration =
        run(
            "bob",
            "sts",
            "assume-role",
            "--role-arn",
            role.get("Arn").asText(),
            "--role-session-name",
            "s1",
            "--duration-seconds",
            "43201");
    assertThat(badDuration.stderr())
        .contains("ValidationError")
        .contains("less than or equal to 43200");
    AwsCli.Result overMax =
        run(
            "bob",
            "sts",
            "assume-role",
            "--role-arn",
            role.get("Arn").asText(),
            "--role-session-name",
            "s1",
            "--duration-seconds",
            "7200");
    assertThat(overMax.stderr()).contains("exceeds the MaxSessionDuration set for this role");
    AwsCli.Result badName =
        run(
            "bob",
            "sts",
            "assume-role",
            "--role-arn",
            role.get("Arn").asText(),
            "--role-session-name",
            "bad name!");
    assertThat(badName.stderr()).contains("ValidationError").contains("roleSessionName");

    JsonNode assumed =
        aws(
            "bob",
            "sts",
            "assume-role",
            "--role-arn",
            role.get("Arn").asText(),
            "--role-session-name",
            "bob-session",
            "--duration-seconds",
            "900");
    JsonNode c = assumed.get("Credentials");
    assertThat(c.get("AccessKeyId").asText()).startsWith("ASIA");
    assertThat(assumed.get("AssumedRoleUser").get("Arn").asText())
        .isEqualTo("arn:aws:sts::" + accountA + ":assumed-role/reader/bob-session");
    String token = c.get("SessionToken").asText();
    secrets.add(c.get("SecretAccessKey").asText());
    secrets.add(token);
    await(
        () ->
            botocore
                    .send(
                        turnpike.httpPort(),
                        host(api),
                        "GET",
                        "/dev/pets",
                        c.get("AccessKeyId").asText(),
                        c.get("SecretAccessKey").asText(),
                        token,
                        0,
                        false)
                    .status()
                == 200);
    // Outside the role's policy: denied with the session ARN.
    Botocore.Reply root =
        botocore.send(
            turnpike.httpPort(),
            host(api),
            "GET",
            "/dev/",
            c.get("AccessKeyId").asText(),
            c.get("SecretAccessKey").asText(),
            token,
            0,
            false);
    assertThat(root.status()).isEqualTo(403);
    assertThat(root.body())
        .startsWith(
            "{\"Message\":\"User: arn:aws:sts::"
                + accountA
                + ":assumed-role/reader/bob-session is not authorized");
    // A wrong token is invalid; a wrong secret echoes the canonical string with the token redacted.
    assertThat(
            botocore
                .send(
                    turnpike.httpPort(),
                    host(api),
                    "GET",
                    "/dev/pets",
                    c.get("AccessKeyId").asText(),
                    c.get("SecretAccessKey").asText(),
                    token + "x",
                    0,
                    false)
                .body())
        .contains("The security token included in the request is invalid.");
    Botocore.Reply mismatch =
        botocore.send(
            turnpike.httpPort(),
            host(api),
            "GET",
            "/dev/pets",
            c.get("AccessKeyId").asText(),
            "x" + c.get("SecretAccessKey").asText(),
            token,
            0,
            false);
    assertThat(mismatch.body()).contains("x-amz-security-token:").doesNotContain(token);
    // The session's identity, through sts.
    Files.writeString(
        credentials,
        "\n[session]\naws_access_key_id = "
            + c.get("AccessKeyId").asText()
            + "\naws_secret_access_key = "
            + c.get("SecretAccessKey").asText()
            + "\naws_session_token = "
            + token
            + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    JsonNode who = aws("session", "sts", "get-caller-identity");
    assertThat(who.get("Arn").asText())
        .isEqualTo("arn:aws:sts::" + accountA + ":assumed-role/reader/bob-session");
    assertThat(who.get("Account").asText()).isEqualTo(accountA);
  }

  @Test
  @Order(10)
  void resourcePolicyOnANoneAuthApi_C62_C63_C64() throws Exception {
    RawHttp.Response r =
        RawHttp.exchange(
            turnpike.httpPort(), RawHttp.request("GET", "/dev/pets", host(openApi), null));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyText())
        .isEqualTo(
            "{\"Message\":\"User: anonymous is not authorized to perform:"
                + " execute-api:Invoke on resource: "
                + arn(openApi, "/dev/GET/pets")
                + " because no resource-based policy"
                + " allows the execute-api:Invoke action\"}");
    r = RawHttp.exchange(turnpike.httpPort(), RawHttp.request("GET", "/dev/", host(openApi), null));
    assertThat(r.bodyText()).contains(arn(openApi, "/dev/GET/") + " because");

    String deny =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":"
            + "\"execute-api:Invoke\",\"Resource\":\"execute-api:/*\"},{\"Effect\":\"Deny\",\"Principal\":\"*\","
            + "\"Action\":\"execute-api:Invoke\",\"Resource\":\"execute-api:/*/GET/pets\",\"Condition\":{\"IpAddress\":"
            + "{\"aws:SourceIp\":\"127.0.0.0/8\"}}}]}";
    apigw.json(
        "update-rest-api",
        "--rest-api-id",
        openApi,
        "--patch-operations",
        AwsCli.JSON.writeValueAsString(
            List.of(Map.of("op", "replace", "path", "/policy", "value", deny))));
    apigw.json("create-deployment", "--rest-api-id", openApi, "--stage-name", "dev");
    await(
        () ->
            RawHttp.exchange(
                        turnpike.httpPort(), RawHttp.request("GET", "/dev/", host(openApi), null))
                    .status()
                == 200);
    r =
        RawHttp.exchange(
            turnpike.httpPort(), RawHttp.request("GET", "/dev/pets", host(openApi), null));
    assertThat(r.bodyText()).endsWith("with an explicit deny in a resource-based policy\"}");
    // Stored expanded, as API Gateway returns it; malformed policies are refused with the reason.
    assertThat(apigw.json("get-rest-api", "--rest-api-id", openApi).get("policy").asText())
        .contains("arn:aws:execute-api:us-east-1:" + accountA + ":" + openApi + "/*/GET/pets");
    AwsCli.Result bad =
        apigw.run(
            "update-rest-api",
            "--rest-api-id",
            openApi,
            "--patch-operations",
            AwsCli.JSON.writeValueAsString(
                List.of(
                    Map.of(
                        "op",
                        "replace",
                        "path",
                        "/policy",
                        "value",
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"*\"}}"))));
    assertThat(bad.stderr())
        .contains("BadRequestException")
        .contains("Missing required field Principal");
  }

  @Test
  @Order(11)
  void iamErrorsAndControlPlaneAuthorization() throws Exception {
    AwsCli.Result dup = run("default", "iam", "create-user", "--user-name", "u");
    assertThat(dup.stderr()).contains("EntityAlreadyExists");
    AwsCli.Result bad =
        run(
            "default",
            "iam",
            "put-user-policy",
            "--user-name",
            "u",
            "--policy-name",
            "x",
            "--policy-document",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoke\"}}");
    assertThat(bad.stderr())
        .contains("MalformedPolicyDocument")
        .contains("Missing required field Resource");
    assertThat(run("default", "iam", "get-role", "--role-name", "nope").stderr())
        .contains("NoSuchEntity");
    // v has no policies: the control plane refuses it with AWS's wording.
    AwsCli.Result apis = run("v", "apigateway", "get-rest-apis");
    assertThat(apis.exitCode()).isNotZero();
    assertThat(apis.stderr())
        .contains("AccessDeniedException")
        .contains(
            "User: arn:aws:iam::"
                + accountA
                + ":user/v is not authorized to perform: apigateway:GET on resource:"
                + " arn:aws:apigateway:us-east-1::/restapis");
    assertThat(run("v", "iam", "list-users").stderr())
        .contains("AccessDenied")
        .contains("iam:ListUsers");
    // A managed policy attached to v grants read access to API Gateway.
    JsonNode policy =
        aws(
                "default",
                "iam",
                "create-policy",
                "--policy-name",
                "apigw-read",
                "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"apigateway:GET\","
                    + "\"Resource\":\"arn:aws:apigateway:*::/restapis*\"}}")
            .get("Policy");
    aws(
        "default",
        "iam",
        "attach-user-policy",
        "--user-name",
        "v",
        "--policy-arn",
        policy.get("Arn").asText());
    assertThat(aws("v", "apigateway", "get-rest-apis").get("items")).isNotEmpty();
    assertThat(run("v", "apigateway", "create-rest-api", "--name", "x").stderr())
        .contains("apigateway:POST");
    // Inactive keys stop working.
    aws(
        "default",
        "iam",
        "update-access-key",
        "--user-name",
        "v",
        "--access-key-id",
        keys.get("v")[0],
        "--status",
        "Inactive");
    assertThat(run("v", "apigateway", "get-rest-apis").stderr())
        .contains("security token included in the request" + " is invalid");
    assertThat(run("v", "iam", "get-user").stderr())
        .contains("(InvalidClientTokenId)")
        .contains("The security token included in the request is invalid.");
    JsonNode listed = aws("default", "iam", "list-access-keys", "--user-name", "v");
    assertThat(listed.get("AccessKeyMetadata").get(0).get("Status").asText()).isEqualTo("Inactive");
    assertThat(run("default", "iam", "delete-user", "--user-name", "v").stderr())
        .contains("DeleteConflict");
  }

  @Test
  @Order(12)
  void noSecretOrSessionTokenInAnyLog() throws Exception {
    List<Path> logs = new ArrayList<>();
    try (var s = Files.walk(tmp)) {
      s.filter(f -> f.toString().endsWith(".log")).forEach(logs::add);
    }
    assertThat(logs).isNotEmpty();
    for (Path log : logs) {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      for (String secret : secrets) {
        assertThat(text).as(log.toString()).doesNotContain(secret);
      }
    }
  }
}
