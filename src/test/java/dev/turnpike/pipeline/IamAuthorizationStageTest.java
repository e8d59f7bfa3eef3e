package dev.turnpike.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.auth.iam.Caller;
import dev.turnpike.auth.iam.PolicyParser;
import dev.turnpike.auth.sigv4.Credential;
import dev.turnpike.auth.sigv4.SigV4Request;
import dev.turnpike.auth.sigv4.SigV4Signer;
import dev.turnpike.routing.HostClassifier;
import dev.turnpike.snapshot.GatewaySnapshot;
import dev.turnpike.snapshot.IamIndex;
import dev.turnpike.snapshot.SnapshotCompiler;
import dev.turnpike.template.TemplateEngine;
import dev.turnpike.testkit.ControlPlaneDriver;
import dev.turnpike.testkit.PathRunner;
import dev.turnpike.testkit.TestExchanges;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS_IAM stage on a compiled deployment with a hand-made credential index: expired session
 * tokens (spec 4.3 row 13), error types per check, identity policies, and that denial bodies name
 * the session but never its token.
 */
class IamAuthorizationStageTest {
  static final String ACCOUNT = ControlPlaneDriver.ACCOUNT;
  static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
  static final String TOKEN = "IQoJb3JpZ2luX2VjEsecret-session-token";

  @TempDir static Path dir;

  static GatewaySnapshot deployed;
  static String apiId;

  @BeforeAll
  static void deploy() {
    try (ControlPlaneDriver cp = new ControlPlaneDriver(dir)) {
      String[] api = cp.createApi();
      apiId = api[0];
      String r = cp.createResource(api[0], api[1], "pets");
      cp.mockMethod(api[0], r, "GET", "{\"statusCode\":200}", "ok");
      cp.call(
          200,
          "PATCH",
          "/restapis/" + api[0] + "/resources/" + r + "/methods/GET",
          "{\"patchOperations\":[{\"op\":\"replace\",\"path\":\"/authorizationType\",\"value\":\"AWS_IAM\"}]}");
      cp.deploy(api[0], "dev");
      deployed = new SnapshotCompiler(TemplateEngine.create()).compile(cp.store);
    }
  }

  static GatewaySnapshot with(Credential credential, Caller caller, String... identityPolicies) {
    List<dev.turnpike.auth.iam.CompiledPolicy> policies = new ArrayList<>();
    for (String p : identityPolicies) {
      policies.add(PolicyParser.parse(p, PolicyParser.Kind.IDENTITY));
    }
    IamIndex index =
        new IamIndex(
            Map.of(credential.accessKeyId(), credential),
            Map.of(credential.accessKeyId(), caller),
            Map.of(caller.roleArn() != null ? caller.roleArn() : caller.arn(), policies),
            Map.of());
    return new GatewaySnapshot(
        deployed.revision(),
        deployed.apis(),
        deployed.keys(),
        deployed.domains(),
        deployed.certificates(),
        index);
  }

  static GatewayReply run(
      GatewaySnapshot snapshot, Credential signer, Instant signedAt, String... unsignedHeaders) {
    String host = apiId + ".execute-api.us-east-1.turnpike.test";
    SigV4Request signed =
        new SigV4Signer(signer.accessKeyId(), signer.secretAccessKey(), signer.sessionToken())
            .sign(
                new SigV4Request(
                    "GET", "/dev/pets", "", List.of(Map.entry("Host", host)), new byte[0]),
                "us-east-1",
                "execute-api",
                signedAt);
    List<String> pairs = new ArrayList<>();
    for (Map.Entry<String, String> h : signed.headers()) {
      if (!h.getKey().equalsIgnoreCase("Host")) {
        pairs.add(h.getKey());
        pairs.add(h.getValue());
      }
    }
    pairs.addAll(List.of(unsignedHeaders));
    Exchange ex =
        TestExchanges.of(snapshot, apiId, "GET", "/dev/pets", "", pairs.toArray(String[]::new));
    List<Stage> stages =
        List.of(
            new ResolveApiStage(new HostClassifier("us-east-1", "turnpike.test")),
            new ResolveRouteStage(),
            new IamAuthorizationStage("us-east-1", Clock.fixed(NOW, ZoneOffset.UTC)));
    return PathRunner.refusal(stages, ex);
  }

