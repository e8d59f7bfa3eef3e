package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Cognito flow with the real AWS CLI ({@code aws cognito-idp ... --endpoint-url}): a pool, a
 * client with password and refresh flows, a user with a permanent password, {@code initiate-auth}
 * without a signature (a public client, as on AWS), the ID token's RS256 signature checked against
 * the pool's JWKS by plain JDK code (not Turnpike's verifier), Cognito's refusals, and refresh.
 */
class CognitoIT {
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

  static JsonNode cognito(String... args) throws Exception {
    AwsCli.Result r = aws.runService("cognito-idp", args);
    if (r.exitCode() != 0) {
      throw new AssertionError(
          "aws cognito-idp "
              + String.join(" ", args)
              + " failed with "
              + r.exitCode()
              + ": "
              + r.stderr());
    }
    return r.json();
  }

  @Test
  void fromUserCreationToVerifiedTokensAndRefresh() throws Exception {
    JsonNode pool = cognito("create-user-pool", "--pool-name", "it-users").path("UserPool");
    String poolId = pool.path("Id").asText();
    assertThat(poolId).matches("us-east-1_[A-Za-z0-9]{9}");
    assertThat(pool.path("Arn").asText())
        .isEqualTo(
            "arn:aws:cognito-idp:us-east-1:"
                + turnpike.endpoints().accountId()
                + ":userpool/"
                + poolId);
    assertThat(
            cognito("describe-user-pool", "--user-pool-id", poolId)
                .path("UserPool")
                .path("Name")
                .asText())
        .isEqualTo("it-users");
    assertThat(cognito("list-user-pools", "--max-results", "10").path("UserPools").toString())
        .contains(poolId);

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
    assertThat(clientId).matches("[a-z0-9]{26}");

    JsonNode user =
        cognito(
                "admin-create-user",
                "--user-pool-id",
                poolId,
                "--username",
                "alice",
                "--user-attributes",
                "Name=email,Value=alice@example.com",
                "Name=email_verified,Value=true",
                "--message-action",
                "SUPPRESS")
            .path("User");
    assertThat(user.path("UserStatus").asText()).isEqualTo("FORCE_CHANGE_PASSWORD");
    cognito(
        "admin-set-user-password",
        "--user-pool-id",
        poolId,
        "--username",
        "alice",
        "--password",
        "Correct-Horse-9",
        "--permanent");
    assertThat(
            cognito("admin-get-user", "--user-pool-id", poolId, "--username", "alice")
                .path("UserStatus")
                .asText())
        .isEqualTo("CONFIRMED");

    JsonNode auth =
        cognito(
                "initiate-auth",
                "--no-sign-request",
                "--client-id",
                clientId,
                "--auth-flow",
                "USER_PASSWORD_AUTH",
                "--auth-parameters",
                "USERNAME=alice,PASSWORD=Correct-Horse-9")
            .path("AuthenticationResult");
    assertThat(auth.path("TokenType").asText()).isEqualTo("Bearer");
    assertThat(auth.path("ExpiresIn").asInt()).isEqualTo(3600);
    String idToken = auth.path("IdToken").asText();

    // The JWKS document, unsigned, checked with nothing but the JDK.
    HttpResponse<String> jwks =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + turnpike.adminPort()
                                + "/"
                                + poolId
                                + "/.well-known/jwks.json"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(jwks.statusCode()).isEqualTo(200);
    JsonNode key = AwsCli.JSON.readTree(jwks.body()).path("keys").get(0);
    assertThat(key.path("kty").asText()).isEqualTo("RSA");
    assertThat(key.path("alg").asText()).isEqualTo("RS256");
    assertThat(key.path("use").asText()).isEqualTo("sig");
    String[] parts = idToken.split("\\.");
    JsonNode header = AwsCli.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    assertThat(header.path("kid").asText()).isEqualTo(key.path("kid").asText());
    RSAPublicKey publicKey =
        (RSAPublicKey)
            KeyFactory.getInstance("RSA")
                .generatePublic(
                    new RSAPublicKeySpec(
                        new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText())),
                        new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()))));
    assertThat(publicKey.getModulus().bitLength()).isEqualTo(2048);
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(publicKey);
    rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    JsonNode claims = AwsCli.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertThat(claims.path("iss").asText())
        .isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/" + poolId);
    assertThat(claims.path("aud").asText()).isEqualTo(clientId);
    assertThat(claims.path("token_use").asText()).isEqualTo("id");
    assertThat(claims.path("cognito:username").asText()).isEqualTo("alice");
    assertThat(claims.path("email").asText()).isEqualTo("alice@example.com");
    assertThat(claims.path("email_verified").asBoolean()).isTrue();
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);

    // Without --no-sign-request the CLI still sends InitiateAuth unsigned (botocore: noAuth).
    assertThat(
            cognito(
                    "initiate-auth",
                    "--client-id",
                    clientId,
                    "--auth-flow",
                    "USER_PASSWORD_AUTH",
                    "--auth-parameters",
                    "USERNAME=alice,PASSWORD=Correct-Horse-9")
                .path("AuthenticationResult")
                .has("IdToken"))
        .isTrue();

    // A wrong password: Cognito's error, through the CLI.
    AwsCli.Result wrong =
        aws.runService(
            "cognito-idp",
            "initiate-auth",
            "--no-sign-request",
            "--client-id",
            clientId,
            "--auth-flow",
            "USER_PASSWORD_AUTH",
            "--auth-parameters",
            "USERNAME=alice,PASSWORD=Wrong-Horse-9");
    assertThat(wrong.exitCode()).isNotZero();
    assertThat(wrong.stderr())
        .contains(
            "An error occurred (NotAuthorizedException) when calling the InitiateAuth operation:"
                + " Incorrect username or password.");

    // Refresh: new ID and access tokens, no new refresh token.
    JsonNode refreshed =
        cognito(
                "initiate-auth",
                "--no-sign-request",
                "--client-id",
                clientId,
                "--auth-flow",
                "REFRESH_TOKEN_AUTH",
                "--auth-parameters",
                "{\"REFRESH_TOKEN\":\"" + auth.path("RefreshToken").asText() + "\"}")
            .path("AuthenticationResult");
    assertThat(refreshed.has("AccessToken")).isTrue();
    assertThat(refreshed.has("IdToken")).isTrue();
    assertThat(refreshed.has("RefreshToken")).isFalse();
    JsonNode access =
        AwsCli.JSON.readTree(
            Base64.getUrlDecoder().decode(refreshed.path("AccessToken").asText().split("\\.")[1]));
    assertThat(access.path("token_use").asText()).isEqualTo("access");
    assertThat(access.path("client_id").asText()).isEqualTo(clientId);
    assertThat(access.path("scope").asText()).isEqualTo("aws.cognito.signin.user.admin");
    assertThat(access.path("username").asText()).isEqualTo("alice");

    // Everything but the public operations still needs a signature.
    AwsCli.Result unsigned =
        aws.runService(
            "cognito-idp", "describe-user-pool", "--no-sign-request", "--user-pool-id", poolId);
    assertThat(unsigned.exitCode()).isNotZero();
    assertThat(unsigned.stderr()).contains("MissingAuthenticationTokenException");

    cognito("delete-user-pool", "--user-pool-id", poolId);
    AwsCli.Result gone =
        aws.runService("cognito-idp", "describe-user-pool", "--user-pool-id", poolId);
    assertThat(gone.stderr())
        .contains(
            "An error occurred (ResourceNotFoundException) when calling the DescribeUserPool"
                + " operation: User pool "
                + poolId
                + " does not exist.");
  }

  /** {@code aws} with the keys of an IAM user (a credentials file of its own). */
  static AwsCli.Result asUser(Path credentials, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "aws",
                "--endpoint-url",
                "http://127.0.0.1:" + turnpike.adminPort(),
                "--output",
                "json"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_PAGER", "");
    env.put("AWS_MAX_ATTEMPTS", "1");
    Process p = pb.redirectErrorStream(false).start();
    p.getOutputStream().close();
    Path err = Files.createTempFile(tmp, "aws", ".err");
    String out;
    try (var errOut = Files.newOutputStream(err)) {
      Thread drain =
          new Thread(
              () -> {
                try {
                  p.getErrorStream().transferTo(errOut);
                } catch (java.io.IOException e) {
                  // the process ended
                }
              });
      drain.start();
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      drain.join();
    }
    return new AwsCli.Result(p.exitValue(), out, Files.readString(err));
  }

  @Test
  void signedOperationsAreAuthorizedByIamButSignInIsPublic() throws Exception {
    JsonNode pool = cognito("create-user-pool", "--pool-name", "iam-users").path("UserPool");
    String poolId = pool.path("Id").asText();
    String arn = pool.path("Arn").asText();
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
    cognito("admin-create-user", "--user-pool-id", poolId, "--username", "bob");
    cognito(
        "admin-set-user-password",
        "--user-pool-id",
        poolId,
        "--username",
        "bob",
        "--password",
        "Correct-Horse-9",
        "--permanent");
    AwsCli.Result created = aws.runService("iam", "create-user", "--user-name", "reader");
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    JsonNode key =
        aws.runService("iam", "create-access-key", "--user-name", "reader")
            .json()
            .path("AccessKey");
    AwsCli.Result put =
        aws.runService(
            "iam",
            "put-user-policy",
            "--user-name",
            "reader",
            "--policy-name",
            "describe",
            "--policy-document",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"cognito-idp:DescribeUserPool\",\"Resource\":\""
                + arn
                + "\"}]}");
    assertThat(put.exitCode()).as(put.stderr()).isZero();
    Path credentials =
        Files.writeString(
            tmp.resolve("reader-credentials"),
            "[default]\naws_access_key_id = "
                + key.path("AccessKeyId").asText()
                + "\naws_secret_access_key = "
                + key.path("SecretAccessKey").asText()
                + "\n");

    AwsCli.Result described =
        asUser(credentials, "cognito-idp", "describe-user-pool", "--user-pool-id", poolId);
    assertThat(described.exitCode()).as(described.stderr()).isZero();
    AwsCli.Result refused =
        asUser(
            credentials,
            "cognito-idp",
            "admin-create-user",
            "--user-pool-id",
            poolId,
            "--username",
            "mallory");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr())
        .contains(
            "An error occurred (AccessDeniedException) when calling the AdminCreateUser operation:"
                + " User: arn:aws:iam::"
                + turnpike.endpoints().accountId()
                + ":user/reader is not authorized to perform: cognito-idp:AdminCreateUser on"
                + " resource: "
                + arn);
    // Sign-in needs no IAM permission: the CLI sends it unsigned whoever runs it.
    AwsCli.Result signIn =
        asUser(
            credentials,
            "cognito-idp",
            "initiate-auth",
            "--client-id",
            clientId,
            "--auth-flow",
            "USER_PASSWORD_AUTH",
            "--auth-parameters",
            "USERNAME=bob,PASSWORD=Correct-Horse-9");
    assertThat(signIn.exitCode()).as(signIn.stderr()).isZero();
    assertThat(signIn.json().path("AuthenticationResult").has("IdToken")).isTrue();
  }
}
