package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's COGNITO_USER_POOLS authorizer end to end, from user creation to a 200 with nothing but
 * the AWS CLI: a user pool, a client, a user with a permanent password, {@code initiate-auth}
 * (unsigned, as a browser would call it) for the tokens; a REST API whose {@code GET /me} takes the
 * ID token and whose {@code GET /scoped} takes an access token with the {@code
 * aws.cognito.signin.user.admin} scope (spec 8.1). Every refusal is AWS's 401 {@code
 * {"message":"Unauthorized"}}: no token, the wrong kind of token, a tampered one, one of another
 * pool.
 */
class CognitoAuthorizerIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static String apiId;
  static String idToken;
  static String accessToken;
  static String otherPoolIdToken;

  @AfterAll
  static void tearDown() throws InterruptedException {
    if (turnpike != null) {
      turnpike.close(); // before JUnit deletes its data directory
    }
  }

  @BeforeAll
  static void setUp() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    String account = turnpike.endpoints().accountId();
    String poolId = pool("users");
    String[] tokens = tokens(poolId, "alice");
    idToken = tokens[0];
    accessToken = tokens[1];
    otherPoolIdToken = tokens(pool("others"), "mallory")[0];

    apiId = aws.json("create-rest-api", "--name", "cognito").get("id").asText();
    String root =
        aws.json("get-resources", "--rest-api-id", apiId).get("items").get(0).get("id").asText();
    String authorizer =
        aws.json(
                "create-authorizer",
                "--rest-api-id",
                apiId,
                "--name",
                "pool",
                "--type",
                "COGNITO_USER_POOLS",
                "--provider-arns",
                "arn:aws:cognito-idp:us-east-1:" + account + ":userpool/" + poolId,
                "--identity-source",
                "method.request.header.Authorization")
            .get("id")
            .asText();
    mockMethod(root, "me", authorizer, null);
    mockMethod(root, "scoped", authorizer, "aws.cognito.signin.user.admin");
    aws.json("create-deployment", "--rest-api-id", apiId, "--stage-name", "test");
  }

  @Test
  void idToken_reachesTheMethod_withItsClaims() throws Exception {
    RawHttp.Response r =
        Poll.until(
            Duration.ofSeconds(5),
            () -> get("/test/me", "Authorization", idToken),
            x -> x.status() != 403);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.bodyText())
        .isEqualTo("{\"user\":\"alice\",\"email\":\"alice@example.com\",\"use\":\"id\"}");
    // The scheme is accepted too.
    assertThat(get("/test/me", "Authorization", "Bearer " + idToken).status()).isEqualTo(200);
  }

  @Test
  void accessTokenWithTheScope_reachesTheScopedMethod() throws Exception {
    RawHttp.Response r =
        Poll.until(
            Duration.ofSeconds(5),
            () -> get("/test/scoped", "Authorization", accessToken),
            x -> x.status() != 403);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.bodyText()).contains("\"use\":\"access\"");
  }

  @Test
  void everyBadToken_is401Unauthorized() throws Exception {
    Poll.until(
        Duration.ofSeconds(5),
        () -> get("/test/me", "Authorization", idToken),
        x -> x.status() == 200);
    String[][] cases = {
      {"/test/me", null},
      {"/test/me", accessToken}, // an access token where the ID token is expected
      {"/test/scoped", idToken}, // an ID token where scopes are required
      {"/test/me", otherPoolIdToken}, // another pool
      {"/test/me", tamper(idToken)},
      {"/test/me", "not-a-jwt"},
    };
    for (String[] c : cases) {
      RawHttp.Response r = c[1] == null ? get(c[0]) : get(c[0], "Authorization", c[1]);
      assertThat(r.status()).as(c[0] + " " + c[1]).isEqualTo(401);
      assertThat(r.bodyText()).isEqualTo("{\"message\":\"Unauthorized\"}");
      assertThat(r.header("x-amzn-ErrorType")).isEqualTo("UnauthorizedException");
    }
  }

  @Test
  void doctorAccessWithAToken_namesTheCheckThatFails() throws Exception {
    ExplainIT.Run wrongKind = doctor("/me", accessToken);
    assertThat(wrongKind.exit()).as(wrongKind.err()).isEqualTo(2);
    assertThat(wrongKind.out()).contains("takes an ID token").contains("cognito-401");
    ExplainIT.Run ok = doctor("/me", idToken);
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("is accepted");
    ExplainIT.Run other = doctor("/me", otherPoolIdToken);
    assertThat(other.exit()).isEqualTo(2);
    assertThat(other.out()).contains("refused");
  }

  private static ExplainIT.Run doctor(String path, String token) throws Exception {
    return Poll.until(
        Duration.ofSeconds(5),
        () ->
            ExplainIT.turnpikeCli(
                "doctor",
                "access",
                "--api",
                apiId,
                "--stage",
                "test",
                "--method",
                "GET",
                "--path",
                path,
                "--token",
                token,
                "--data-dir",
                turnpike.dataDir().toString()),
        run -> !run.out().contains("No deployed API"));
  }

  private static String tamper(String jwt) {
    String[] p = jwt.split("\\.");
    String payload =
        new String(
                java.util.Base64.getUrlDecoder().decode(p[1]),
                java.nio.charset.StandardCharsets.UTF_8)
            .replace("alice", "admin");
    return p[0]
        + "."
        + java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        + "."
        + p[2];
  }

  private static String pool(String name) throws Exception {
    return cognito("create-user-pool", "--pool-name", name).path("UserPool").path("Id").asText();
  }

  /** The user's ID and access tokens, from initiate-auth without a signature. */
  private static String[] tokens(String poolId, String user) throws Exception {
    String clientId =
        cognito(
                "create-user-pool-client",
                "--user-pool-id",
                poolId,
                "--client-name",
                "web",
                "--explicit-auth-flows",
                "ALLOW_USER_PASSWORD_AUTH",
                "ALLOW_REFRESH_TOKEN_AUTH")
            .path("UserPoolClient")
            .path("ClientId")
            .asText();
    cognito(
        "admin-create-user",
        "--user-pool-id",
        poolId,
        "--username",
        user,
        "--user-attributes",
        "Name=email,Value=" + user + "@example.com",
        "--message-action",
        "SUPPRESS");
    cognito(
        "admin-set-user-password",
        "--user-pool-id",
        poolId,
        "--username",
        user,
        "--password",
        "Correct-Horse-9",
        "--permanent");
    JsonNode auth =
        cognito(
                "initiate-auth",
                "--no-sign-request",
                "--client-id",
                clientId,
                "--auth-flow",
                "USER_PASSWORD_AUTH",
                "--auth-parameters",
                "USERNAME=" + user + ",PASSWORD=Correct-Horse-9")
            .path("AuthenticationResult");
    return new String[] {auth.path("IdToken").asText(), auth.path("AccessToken").asText()};
  }

  private static JsonNode cognito(String... args) throws Exception {
    return LambdaFixtures.ok(aws, "cognito-idp", args);
  }

  /**
   * {@code GET /{part}}: COGNITO_USER_POOLS, MOCK answering with claims from $context.authorizer.
   */
  private static void mockMethod(String root, String part, String authorizer, String scope)
      throws Exception {
    String id =
        aws.json(
                "create-resource", "--rest-api-id", apiId, "--parent-id", root, "--path-part", part)
            .get("id")
            .asText();
    java.util.List<String> put =
        new java.util.ArrayList<>(
            java.util.List.of(
                "put-method",
                "--rest-api-id",
                apiId,
                "--resource-id",
                id,
                "--http-method",
                "GET",
                "--authorization-type",
                "COGNITO_USER_POOLS",
                "--authorizer-id",
                authorizer));
    if (scope != null) {
      put.add("--authorization-scopes");
      put.add(scope);
    }
    aws.json(put.toArray(String[]::new));
    aws.json(
        "put-integration",
        "--rest-api-id",
        apiId,
        "--resource-id",
        id,
        "--http-method",
        "GET",
        "--type",
        "MOCK",
        "--request-templates",
        "{\"application/json\":\"{\\\"statusCode\\\": 200}\"}");
    aws.json(
        "put-method-response",
        "--rest-api-id",
        apiId,
        "--resource-id",
        id,
        "--http-method",
        "GET",
        "--status-code",
        "200");
    String user =
        scope == null
            ? "$context.authorizer.claims['cognito:username']"
            : "$context.authorizer.claims.username";
    aws.json(
        "put-integration-response",
        "--rest-api-id",
        apiId,
        "--resource-id",
        id,
        "--http-method",
        "GET",
        "--status-code",
        "200",
        "--response-templates",
        "{\"application/json\":\"{\\\"user\\\":\\\""
            + user
            + "\\\",\\\"email\\\":\\\"$context.authorizer.claims.email\\\","
            + "\\\"use\\\":\\\"$context.authorizer.claims.token_use\\\"}\"}");
  }

  private static RawHttp.Response get(String stageAndPath, String... headers)
      throws java.io.IOException {
    return Invoke.hostStyle(turnpike, apiId, "GET", stageAndPath, null, headers);
  }
}