  static String body(GatewayReply r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static final String ALLOW =
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":"
          + "\"execute-api:Invoke\",\"Resource\":\"*\"}}";

  @Test
  void expiredSessionTokenIsRefusedWithAwsMessage() {
    Credential session =
        new Credential(
            "ASIAEXPIRED000000001",
            "secret",
            ACCOUNT,
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/r/s",
            TOKEN,
            NOW.minusSeconds(1));
    GatewayReply r =
        run(with(session, Caller.roleSession(ACCOUNT, "r", "AROA1", "s"), ALLOW), session, NOW);
    assertThat(r.status()).isEqualTo(403);
    assertThat(body(r))
        .isEqualTo("{\"message\":\"The security token included in the request is expired\"}");
    assertThat(r.headers().get("x-amzn-ErrorType")).isEqualTo("ExpiredTokenException");
  }

  @Test
  void validSessionWithRolePolicyPasses_andDeniedSessionIsNamedWithoutItsToken() {
    Credential session =
        new Credential(
            "ASIAVALID00000000001",
            "secret",
            ACCOUNT,
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/r/s",
            TOKEN,
            NOW.plusSeconds(900));
    Caller caller = Caller.roleSession(ACCOUNT, "r", "AROA1", "s");
    assertThat(run(with(session, caller, ALLOW), session, NOW)).isNull();
    GatewayReply denied = run(with(session, caller), session, NOW);
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.headers().get("x-amzn-ErrorType")).isEqualTo("AccessDeniedException");
    assertThat(body(denied))
        .isEqualTo(
            "{\"Message\":\"User: arn:aws:sts::"
                + ACCOUNT
                + ":assumed-role/r/s is not authorized to perform: execute-api:Invoke on resource:"
                + " arn:aws:execute-api:us-east-1:********"
                + ACCOUNT.substring(8)
                + ":"
                + apiId
                + "/dev/GET/pets because no identity-based policy allows the"
                + " execute-api:Invoke action\"}");
    Credential wrongSecret =
        new Credential(
            session.accessKeyId(),
            "not-the-secret",
            ACCOUNT,
            session.principalArn(),
            TOKEN,
            session.expiration());
    GatewayReply mismatch = run(with(session, caller, ALLOW), wrongSecret, NOW);
    assertThat(mismatch.headers().get("x-amzn-ErrorType")).isEqualTo("InvalidSignatureException");
    assertThat(body(mismatch)).contains("x-amz-security-token:").doesNotContain(TOKEN);
    assertThat(mismatch.errorMessage()).doesNotContain(TOKEN);
  }

  @Test
  void skewAndUnknownKeysKeepTheirErrorTypes() {
    Credential user =
        Credential.longTerm(
            "AKIAUSER000000000001", "secret", ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":user/u");
    GatewaySnapshot s = with(user, Caller.user(ACCOUNT, "u", "AIDA1"), ALLOW);
    assertThat(run(s, user, NOW)).isNull();
    GatewayReply old = run(s, user, NOW.minusSeconds(301));
    assertThat(body(old))
        .isEqualTo(
            "{\"message\":\"Signature expired: 20240501T095459Z is now earlier than"
                + " 20240501T095500Z (20240501T100000Z - 5 min.)\"}");
    assertThat(old.headers().get("x-amzn-ErrorType")).isEqualTo("InvalidSignatureException");
    Credential unknown = Credential.longTerm("AKIAUNKNOWN000000001", "secret", ACCOUNT, "x");
    GatewayReply r = run(s, unknown, NOW);
    assertThat(r.headers().get("x-amzn-ErrorType")).isEqualTo("UnrecognizedClientException");
    HttpHeaders h = r.headers();
    assertThat(h.get("Content-Type")).isEqualTo("application/json");
  }

