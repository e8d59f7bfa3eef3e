package dev.turnpike.auth.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Spec 5.2 tables A (same account) and B (cross-account), row by row, and the 5.3 denial texts. */
class AuthorizationTest {
  static final String A = "111122223333";
  static final String B = "444455556666";
  static final String RES = "arn:aws:execute-api:us-east-1:********3333:abc/dev/GET/pets";
  static final Verdict ALLOW = new Verdict(Verdict.Effect.ALLOW, false, "s");
  static final Verdict DENY = new Verdict(Verdict.Effect.DENY, false, "s");
  static final Verdict SILENT = Verdict.NONE;

  static Stream<Arguments> tables() {
    return Stream.of(
        // identity, resource, table A (same account), table B (cross-account)
        Arguments.of(ALLOW, ALLOW, "allow", "allow"),
        Arguments.of(ALLOW, SILENT, "allow", "no resource"),
        Arguments.of(ALLOW, null, "allow", "no resource"),
        Arguments.of(ALLOW, DENY, "resource deny", "resource deny"),
        Arguments.of(SILENT, ALLOW, "allow", "no identity"),
        Arguments.of(SILENT, SILENT, "no identity", "no identity"),
        Arguments.of(SILENT, null, "no identity", "no identity"),
        Arguments.of(SILENT, DENY, "resource deny", "resource deny"),
        Arguments.of(DENY, ALLOW, "identity deny", "identity deny"),
        Arguments.of(DENY, SILENT, "identity deny", "identity deny"),
        Arguments.of(DENY, DENY, "identity deny", "identity deny"));
  }

  @ParameterizedTest(name = "identity {0} / resource {1} → A: {2}, B: {3}")
  @MethodSource("tables")
  void tablesAandB(
      Verdict identity, @Nullable Verdict resource, String sameAccount, String crossAccount) {
    assertThat(outcome(Caller.user(A, "u", "AIDA1"), identity, resource)).isEqualTo(sameAccount);
    assertThat(outcome(Caller.user(B, "u", "AIDA1"), identity, resource)).isEqualTo(crossAccount);
  }

  static String outcome(Caller caller, Verdict identity, @Nullable Verdict resource) {
    Authorization.Decision d =
        Authorization.decide(caller, "execute-api:Invoke", identity, resource, A, RES);
    return switch (d.reason()) {
      case ALLOWED -> "allow";
      case IDENTITY_DENY -> "identity deny";
      case RESOURCE_DENY -> "resource deny";
      case NO_IDENTITY_ALLOW -> "no identity";
      case NO_RESOURCE_ALLOW -> "no resource";
    };
  }

  @org.junit.jupiter.api.Test
  void accountDelegationNeedsTheIdentitySideInTheSameAccount() {
    Verdict delegated = new Verdict(Verdict.Effect.ALLOW, true, "s");
    assertThat(outcome(Caller.user(A, "u", "x"), SILENT, delegated)).isEqualTo("no identity");
    assertThat(outcome(Caller.user(A, "u", "x"), ALLOW, delegated)).isEqualTo("allow");
    assertThat(outcome(Caller.user(B, "u", "x"), ALLOW, delegated)).isEqualTo("allow");
  }

  @org.junit.jupiter.api.Test
  void denialTextsOfSpec53() {
    assertThat(
            Authorization.decide(Caller.ANONYMOUS, "execute-api:Invoke", SILENT, SILENT, A, RES)
                .message())
        .isEqualTo(
            "User: anonymous is not authorized to perform: execute-api:Invoke on resource: "
                + RES
                + " because no resource-based policy allows the execute-api:Invoke action");
    assertThat(
            Authorization.decide(Caller.ANONYMOUS, "execute-api:Invoke", SILENT, DENY, A, RES)
                .message())
        .isEqualTo(
            "User: anonymous is not authorized to perform: execute-api:Invoke on resource: "
                + RES
                + " with an explicit deny in a resource-based policy");
    assertThat(
            Authorization.decide(Caller.ANONYMOUS, "execute-api:Invoke", SILENT, null, A, RES)
                .allowed())
        .isTrue();
    assertThat(
            Authorization.decide(
                    Caller.user(A, "V", "x"), "execute-api:Invoke", SILENT, null, A, RES)
                .message())
        .isEqualTo(
            "User: arn:aws:iam::"
                + A
                + ":user/V is not authorized to perform: execute-api:Invoke on resource: "
                + RES
                + " because no identity-based policy allows the execute-api:Invoke action");
    assertThat(
            Authorization.decide(
                    Caller.roleSession(A, "r", "AROA1", "s"),
                    "execute-api:Invoke",
                    ALLOW,
                    DENY,
                    A,
                    RES)
                .message())
        .startsWith("User: arn:aws:sts::" + A + ":assumed-role/r/s is not authorized")
        .endsWith("with an explicit deny in a resource-based policy");
    assertThat(Arns.maskAccount("123456789489")).isEqualTo("********9489");
  }
}
