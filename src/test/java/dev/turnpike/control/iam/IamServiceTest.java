package dev.turnpike.control.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.control.sts.StsService;
import dev.turnpike.store.JdbcConfigStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The iam and sts Query-protocol operations in process: XML shapes, AWS error codes, authorization.
 */
class IamServiceTest {
  static final String A = "123456789012";
  static final String ROOT = "arn:aws:iam::" + A + ":root";

  @TempDir Path dir;
  JdbcConfigStore store;
  RouteTable<Operation> iam;
  RouteTable<Operation> sts;

  @BeforeEach
  void open() {
    store = JdbcConfigStore.embedded(dir);
    ControlContext ctx =
        new ControlContext(
            store,
            Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC),
            "us-east-1",
            () -> {});
    iam = IamService.routes(ctx);
    sts = StsService.routes(ctx);
  }

  @AfterEach
  void close() {
    store.close();
  }

  ControlResponse call(RouteTable<Operation> routes, String principal, String... params) {
    StringBuilder form = new StringBuilder();
    for (int i = 0; i < params.length; i += 2) {
      form.append(form.isEmpty() ? "" : "&")
          .append(params[i])
          .append('=')
          .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
    }
    ApiCall call =
        new ApiCall(
            A,
            principal,
            "us-east-1",
            Map.of(),
            Map.of(),
            form.toString().getBytes(StandardCharsets.UTF_8));
    return routes.match("POST", "/").handler().handle(call);
  }

  static String text(ControlResponse r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void createUserAnswersAwsXml() {
    ControlResponse r =
        call(iam, ROOT, "Action", "CreateUser", "Version", "2010-05-08", "UserName", "alice");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("Content-Type", "text/xml");
    assertThat(text(r))
        .startsWith("<CreateUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">")
        .contains("<CreateUserResult>")
        .contains("<UserName>alice</UserName>")
        .contains("<Arn>arn:aws:iam::" + A + ":user/alice</Arn>")
        .contains("<CreateDate>2024-05-01T10:00:00Z</CreateDate>")
        .containsPattern("<UserId>AIDA[A-Z0-9]+</UserId>")
        .containsPattern("<RequestId>[0-9a-f-]{36}</RequestId>");
  }

  @Test
  void errorsAreErrorResponseXmlWithAwsCodes() {
    call(iam, ROOT, "Action", "CreateUser", "UserName", "alice");
    ControlResponse dup = call(iam, ROOT, "Action", "CreateUser", "UserName", "alice");
    assertThat(dup.status()).isEqualTo(409);
    assertThat(text(dup))
        .contains("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">")
        .contains("<Type>Sender</Type>")
        .contains("<Code>EntityAlreadyExists</Code>")
        .contains("<Message>User with name alice already exists.</Message>");
    ControlResponse missing = call(iam, ROOT, "Action", "GetUser", "UserName", "bob");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(text(missing)).contains("<Code>NoSuchEntity</Code>");
    ControlResponse bad =
        call(
            iam,
            ROOT,
            "Action",
            "PutUserPolicy",
            "UserName",
            "alice",
            "PolicyName",
            "p",
            "PolicyDocument",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:<x>\",\"Resource\":\"*\"}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(text(bad))
        .contains("<Code>MalformedPolicyDocument</Code>")
        .contains("Invalid action: s3:&lt;x&gt;");
    ControlResponse badName = call(iam, ROOT, "Action", "CreateUser", "UserName", "no spaces");
    assertThat(text(badName))
        .contains("<Code>ValidationError</Code>")
        .contains("&apos;userName&apos;");
    assertThat(text(call(iam, ROOT, "Action", "Frobnicate")))
        .contains("<Code>InvalidAction</Code>");
  }

  @Test
  void policyDocumentsComeBackUrlEncoded() {
    call(iam, ROOT, "Action", "CreateUser", "UserName", "alice");
    String doc =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\","
            + "\"Resource\":\"*\"}}";
    assertThat(
            call(
                    iam,
                    ROOT,
                    "Action",
                    "PutUserPolicy",
                    "UserName",
                    "alice",
                    "PolicyName",
                    "p",
                    "PolicyDocument",
                    doc)
                .status())
        .isEqualTo(200);
    String got =
        text(call(iam, ROOT, "Action", "GetUserPolicy", "UserName", "alice", "PolicyName", "p"));
    assertThat(got)
        .contains("<PolicyDocument>" + QueryProtocol.urlEncode(doc) + "</PolicyDocument>");
    assertThat(text(call(iam, ROOT, "Action", "ListUserPolicies", "UserName", "alice")))
        .contains("<member>p</member>");
  }

  @Test
  void usersAreAuthorizedByTheirPolicies() {
    call(iam, ROOT, "Action", "CreateUser", "UserName", "alice");
    String alice = "arn:aws:iam::" + A + ":user/alice";
    ControlResponse denied = call(iam, alice, "Action", "ListUsers");
    assertThat(denied.status()).isEqualTo(403);
    assertThat(text(denied))
        .contains("<Code>AccessDenied</Code>")
        .contains(
            "User: "
                + alice
                + " is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::"
                + A
                + ":user/ because no"
                + " identity-based policy allows the iam:ListUsers action");
    call(
        iam,
        ROOT,
        "Action",
        "PutUserPolicy",
        "UserName",
        "alice",
        "PolicyName",
        "p",
        "PolicyDocument",
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:List*\",\"Resource\":\"*\"},{\"Effect\":\"Deny\","
            + "\"Action\":\"iam:*\",\"Resource\":\"arn:aws:iam::*:user/root*\"}]}");
    assertThat(call(iam, alice, "Action", "ListUsers").status()).isEqualTo(200);
    assertThat(text(call(iam, alice, "Action", "CreateUser", "UserName", "rootish")))
        .contains(
            "iam:CreateUser on resource: arn:aws:iam::"
                + A
                + ":user/rootish with an explicit deny in an"
                + " identity-based policy");
    assertThat(text(call(iam, alice, "Action", "CreateUser", "UserName", "bob")))
        .contains("because no identity-based policy allows the iam:CreateUser action");
    {
      String who = text(call(sts, alice, "Action", "GetCallerIdentity"));
      assertThat(who)
          .contains("<Arn>" + alice + "</Arn>")
          .contains("<Account>" + A + "</Account>")
          .containsPattern("<UserId>AIDA[A-Z0-9]+</UserId>")
          .startsWith(
              "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">");
    }
  }

  @Test
  void apigatewayV2Calls_areAuthorizedOnAwsV2ResourceArns_withoutTheV2Prefix() {
    call(iam, ROOT, "Action", "CreateUser", "UserName", "carol");
    String carol = "arn:aws:iam::" + A + ":user/carol";
    call(
        iam,
        ROOT,
        "Action",
        "PutUserPolicy",
        "UserName",
        "carol",
        "PolicyName",
        "p",
        "PolicyDocument",
        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"apigateway:GET\","
            + "\"Resource\":\"arn:aws:apigateway:us-east-1::/domainnames/*\"}}");
    IamAccess access = new IamAccess(store);
    access.authorizeApiGateway(
        A, carol, "GET", "/v2/domainnames/api.example.com/apimappings", "us-east-1");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                access.authorizeApiGateway(
                    A, carol, "POST", "/v2/domainnames/api.example.com/apimappings", "us-east-1"))
        .hasMessageContaining(
            "apigateway:POST on resource: arn:aws:apigateway:us-east-1::/domainnames/"
                + "api.example.com/apimappings");
  }

  @Test
  void assumeRoleChecksTrustAndValidatesInput() {
    call(iam, ROOT, "Action", "CreateUser", "UserName", "alice");
    String alice = "arn:aws:iam::" + A + ":user/alice";
    call(
        iam,
        ROOT,
        "Action",
        "CreateRole",
        "RoleName",
        "r",
        "AssumeRolePolicyDocument",
        "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
            + alice
            + "\"},\"Action\":\"sts:AssumeRole\"}}");
    String roleArn = "arn:aws:iam::" + A + ":role/r";
    ControlResponse ok =
        call(sts, alice, "Action", "AssumeRole", "RoleArn", roleArn, "RoleSessionName", "s");
    assertThat(ok.status()).as(text(ok)).isEqualTo(400); // session names are 2-64 characters
    ok = call(sts, alice, "Action", "AssumeRole", "RoleArn", roleArn, "RoleSessionName", "s1");
    assertThat(ok.status()).as(text(ok)).isEqualTo(200);
    assertThat(text(ok))
        .containsPattern("<AccessKeyId>ASIA[A-Z0-9]+</AccessKeyId>")
        .contains("<Expiration>2024-05-01T11:00:00Z</Expiration>")
        .contains("<Arn>arn:aws:sts::" + A + ":assumed-role/r/s1</Arn>");
    ControlResponse other =
        call(
            sts,
            "arn:aws:iam::" + A + ":user/mallory",
            "Action",
            "AssumeRole",
            "RoleArn",
            roleArn,
            "RoleSessionName",
            "s1");
    assertThat(other.status()).isEqualTo(403);
    assertThat(text(other))
        .contains("<Code>AccessDenied</Code>")
        .contains("sts:AssumeRole on resource: " + roleArn);
    assertThat(
            text(
                call(
                    sts,
                    alice,
                    "Action",
                    "AssumeRole",
                    "RoleArn",
                    roleArn,
                    "RoleSessionName",
                    "s1",
                    "DurationSeconds",
                    "899")))
        .contains("greater than or equal to 900");
    assertThat(
            text(
                call(
                    iam,
                    ROOT,
                    "Action",
                    "CreateRole",
                    "RoleName",
                    "bad",
                    "AssumeRolePolicyDocument",
                    "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}}")))
        .contains("MalformedPolicyDocument")
        .contains("Has prohibited field Resource");
    assertThat(List.of(store.list("global", "sts-session", "")).get(0)).hasSize(1);
  }
}
