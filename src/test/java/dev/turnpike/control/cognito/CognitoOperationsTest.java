package dev.turnpike.control.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.auth.jwt.JwtKeys;
import dev.turnpike.auth.jwt.JwtResult;
import dev.turnpike.auth.jwt.JwtVerifier;
import dev.turnpike.control.cognito.CognitoFixture.Reply;
import dev.turnpike.store.Document;
import dev.turnpike.store.Kinds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pools, clients and users as {@code cognito-idp} answers them: ids, ARNs, defaults, and Cognito's
 * error types and texts.
 */
class CognitoOperationsTest {
  @TempDir Path dir;
  CognitoFixture f;

  @BeforeEach
  void start() {
    f = new CognitoFixture(dir);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void aPoolHasCognitosIdArnAndDefaultPasswordPolicy() {
    Reply created = f.call("CreateUserPool", "{\"PoolName\":\"users\"}");
    assertThat(created.status()).isEqualTo(200);
    String id = created.json().path("UserPool").path("Id").asText();
    assertThat(id).matches("us-east-1_[A-Za-z0-9]{9}");
    assertThat(created.json().path("UserPool").path("Arn").asText())
        .isEqualTo("arn:aws:cognito-idp:us-east-1:123456789012:userpool/" + id);
    assertThat(created.json().path("UserPool").path("Policies").path("PasswordPolicy").toString())
        .isEqualTo(
            "{\"MinimumLength\":8,\"RequireUppercase\":true,\"RequireLowercase\":true,"
                + "\"RequireNumbers\":true,\"RequireSymbols\":true,"
                + "\"TemporaryPasswordValidityDays\":7}");
    assertThat(created.json().path("UserPool").path("SchemaAttributes")).hasSize(20);

    Reply described = f.call("DescribeUserPool", "{\"UserPoolId\":\"" + id + "\"}");
    assertThat(described.json().path("UserPool").path("Name").asText()).isEqualTo("users");
    assertThat(described.json().path("UserPool").path("EstimatedNumberOfUsers").asInt()).isZero();

    f.clock.advance(Duration.ofSeconds(1)); // listed in creation order
    f.call("CreateUserPool", "{\"PoolName\":\"second\"}");
    Reply page = f.call("ListUserPools", "{\"MaxResults\":1}");
    assertThat(page.json().path("UserPools")).hasSize(1);
    assertThat(page.json().path("UserPools").get(0).path("Id").asText()).isEqualTo(id);
    String next = page.json().path("NextToken").asText();
    Reply rest = f.call("ListUserPools", "{\"MaxResults\":10,\"NextToken\":\"" + next + "\"}");
    assertThat(rest.json().path("UserPools").get(0).path("Name").asText()).isEqualTo("second");
    assertThat(rest.json().has("NextToken")).isFalse();

    assertThat(f.call("DeleteUserPool", "{\"UserPoolId\":\"" + id + "\"}").text()).isEqualTo("{}");
    Reply gone = f.call("DescribeUserPool", "{\"UserPoolId\":\"" + id + "\"}");
    assertThat(gone.status()).isEqualTo(400);
    assertThat(gone.errorType()).isEqualTo("ResourceNotFoundException");
    assertThat(gone.text())
        .isEqualTo(
            "{\"__type\":\"ResourceNotFoundException\",\"message\":\"User pool "
                + id
                + " does not exist.\"}");
  }

  @Test
  void deletionProtectionKeepsAPool() {
    String id =
        f.call("CreateUserPool", "{\"PoolName\":\"kept\",\"DeletionProtection\":\"ACTIVE\"}")
            .json()
            .path("UserPool")
            .path("Id")
            .asText();
    Reply r = f.call("DeleteUserPool", "{\"UserPoolId\":\"" + id + "\"}");
    assertThat(r.errorType()).isEqualTo("InvalidParameterException");
    assertThat(f.call("DescribeUserPool", "{\"UserPoolId\":\"" + id + "\"}").status())
        .isEqualTo(200);
  }

  @Test
  void aClientHasA26CharacterIdAndItsFlows() {
    String pool = pool();
    Reply c =
        f.call(
            "CreateUserPoolClient",
            "{\"UserPoolId\":\""
                + pool
                + "\",\"ClientName\":\"web\",\"ExplicitAuthFlows\":"
                + "[\"ALLOW_USER_PASSWORD_AUTH\",\"ALLOW_REFRESH_TOKEN_AUTH\"]}");
    String clientId = c.json().path("UserPoolClient").path("ClientId").asText();
    assertThat(clientId).matches("[a-z0-9]{26}");
    assertThat(c.json().path("UserPoolClient").has("ClientSecret")).isFalse();
    Reply d =
        f.call(
            "DescribeUserPoolClient",
            "{\"UserPoolId\":\"" + pool + "\",\"ClientId\":\"" + clientId + "\"}");
    assertThat(d.json().path("UserPoolClient").path("ExplicitAuthFlows").toString())
        .isEqualTo("[\"ALLOW_USER_PASSWORD_AUTH\",\"ALLOW_REFRESH_TOKEN_AUTH\"]");
    Reply list = f.call("ListUserPoolClients", "{\"UserPoolId\":\"" + pool + "\"}");
    assertThat(list.json().path("UserPoolClients").get(0).path("ClientName").asText())
        .isEqualTo("web");
    Reply missing =
        f.call(
            "DescribeUserPoolClient",
            "{\"UserPoolId\":\"" + pool + "\",\"ClientId\":\"nosuchclient\"}");
    assertThat(missing.errorType()).isEqualTo("ResourceNotFoundException");
    assertThat(missing.message()).isEqualTo("User pool client nosuchclient does not exist.");
  }

  @Test
  void usersFollowThePoolsPasswordPolicyAndKeepOnlyAHash() {
    String pool = pool();
    Reply weak =
        f.call(
            "AdminCreateUser",
            "{\"UserPoolId\":\""
                + pool
                + "\",\"Username\":\"alice\",\"TemporaryPassword\":\"short\"}");
    assertThat(weak.errorType()).isEqualTo("InvalidPasswordException");
    assertThat(weak.message())
        .isEqualTo("Password did not conform with policy: Password not long enough");
    Reply noSymbol =
        f.call(
            "AdminCreateUser",
            "{\"UserPoolId\":\""
                + pool
                + "\",\"Username\":\"alice\",\"TemporaryPassword\":\"Abcdefg123\"}");
    assertThat(noSymbol.message())
        .isEqualTo("Password did not conform with policy: Password must have symbol characters");

    Reply created =
        f.call(
            "AdminCreateUser",
            "{\"UserPoolId\":\""
                + pool
                + "\",\"Username\":\"alice\",\"TemporaryPassword\":\"Temp-Pass-123\","
                + "\"UserAttributes\":[{\"Name\":\"email\",\"Value\":\"alice@example.com\"}]}");
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.json().path("User").path("UserStatus").asText())
        .isEqualTo("FORCE_CHANGE_PASSWORD");
    assertThat(created.json().path("User").path("Attributes").get(0).path("Name").asText())
        .isEqualTo("sub");
    Reply again =
        f.call("AdminCreateUser", "{\"UserPoolId\":\"" + pool + "\",\"Username\":\"alice\"}");
    assertThat(again.errorType()).isEqualTo("UsernameExistsException");
    assertThat(again.message()).isEqualTo("User account already exists");

    f.call(
        "AdminSetUserPassword",
        "{\"UserPoolId\":\""
            + pool
            + "\",\"Username\":\"alice\",\"Password\":\"Perm-Pass-456\",\"Permanent\":true}");
    Reply got = f.call("AdminGetUser", "{\"UserPoolId\":\"" + pool + "\",\"Username\":\"alice\"}");
    assertThat(got.json().path("UserStatus").asText()).isEqualTo("CONFIRMED");
    assertThat(got.json().path("UserAttributes").get(1).path("Value").asText())
        .isEqualTo("alice@example.com");

    List<Document> stored = f.store.list(CognitoFixture.ACCOUNT, Kinds.COGNITO_USER, pool);
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).json()).contains("pbkdf2-sha256$").doesNotContain("Perm-Pass-456");

    Reply unknown =
        f.call("AdminGetUser", "{\"UserPoolId\":\"" + pool + "\",\"Username\":\"bob\"}");
    assertThat(unknown.errorType()).isEqualTo("UserNotFoundException");
    assertThat(unknown.message()).isEqualTo("User does not exist.");
  }

  @Test
  void signInIssuesTokensThePoolsJwksVerifies() {
    String pool = pool();
    String client = client(pool, "LEGACY");
    user(pool, "alice", "Perm-Pass-456", true);
    Reply r = f.unsigned("InitiateAuth", passwordAuth(client, "alice", "Perm-Pass-456"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("ChallengeParameters").toString()).isEqualTo("{}");
    assertThat(r.json().path("AuthenticationResult").path("ExpiresIn").asInt()).isEqualTo(3600);
    assertThat(r.json().path("AuthenticationResult").path("TokenType").asText())
        .isEqualTo("Bearer");

    Reply jwks = f.unsignedGet("/" + pool + "/.well-known/jwks.json");
    assertThat(jwks.status()).isEqualTo(200);
    JwtKeys keys = JwtKeys.parseJwks(jwks.text());
    String iss = "https://cognito-idp.us-east-1.amazonaws.com/" + pool;
    JwtResult id =
        JwtVerifier.verify(
            r.json().path("AuthenticationResult").path("IdToken").asText(),
            keys,
            Set.of(iss),
            f.clock.instant());
    assertThat(id).isInstanceOf(JwtResult.Verified.class);
    JwtResult.Verified idv = (JwtResult.Verified) id;
    assertThat(idv.tokenUse()).isEqualTo("id");
    assertThat(idv.claims().keySet())
        .containsExactly(
            "sub",
            "email_verified",
            "iss",
            "cognito:username",
            "origin_jti",
            "aud",
            "event_id",
            "token_use",
            "auth_time",
            "exp",
            "iat",
            "jti",
            "email");
    assertThat(idv.claims().get("aud")).isEqualTo(client);
    assertThat(idv.claims().get("cognito:username")).isEqualTo("alice");
    assertThat(idv.claims().get("email_verified")).isEqualTo(true);
    assertThat(idv.claims().get("exp")).isEqualTo(f.clock.instant().getEpochSecond() + 3600);

    JwtResult.Verified access =
        (JwtResult.Verified)
            JwtVerifier.verify(
                r.json().path("AuthenticationResult").path("AccessToken").asText(),
                keys,
                Set.of(iss),
                f.clock.instant());
    assertThat(access.tokenUse()).isEqualTo("access");
    assertThat(access.scopes()).containsExactly("aws.cognito.signin.user.admin");
    assertThat(access.claims().get("client_id")).isEqualTo(client);
    assertThat(access.claims().get("username")).isEqualTo("alice");
    assertThat(access.claims().get("sub")).isEqualTo(idv.claims().get("sub"));
    assertThat(access.claims().get("origin_jti")).isEqualTo(idv.claims().get("origin_jti"));

    JwtResult later =
        JwtVerifier.verify(
            r.json().path("AuthenticationResult").path("IdToken").asText(),
            keys,
            Set.of(iss),
            f.clock.instant().plusSeconds(3600));
    assertThat(((JwtResult.Rejected) later).reason()).isEqualTo(JwtResult.Reason.EXPIRED);

    assertThat(f.unsignedGet("/us-east-1_NoSuchOne/.well-known/jwks.json").status()).isEqualTo(404);
    Reply oidc = f.unsignedGet("/" + pool + "/.well-known/openid-configuration");
    assertThat(oidc.json().path("issuer").asText()).isEqualTo(iss);
  }

  @Test
  void wrongPasswordsAndUnknownUsersAreRefusedInCognitosWords() {
    String pool = pool();
    String legacy = client(pool, "LEGACY");
    String prevented = client(pool, "ENABLED");
    user(pool, "alice", "Perm-Pass-456", true);
    Reply wrong = f.unsigned("InitiateAuth", passwordAuth(legacy, "alice", "Wrong-Pass-1"));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.text())
        .isEqualTo(
            "{\"__type\":\"NotAuthorizedException\",\"message\":\"Incorrect username or"
                + " password.\"}");
    Reply unknown = f.unsigned("InitiateAuth", passwordAuth(legacy, "bob", "Perm-Pass-456"));
    assertThat(unknown.errorType()).isEqualTo("UserNotFoundException");
    Reply hidden = f.unsigned("InitiateAuth", passwordAuth(prevented, "bob", "Perm-Pass-456"));
    assertThat(hidden.errorType()).isEqualTo("NotAuthorizedException");
    assertThat(hidden.message()).isEqualTo("Incorrect username or password.");
    Reply noClient = f.unsigned("InitiateAuth", passwordAuth("nosuchclient", "alice", "x"));
    assertThat(noClient.errorType()).isEqualTo("ResourceNotFoundException");
    assertThat(noClient.message()).isEqualTo("User pool client nosuchclient does not exist.");

    String srpOnly =
        f.call("CreateUserPoolClient", "{\"UserPoolId\":\"" + pool + "\",\"ClientName\":\"srp\"}")
            .json()
            .path("UserPoolClient")
            .path("ClientId")
            .asText();
    Reply notEnabled = f.unsigned("InitiateAuth", passwordAuth(srpOnly, "alice", "Perm-Pass-456"));
    assertThat(notEnabled.errorType()).isEqualTo("InvalidParameterException");
    assertThat(notEnabled.message())
        .isEqualTo("USER_PASSWORD_AUTH flow not enabled for this client");
  }

  @Test
  void aTemporaryPasswordAsksForANewOneUntilItExpires() {
    String pool = pool();
    String client = client(pool, "LEGACY");
    user(pool, "alice", "Temp-Pass-123", false);
    Reply challenge = f.unsigned("InitiateAuth", passwordAuth(client, "alice", "Temp-Pass-123"));
    assertThat(challenge.json().path("ChallengeName").asText()).isEqualTo("NEW_PASSWORD_REQUIRED");
    assertThat(challenge.json().path("ChallengeParameters").path("USER_ID_FOR_SRP").asText())
        .isEqualTo("alice");
    assertThat(challenge.json().has("AuthenticationResult")).isFalse();

    Reply answered =
        f.unsigned(
            "RespondToAuthChallenge",
            "{\"ClientId\":\""
                + client
                + "\",\"ChallengeName\":\"NEW_PASSWORD_REQUIRED\",\"Session\":\""
                + challenge.json().path("Session").asText()
                + "\",\"ChallengeResponses\":{\"USERNAME\":\"alice\",\"NEW_PASSWORD\":\"New-Pass-789\"}}");
    assertThat(answered.json().path("AuthenticationResult").has("IdToken")).isTrue();
    assertThat(f.unsigned("InitiateAuth", passwordAuth(client, "alice", "New-Pass-789")).status())
        .isEqualTo(200);

    user(pool, "bob", "Temp-Pass-123", false);
    f.clock.advance(Duration.ofDays(8));
    Reply expired = f.unsigned("InitiateAuth", passwordAuth(client, "bob", "Temp-Pass-123"));
    assertThat(expired.errorType()).isEqualTo("NotAuthorizedException");
    assertThat(expired.message())
        .isEqualTo("Temporary password has expired and must be reset by an administrator.");
  }

  @Test
  void aRefreshTokenIssuesNewTokensForItsClientUntilItExpires() {
    String pool = pool();
    String client = client(pool, "LEGACY");
    String other = client(pool, "LEGACY");
    user(pool, "alice", "Perm-Pass-456", true);
    Reply signIn = f.unsigned("InitiateAuth", passwordAuth(client, "alice", "Perm-Pass-456"));
    String refresh = signIn.json().path("AuthenticationResult").path("RefreshToken").asText();
    assertThat(refresh).isNotEmpty().doesNotContain("alice");

    f.clock.advance(Duration.ofMinutes(90));
    Reply refreshed = f.unsigned("InitiateAuth", refreshAuth(client, refresh));
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.json().path("AuthenticationResult").has("RefreshToken")).isFalse();
    JwtKeys keys = JwtKeys.parseJwks(f.unsignedGet("/" + pool + "/.well-known/jwks.json").text());
    String iss = "https://cognito-idp.us-east-1.amazonaws.com/" + pool;
    JwtResult.Verified first =
        (JwtResult.Verified)
            JwtVerifier.verify(
                signIn.json().path("AuthenticationResult").path("IdToken").asText(),
                keys,
                Set.of(iss),
                f.clock.instant().minus(Duration.ofMinutes(90)));
    JwtResult.Verified renewed =
        (JwtResult.Verified)
            JwtVerifier.verify(
                refreshed.json().path("AuthenticationResult").path("IdToken").asText(),
                keys,
                Set.of(iss),
                f.clock.instant());
    assertThat(renewed.claims().get("auth_time")).isEqualTo(first.claims().get("auth_time"));
    assertThat(renewed.claims().get("origin_jti")).isEqualTo(first.claims().get("origin_jti"));
    assertThat(renewed.claims().get("jti")).isNotEqualTo(first.claims().get("jti"));

    Reply otherClient = f.unsigned("InitiateAuth", refreshAuth(other, refresh));
    assertThat(otherClient.message()).isEqualTo("Invalid Refresh Token");
    String altered =
        refresh.substring(0, 20) + (refresh.charAt(20) == 'A' ? 'B' : 'A') + refresh.substring(21);
    assertThat(f.unsigned("InitiateAuth", refreshAuth(client, altered)).message())
        .isEqualTo("Invalid Refresh Token");
    f.clock.advance(Duration.ofDays(30));
    Reply expired = f.unsigned("InitiateAuth", refreshAuth(client, refresh));
    assertThat(expired.errorType()).isEqualTo("NotAuthorizedException");
    assertThat(expired.message()).isEqualTo("Refresh Token has expired");
  }

  @Test
  void adminSignInNeedsTheAdminFlowAndASignature() {
    String pool = pool();
    String client = client(pool, "LEGACY");
    user(pool, "alice", "Perm-Pass-456", true);
    String admin =
        "{\"UserPoolId\":\""
            + pool
            + "\",\"ClientId\":\""
            + client
            + "\",\"AuthFlow\":\"ADMIN_USER_PASSWORD_AUTH\",\"AuthParameters\":"
            + "{\"USERNAME\":\"alice\",\"PASSWORD\":\"Perm-Pass-456\"}}";
    Reply notEnabled = f.call("AdminInitiateAuth", admin);
    assertThat(notEnabled.errorType()).isEqualTo("InvalidParameterException");
    assertThat(notEnabled.message()).isEqualTo("Auth flow not enabled for this client");
    String adminClient =
        f.call(
                "CreateUserPoolClient",
                "{\"UserPoolId\":\""
                    + pool
                    + "\",\"ClientName\":\"admin\",\"ExplicitAuthFlows\":"
                    + "[\"ALLOW_ADMIN_USER_PASSWORD_AUTH\",\"ALLOW_REFRESH_TOKEN_AUTH\"]}")
            .json()
            .path("UserPoolClient")
            .path("ClientId")
            .asText();
    Reply ok = f.call("AdminInitiateAuth", admin.replace(client, adminClient));
    assertThat(ok.json().path("AuthenticationResult").has("AccessToken")).isTrue();

    // The same operation without a signature is not one of the public ones.
    Reply unsigned = f.unsigned("AdminInitiateAuth", admin.replace(client, adminClient));
    assertThat(unsigned.status()).isEqualTo(403);
    assertThat(unsigned.errorType()).isEqualTo("MissingAuthenticationTokenException");
    assertThat(f.unsigned("CreateUserPool", "{\"PoolName\":\"x\"}").status()).isEqualTo(403);
    assertThat(f.unsigned("InitiateAuth", passwordAuth(client, "alice", "Perm-Pass-456")).status())
        .isEqualTo(200);
  }

  private String pool() {
    return f.call("CreateUserPool", "{\"PoolName\":\"users\"}")
        .json()
        .path("UserPool")
        .path("Id")
        .asText();
  }

  private String client(String pool, String prevent) {
    return f.call(
            "CreateUserPoolClient",
            "{\"UserPoolId\":\""
                + pool
                + "\",\"ClientName\":\"web\",\"PreventUserExistenceErrors\":\""
                + prevent
                + "\",\"ExplicitAuthFlows\":[\"ALLOW_USER_PASSWORD_AUTH\",\"ALLOW_REFRESH_TOKEN_AUTH\"]}")
        .json()
        .path("UserPoolClient")
        .path("ClientId")
        .asText();
  }

  private void user(String pool, String name, String password, boolean permanent) {
    Reply r =
        f.call(
            "AdminCreateUser",
            "{\"UserPoolId\":\""
                + pool
                + "\",\"Username\":\""
                + name
                + "\",\"UserAttributes\":[{\"Name\":\"email\",\"Value\":\""
                + name
                + "@example.com\"},{\"Name\":\"email_verified\",\"Value\":\"true\"}]}");
    assertThat(r.status()).isEqualTo(200);
    f.call(
        "AdminSetUserPassword",
        "{\"UserPoolId\":\""
            + pool
            + "\",\"Username\":\""
            + name
            + "\",\"Password\":\""
            + password
            + "\",\"Permanent\":"
            + permanent
            + "}");
  }

  private static String passwordAuth(String client, String user, String password) {
    return "{\"ClientId\":\""
        + client
        + "\",\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"AuthParameters\":{\"USERNAME\":\""
        + user
        + "\",\"PASSWORD\":\""
        + password
        + "\"}}";
  }

  private static String refreshAuth(String client, String token) {
    return "{\"ClientId\":\""
        + client
        + "\",\"AuthFlow\":\"REFRESH_TOKEN_AUTH\",\"AuthParameters\":{\"REFRESH_TOKEN\":\""
        + token
        + "\"}}";
  }
}
