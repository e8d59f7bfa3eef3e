package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.turnpike.oidc.LocalIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP API JWT authorizers end to end (issue 19): an OpenID Connect issuer started by the test
 * (discovery document and JWKS on 127.0.0.1), tokens signed with its RSA key by Nimbus, the
 * authorizer and routes configured with the real AWS CLI ({@code create-authorizer
 * --authorizer-type JWT}, {@code update-authorizer}), and plain HTTP calls: a valid token reaches
 * an HTTP backend (a claim mapped into a header with {@code $context.authorizer.claims.sub}) and a
 * Lambda function (payload 2.0 {@code requestContext.authorizer.jwt}); a missing token, an expired
 * one and one for another audience are 401 {@code {"message":"Unauthorized"}} with AWS's {@code
 * www-authenticate}; a token without the route's scope is 403.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpApiJwtIT {
  private static final String HANDLER =
      String.join(
          "\n",
          "import json",
          "def handler(event, context):",
          "    return {'statusCode': 200, 'headers': {'content-type': 'application/json'},"
              + " 'body': json.dumps(event)}",
          "");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static EchoBackend backend;
  static LocalIssuer issuer;
  static KeyPair key;
  static String apiId;
  static String authorizerId;

  @BeforeAll
  static void setUp() throws Exception {
    issuer = new LocalIssuer();
    key = LocalIssuer.rsa();
    issuer.publish(Map.of("k1", key));
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    backend = EchoBackend.start();
    apiId = aws.v2("create-api", "--name", "jwt", "--protocol-type", "HTTP").get("ApiId").asText();
    aws.v2("create-stage", "--api-id", apiId, "--stage-name", "$default", "--auto-deploy");
    JsonNode created =
        aws.v2(
            "create-authorizer",
            "--api-id",
            apiId,
            "--name",
            "oidc",
            "--authorizer-type",
            "JWT",
            "--identity-source",
            "$request.header.Authorization",
            "--jwt-configuration",
            "Audience=client-1,Issuer=" + issuer.issuer());
    authorizerId = created.get("AuthorizerId").asText();
    assertThat(created.get("AuthorizerType").asText()).isEqualTo("JWT");
    assertThat(created.get("JwtConfiguration").get("Issuer").asText()).isEqualTo(issuer.issuer());
    String http =
        aws.v2(
                "create-integration",
                "--api-id",
                apiId,
                "--integration-type",
                "HTTP_PROXY",
                "--integration-method",
                "ANY",
                "--integration-uri",
                backend.url("/private"),
                "--payload-format-version",
                "1.0",
                "--request-parameters",
                "{\"overwrite:header.x-sub\":\"$context.authorizer.claims.sub\"}")
            .get("IntegrationId")
            .asText();
    jwtRoute("GET /private", http);
    jwtRoute("GET /admin", http, "--authorization-scopes", "admin", "write");
  }

  @AfterAll
  static void tearDown() throws InterruptedException {
    if (backend != null) {
      backend.close();
    }
    if (issuer != null) {
      issuer.close();
    }
    if (turnpike != null) {
      turnpike.close();
    }
  }

  private static void jwtRoute(String key, String integrationId, String... more) throws Exception {
    String[] base = {
      "create-route",
      "--api-id",
      apiId,
      "--route-key",
      key,
      "--authorization-type",
      "JWT",
      "--authorizer-id",
      authorizerId,
      "--target",
      "integrations/" + integrationId
    };
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    aws.v2(args);
  }

  static String token(KeyPair pair, String kid, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT).build(),
            claims);
    jwt.sign(new RSASSASigner(pair.getPrivate()));
    return jwt.serialize();
  }

  static JWTClaimsSet.Builder claims(String audience, Duration expiresIn) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer.issuer())
        .subject("user-42")
        .audience(audience)
        .issueTime(Date.from(now.minusSeconds(60)))
        .expirationTime(Date.from(now.plus(expiresIn)));
  }

  private static RawHttp.Response call(String path, String... headers) throws Exception {
    return Invoke.hostStyle(turnpike, apiId, "GET", path, null, headers);
  }

  @Test
  @Order(1)
  void validToken_reachesTheBackend_withItsClaimMapped() throws Exception {
    String t = token(key, "k1", claims("client-1", Duration.ofMinutes(5)).build());
    RawHttp.Response r =
        Poll.until(
            Duration.ofSeconds(10),
            () -> call("/private", "Authorization", "Bearer " + t),
            x -> x.status() == 200);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("apigw-requestid")).matches(Invoke.APIGW_ID);
    assertThat(backend.last().path()).isEqualTo("/private");
    assertThat(backend.last().header("x-sub")).isEqualTo("user-42");
    // The bare token (no "Bearer ") is accepted too, as AWS documents.
    assertThat(call("/private", "Authorization", t).status()).isEqualTo(200);
    assertThat(issuer.hits("discovery")).isEqualTo(1);
    assertThat(issuer.hits("jwks")).isEqualTo(1);
  }

  @Test
  @Order(2)
  void missingToken_is401_withBearerChallenge() throws Exception {
    int before = backend.received().size();
    RawHttp.Response r = call("/private");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(r.header("Content-Length")).isEqualTo("26");
    assertThat(r.header("www-authenticate")).isEqualTo("Bearer");
    assertThat(r.header("apigw-requestid")).matches(Invoke.APIGW_ID);
    assertThat(backend.received()).hasSize(before);
  }

  @Test
  @Order(3)
  void notAJwt_expired_wrongAudience_are401_withAwsErrorDescriptions() throws Exception {
    int before = backend.received().size();
    RawHttp.Response garbage = call("/private", "Authorization", "Bearer abc.def");
    assertThat(garbage.status()).isEqualTo(401);
    assertThat(garbage.header("www-authenticate"))
        .isEqualTo(
            "Bearer scope=\"\" error=\"invalid_token\" error_description=\"token contains an"
                + " invalid number of segments\"");

    String expired = token(key, "k1", claims("client-1", Duration.ofMinutes(-5)).build());
    RawHttp.Response old = call("/private", "Authorization", "Bearer " + expired);
    assertThat(old.status()).isEqualTo(401);
    assertThat(old.bodyText()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(old.header("www-authenticate"))
        .contains("error=\"invalid_token\"")
        .contains("error_description=\"the token has expired\"");

    String other = token(key, "k1", claims("someone-else", Duration.ofMinutes(5)).build());
    RawHttp.Response aud = call("/private", "Authorization", "Bearer " + other);
    assertThat(aud.status()).isEqualTo(401);
    assertThat(aud.header("www-authenticate"))
        .contains("error_description=\"the token does not have a valid audience\"");

    KeyPair stranger = LocalIssuer.rsa();
    String forged = token(stranger, "k1", claims("client-1", Duration.ofMinutes(5)).build());
    assertThat(call("/private", "Authorization", "Bearer " + forged).status()).isEqualTo(401);
    assertThat(backend.received()).hasSize(before);

    // explain, by the apigw-requestid the client saw: the check that failed, never the token.
    ExplainIT.Run run =
        ExplainIT.turnpikeCli(
            "explain", aud.header("apigw-requestid"), "--data-dir", turnpike.dataDir().toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("status 401")
        .contains("WRONG_AUDIENCE")
        .contains("someone-else")
        .contains("http-api-jwt-401")
        .doesNotContain(other);
  }

  @Test
  @Order(4)
  void routeScopes_missingScopeIs403_anyOneScopeServes() throws Exception {
    String reader =
        token(key, "k1", claims("client-1", Duration.ofMinutes(5)).claim("scope", "read").build());
    RawHttp.Response r = call("/admin", "Authorization", "Bearer " + reader);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Forbidden\"}");
    assertThat(r.header("www-authenticate")).contains("error=\"insufficient_scope\"");

    String writer =
        token(
            key,
            "k1",
            claims("client-1", Duration.ofMinutes(5)).claim("scope", "read write").build());
    assertThat(call("/admin", "Authorization", "Bearer " + writer).status()).isEqualTo(200);
  }

  @Test
  @Order(5)
  void rotatedKey_isFetchedOnItsFirstToken() throws Exception {
    KeyPair next = LocalIssuer.rsa();
    issuer.publish(Map.of("k1", key, "k2", next));
    String t = token(next, "k2", claims("client-1", Duration.ofMinutes(5)).build());
    // A new kid forces a JWKS fetch, at most once per 10 s per issuer (the first fetch was
    // moments ago): retried until then, the issuer sees one more JWKS request, not one per call.
    RawHttp.Response r =
        Poll.until(
            Duration.ofSeconds(15),
            () -> call("/private", "Authorization", "Bearer " + t),
            x -> x.status() == 200);
    assertThat(r.status()).isEqualTo(200);
    assertThat(issuer.hits("jwks")).isEqualTo(2);
  }

  @Test
  @Order(6)
  void claimsAndScopes_reachALambdaFunction_inThePayload20Event() throws Exception {
    String account = turnpike.endpoints().accountId();
    String role = LambdaFixtures.executionRole(aws, "jwt-exec");
    Path zip = tmp.resolve("fn.zip");
    Files.write(zip, LambdaFixtures.zip("app.py", HANDLER));
    String fn =
        LambdaFixtures.ok(
                aws,
                "lambda",
                "create-function",
                "--function-name",
                "jwtfn",
                "--runtime",
                "python3.12",
                "--handler",
                "app.handler",
                "--role",
                role,
                "--zip-file",
                "fileb://" + zip)
            .get("FunctionArn")
            .asText();
    LambdaFixtures.ok(
        aws,
        "lambda",
        "add-permission",
        "--function-name",
        "jwtfn",
        "--statement-id",
        "apigateway",
        "--action",
        "lambda:InvokeFunction",
        "--principal",
        "apigateway.amazonaws.com",
        "--source-arn",
        "arn:aws:execute-api:us-east-1:" + account + ":" + apiId + "/*");
    String in =
        aws.v2(
                "create-integration",
                "--api-id",
                apiId,
                "--integration-type",
                "AWS_PROXY",
                "--integration-uri",
                fn,
                "--payload-format-version",
                "2.0")
            .get("IntegrationId")
            .asText();
    jwtRoute("GET /fn", in, "--authorization-scopes", "read");
    String t =
        token(
            key,
            "k1",
            claims("client-1", Duration.ofMinutes(5))
                .claim("scope", "read profile")
                .claim("groups", List.of("a", "b"))
                .build());
    RawHttp.Response r =
        Poll.until(
            Duration.ofSeconds(20),
            () -> call("/fn", "Authorization", "Bearer " + t),
            x -> x.status() == 200);
    assertThat(r.status()).isEqualTo(200);
    JsonNode jwt = AwsCli.JSON.readTree(r.bodyText()).get("requestContext").get("authorizer");
    JsonNode claims = jwt.get("jwt").get("claims");
    assertThat(claims.get("sub").asText()).isEqualTo("user-42");
    assertThat(claims.get("iss").asText()).isEqualTo(issuer.issuer());
    assertThat(claims.get("exp").isTextual()).isTrue(); // claims are strings, as AWS sends them
    assertThat(claims.get("groups").asText()).isEqualTo("[a b]");
    assertThat(jwt.get("jwt").get("scopes").toString()).isEqualTo("[\"read\",\"profile\"]");
  }

  @Test
  @Order(7)
  void updateAuthorizer_newAudience_isServedAfterAutoDeploy() throws Exception {
    JsonNode updated =
        aws.v2(
            "update-authorizer",
            "--api-id",
            apiId,
            "--authorizer-id",
            authorizerId,
            "--jwt-configuration",
            "Audience=client-2,Issuer=" + issuer.issuer());
    assertThat(updated.get("JwtConfiguration").get("Audience").toString())
        .isEqualTo("[\"client-2\"]");
    assertThat(updated.get("IdentitySource").get(0).asText())
        .isEqualTo("$request.header.Authorization");
    String oldAudience = token(key, "k1", claims("client-1", Duration.ofMinutes(5)).build());
    String newAudience = token(key, "k1", claims("client-2", Duration.ofMinutes(5)).build());
    Poll.until(
        Duration.ofSeconds(10),
        () -> call("/private", "Authorization", "Bearer " + newAudience),
        x -> x.status() == 200);
    assertThat(call("/private", "Authorization", "Bearer " + oldAudience).status()).isEqualTo(401);
    JsonNode got = aws.v2("get-authorizer", "--api-id", apiId, "--authorizer-id", authorizerId);
    assertThat(got.get("JwtConfiguration").get("Audience").get(0).asText()).isEqualTo("client-2");
  }

  @Test
  @Order(8)
  void badConfigurations_areRefusedByTheControlPlane() throws Exception {
    AwsCli.Result noIssuer =
        aws.runService(
            "apigatewayv2",
            "create-authorizer",
            "--api-id",
            apiId,
            "--name",
            "bad",
            "--authorizer-type",
            "JWT",
            "--identity-source",
            "$request.header.Authorization",
            "--jwt-configuration",
            "Audience=x");
    assertThat(noIssuer.exitCode()).isNotZero();
    assertThat(noIssuer.stderr()).contains("BadRequestException");
    AwsCli.Result twoSources =
        aws.runService(
            "apigatewayv2",
            "create-authorizer",
            "--api-id",
            apiId,
            "--name",
            "bad",
            "--authorizer-type",
            "JWT",
            "--identity-source",
            "$request.header.Authorization",
            "$request.header.X",
            "--jwt-configuration",
            "Audience=x,Issuer=" + issuer.issuer());
    assertThat(twoSources.stderr()).contains("BadRequestException");
  }

  @Test
  @Order(9)
  void accessLog_v2Variables_routeKeyClaimsAndError() throws Exception {
    aws.v2(
        "update-stage",
        "--api-id",
        apiId,
        "--stage-name",
        "$default",
        "--access-log-settings",
        "DestinationArn=arn:aws:logs:us-east-1:"
            + turnpike.endpoints().accountId()
            + ":log-group:http,Format=$context.requestId $context.routeKey"
            + " $context.authorizer.claims.sub $context.status $context.error.message");
    String t = token(key, "k1", claims("client-2", Duration.ofMinutes(5)).build());
    RawHttp.Response ok =
        Poll.until(
            Duration.ofSeconds(10),
            () -> call("/private", "Authorization", "Bearer " + t),
            x -> x.status() == 200 && logLine(x.header("apigw-requestid")) != null);
    assertThat(logLine(ok.header("apigw-requestid"))).endsWith(" GET /private user-42 200 -");
    RawHttp.Response refused = call("/private");
    String id = refused.header("apigw-requestid");
    String line = Poll.until(Duration.ofSeconds(5), () -> logLine(id), l -> l != null);
    assertThat(line).isEqualTo(id + " GET /private - 401 Unauthorized");
  }

  private static String logLine(String requestId) {
    Path log = turnpike.dataDir().resolve("logs").resolve("access.log");
    try {
      if (!Files.exists(log)) {
        return null;
      }
      return Files.readAllLines(log).stream()
          .filter(l -> l.startsWith(requestId + " "))
          .findFirst()
          .orElse(null);
    } catch (java.io.IOException e) {
      return null; // being rotated or written: asked again
    }
  }

  @Test
  @Order(10)
  void localCognitoUserPool_isAnIssuer_idAndAccessTokensServe() throws Exception {
    String pool =
        LambdaFixtures.ok(aws, "cognito-idp", "create-user-pool", "--pool-name", "users")
            .path("UserPool")
            .path("Id")
            .asText();
    String clientId =
        LambdaFixtures.ok(
                aws,
                "cognito-idp",
                "create-user-pool-client",
                "--user-pool-id",
                pool,
                "--client-name",
                "web",
                "--explicit-auth-flows",
                "ALLOW_USER_PASSWORD_AUTH",
                "ALLOW_REFRESH_TOKEN_AUTH")
            .path("UserPoolClient")
            .path("ClientId")
            .asText();
    LambdaFixtures.ok(
        aws,
        "cognito-idp",
        "admin-create-user",
        "--user-pool-id",
        pool,
        "--username",
        "ana",
        "--message-action",
        "SUPPRESS");
    LambdaFixtures.ok(
        aws,
        "cognito-idp",
        "admin-set-user-password",
        "--user-pool-id",
        pool,
        "--username",
        "ana",
        "--password",
        "Correct-Horse-9",
        "--permanent");
    JsonNode auth =
        LambdaFixtures.ok(
                aws,
                "cognito-idp",
                "initiate-auth",
                "--no-sign-request",
                "--client-id",
                clientId,
                "--auth-flow",
                "USER_PASSWORD_AUTH",
                "--auth-parameters",
                "USERNAME=ana,PASSWORD=Correct-Horse-9")
            .path("AuthenticationResult");
    // The pool's issuer is AWS's URL, as Cognito's tokens carry it; Turnpike uses the pool's keys.
    String cognitoIssuer = "https://cognito-idp.us-east-1.amazonaws.com/" + pool;
    String cognitoAuth =
        aws.v2(
                "create-authorizer",
                "--api-id",
                apiId,
                "--name",
                "cognito",
                "--authorizer-type",
                "JWT",
                "--identity-source",
                "$request.header.Authorization",
                "--jwt-configuration",
                "Audience=" + clientId + ",Issuer=" + cognitoIssuer)
            .get("AuthorizerId")
            .asText();
    String in =
        aws.v2("get-routes", "--api-id", apiId).get("Items").findValues("Target").stream()
            .map(JsonNode::asText)
            .filter(t -> t.startsWith("integrations/"))
            .findFirst()
            .orElseThrow()
            .substring("integrations/".length());
    String saved = authorizerId;
    authorizerId = cognitoAuth;
    try {
      jwtRoute("GET /cognito", in);
    } finally {
      authorizerId = saved;
    }
    String id = auth.path("IdToken").asText();
    RawHttp.Response r =
        Poll.until(
            Duration.ofSeconds(10),
            () -> call("/cognito", "Authorization", id),
            x -> x.status() != 404);
    assertThat(r.status()).isEqualTo(200);
    // An access token has no aud: its client_id is checked against the audience.
    String access = auth.path("AccessToken").asText();
    assertThat(call("/cognito", "Authorization", "Bearer " + access).status()).isEqualTo(200);
    String foreign = token(key, "k1", claims(clientId, Duration.ofMinutes(5)).build());
    assertThat(call("/cognito", "Authorization", "Bearer " + foreign).status()).isEqualTo(401);
  }
}
