package dev.turnpike.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.auth.jwt.JwtResult;
import dev.turnpike.auth.jwt.JwtTrust;
import dev.turnpike.auth.jwt.JwtVerifier;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.control.cognito.CognitoService;
import dev.turnpike.store.Documents;
import dev.turnpike.store.JdbcConfigStore;
import dev.turnpike.template.TemplateEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot's view of user pools: a token the local {@code cognito-idp} issued verifies against
 * the compiled pool by its ARN, with no store access; another pool's ARN or a deleted pool does not
 * vouch for it.
 */
class CognitoPoolsTest {
  private static final String ACCOUNT = "123456789012";
  @TempDir Path dir;
  JdbcConfigStore store;
  RouteTable<Operation> cognito;
  SnapshotCompiler compiler;

  @BeforeEach
  void start() {
    store = JdbcConfigStore.embedded(dir.resolve("store"));
    cognito =
        CognitoService.routes(new ControlContext(store, Clock.systemUTC(), "us-east-1", () -> {}));
    compiler = new SnapshotCompiler(TemplateEngine.create());
  }

  @AfterEach
  void stop() {
    store.close();
  }

  private JsonNode call(String op, String body) throws Exception {
    RouteTable.Match<Operation> m =
        cognito.match("POST", "/AWSCognitoIdentityProviderService." + op);
    ControlResponse r =
        m.handler()
            .handle(
                new ApiCall(
                    ACCOUNT,
                    "arn:aws:iam::" + ACCOUNT + ":root",
                    "us-east-1",
                    Map.of(),
                    Map.of(),
                    body.getBytes(StandardCharsets.UTF_8)));
    assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    return Documents.MAPPER.readTree(r.body());
  }

  @Test
  void aPoolsTokensVerifyAgainstTheCompiledPoolByItsArn() throws Exception {
    JsonNode pool = call("CreateUserPool", "{\"PoolName\":\"p\"}").path("UserPool");
    JsonNode other = call("CreateUserPool", "{\"PoolName\":\"q\"}").path("UserPool");
    String poolId = pool.path("Id").asText();
    String clientId =
        call(
                "CreateUserPoolClient",
                "{\"UserPoolId\":\""
                    + poolId
                    + "\",\"ClientName\":\"c\",\"ExplicitAuthFlows\":[\"ALLOW_USER_PASSWORD_AUTH\"]}")
            .path("UserPoolClient")
            .path("ClientId")
            .asText();
    call("AdminCreateUser", "{\"UserPoolId\":\"" + poolId + "\",\"Username\":\"u\"}");
    call(
        "AdminSetUserPassword",
        "{\"UserPoolId\":\""
            + poolId
            + "\",\"Username\":\"u\",\"Password\":\"Pass-word-1\",\"Permanent\":true}");
    String idToken =
        call(
                "InitiateAuth",
                "{\"ClientId\":\""
                    + clientId
                    + "\",\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"AuthParameters\":"
                    + "{\"USERNAME\":\"u\",\"PASSWORD\":\"Pass-word-1\"}}")
            .path("AuthenticationResult")
            .path("IdToken")
            .asText();

    GatewaySnapshot snapshot = compiler.compile(store);
    CognitoPools pools = snapshot.cognito();
    String arn = pool.path("Arn").asText();
    assertThat(pools.byArn(arn).issuer())
        .isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/" + poolId);
    assertThat(pools.byArn(arn).accountId()).isEqualTo(ACCOUNT);
    JwtTrust trust = pools.trust(List.of(arn));
    JwtResult r = JwtVerifier.verify(idToken, trust, java.time.Instant.now());
    assertThat(r).isInstanceOf(JwtResult.Verified.class);
    assertThat(((JwtResult.Verified) r).claims().get("cognito:username")).isEqualTo("u");

    JwtResult wrongPool =
        JwtVerifier.verify(
            idToken, pools.trust(List.of(other.path("Arn").asText())), java.time.Instant.now());
    assertThat(((JwtResult.Rejected) wrongPool).reason()).isEqualTo(JwtResult.Reason.WRONG_ISSUER);

    // Unchanged pools: the same compiled instance (callers may cache per instance).
    assertThat(compiler.compile(store).cognito()).isSameAs(pools);

    call("DeleteUserPool", "{\"UserPoolId\":\"" + poolId + "\"}");
    CognitoPools after = compiler.compile(store).cognito();
    assertThat(after.byArn(arn)).isNull();
    assertThat(
            ((JwtResult.Rejected)
                    JwtVerifier.verify(idToken, after.trust(List.of(arn)), java.time.Instant.now()))
                .reason())
        .isEqualTo(JwtResult.Reason.WRONG_ISSUER);
  }
}