  // Each request key a policy can read has the request's value, read when the condition asks for it
  // (the context no
  // longer builds them all up front): a matching condition allows, a differing one leaves no
  // identity allow.
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "IpAddress|aws:SourceIp|198.51.100.0/24|192.0.2.0/24",
        "Bool|aws:SecureTransport|false|true",
        "NumericEquals|aws:EpochTime|1714557600|1714557601",
        "DateEquals|aws:CurrentTime|2024-05-01T10:00:00Z|2024-05-01T10:00:01Z",
        "StringEquals|aws:UserAgent|probe/1.0|other/1.0",
        "StringEquals|aws:Referer|https://example.com/|https://example.org/",
        "Bool|aws:MultiFactorAuthPresent|false|true",
        "StringEquals|aws:PrincipalArn|arn:aws:iam::"
            + ACCOUNT
            + ":role/r|arn:aws:iam::"
            + ACCOUNT
            + ":role/x",
        "StringEqualsIgnoreCase|AWS:PRINCIPALTYPE|assumedrole|user",
        "Null|aws:SourceArn|true|false"
      })
  void conditionKeysCarryTheRequestsValues(
      String operator, String key, String matching, String differing) {
    Credential session =
        new Credential(
            "ASIAKEYS000000000001",
            "secret",
            ACCOUNT,
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/r/s",
            TOKEN,
            NOW.plusSeconds(900));
    Caller caller = Caller.roleSession(ACCOUNT, "r", "AROA1", "s");
    String[] headers = {"User-Agent", "probe/1.0", "Referer", "https://example.com/"};
    assertThat(
            run(with(session, caller, allowWhen(operator, key, matching)), session, NOW, headers))
        .isNull();
    GatewayReply denied =
        run(with(session, caller, allowWhen(operator, key, differing)), session, NOW, headers);
    assertThat(denied).isNotNull();
    assertThat(body(denied)).contains("because no identity-based policy allows");
  }

  private static String allowWhen(String operator, String key, String value) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoke\","
               + "\"Resource\":\"*\",\"Condition\":{\""
        + operator
        + "\":{\""
        + key
        + "\":\""
        + value
        + "\"}}}}";
  }

  @Test
  void administratorMayDoEverythingInItsAccount() {
    Credential root =
        Credential.longTerm(
            "AKIAROOT000000000001", "secret", ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":root");
    assertThat(run(with(root, Caller.root(ACCOUNT)), root, NOW)).isNull();
    Credential other =
        Credential.longTerm(
            "AKIAROOT000000000002", "secret", "999988887777", "arn:aws:iam::999988887777:root");
    GatewayReply r = run(with(other, Caller.root("999988887777")), other, NOW);
    assertThat(body(r)).contains("because no resource-based policy allows");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "",
        "AWS4-HMAC-SHA256",
        "AWS4-HMAC-SHA256 ,,,",
        "AWS4-HMAC-SHA256 Credential=",
        "AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=host, Signature=00",
        "AWS4-HMAC-SHA256 Credential=AKIA/20240501/us-east-1/execute-api/aws4_request,"
            + " SignedHeaders=, Signature=",
        "AWS4-HMAC-SHA256 Credential=AKIA/2024/us-east-1/execute-api/aws4_request,"
            + " SignedHeaders=host;x-amz-date, Signature=zz",
        "=",
        "a=b",
        "\u00ff\u00fe garbage",
        "AWS4-HMAC-SHA256 Credential=AKIA/20240501/us-east-1/"
            + "execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=ab, Signature=cd"
      })
  void garbageAuthorizationHeadersGetA403NeverA500(String authorization) {
    Credential user =
        Credential.longTerm(
            "AKIAUSER000000000001", "secret", ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":user/u");
    GatewaySnapshot s = with(user, Caller.user(ACCOUNT, "u", "AIDA1"), ALLOW);
    for (String[] extra :
        new String[][] {
          {"Authorization", authorization},
          {"Authorization", authorization, "Authorization", "Bearer x"},
          {"Authorization", authorization, "X-Amz-Date", "20240501T100000Z"}
        }) {
      Exchange ex = TestExchanges.of(s, apiId, "GET", "/dev/pets", "", extra);
      List<Stage> stages =
          List.of(
              new ResolveApiStage(new HostClassifier("us-east-1", "turnpike.test")),
              new ResolveRouteStage(),
              new IamAuthorizationStage("us-east-1", Clock.fixed(NOW, ZoneOffset.UTC)));
      GatewayReply r = PathRunner.refusal(stages, ex);
      assertThat(r).isNotNull();
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.headers().get("x-amzn-ErrorType"))
          .isIn(
              "IncompleteSignatureException",
              "InvalidSignatureException",
              "MissingAuthenticationTokenException",
              "UnrecognizedClientException");
    }
  }
}
