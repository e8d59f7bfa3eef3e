package dev.turnpike.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostClassifierTest {
  private final HostClassifier hosts = new HostClassifier("us-east-1", "turnpike.test");

  @Test
  void executeApiId_plainHost_returnsId() {
    // Spec 1.1: https://{api-id}.execute-api.{region}.amazonaws.com/{stage}/{path}.
    assertThat(hosts.executeApiId("abc123.execute-api.us-east-1.turnpike.test"))
        .isEqualTo("abc123");
  }

  @Test
  void executeApiId_withPort_ignoresPort() {
    assertThat(hosts.executeApiId("abc123.execute-api.us-east-1.turnpike.test:8443"))
        .isEqualTo("abc123");
  }

  @Test
  void executeApiId_upperCase_matchesCaseInsensitivelyAndLowercasesId() {
    // DNS names are case-insensitive (RFC 4343).
    assertThat(hosts.executeApiId("ABC123.Execute-Api.US-EAST-1.Turnpike.Test"))
        .isEqualTo("abc123");
  }

  @Test
  void executeApiId_trailingDot_accepted() {
    assertThat(hosts.executeApiId("abc123.execute-api.us-east-1.turnpike.test."))
        .isEqualTo("abc123");
    assertThat(hosts.executeApiId("abc123.execute-api.us-east-1.turnpike.test.:80"))
        .isEqualTo("abc123");
  }

  @Test
  void executeApiId_otherRegionOrSuffix_returnsNull() {
    assertThat(hosts.executeApiId("abc123.execute-api.eu-west-1.turnpike.test")).isNull();
    assertThat(hosts.executeApiId("abc123.execute-api.us-east-1.amazonaws.com")).isNull();
    assertThat(hosts.executeApiId("abc123.execute-api.us-east-1.turnpike.test.evil.com")).isNull();
    assertThat(hosts.executeApiId("abc123.execute-api.us-east-1.turnpike.testx")).isNull();
  }

  @Test
  void executeApiId_emptyOrDottedId_returnsNull() {
    assertThat(hosts.executeApiId(".execute-api.us-east-1.turnpike.test")).isNull();
    assertThat(hosts.executeApiId("execute-api.us-east-1.turnpike.test")).isNull();
    assertThat(hosts.executeApiId("a.b.execute-api.us-east-1.turnpike.test")).isNull();
  }

  @Test
  void executeApiId_nullOrUnrelatedHost_returnsNull() {
    assertThat(hosts.executeApiId(null)).isNull();
    assertThat(hosts.executeApiId("localhost:8080")).isNull();
    assertThat(hosts.executeApiId("[::1]:8080")).isNull();
    assertThat(hosts.executeApiId("")).isNull();
  }

  @Test
  void stripPort_forms_removeOnlyThePort() {
    assertThat(HostClassifier.stripPort("example.com")).isEqualTo("example.com");
    assertThat(HostClassifier.stripPort("example.com:8080")).isEqualTo("example.com");
    assertThat(HostClassifier.stripPort("[::1]:8080")).isEqualTo("[::1]");
    assertThat(HostClassifier.stripPort("[::1]")).isEqualTo("[::1]");
    assertThat(HostClassifier.stripPort("[2001:db8::1]:443")).isEqualTo("[2001:db8::1]");
    // A bare IPv6 literal (not valid in a Host header, but must not be mangled).
    assertThat(HostClassifier.stripPort("2001:db8::1")).isEqualTo("2001:db8::1");
  }
}
