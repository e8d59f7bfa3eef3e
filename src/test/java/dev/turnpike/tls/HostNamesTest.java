package dev.turnpike.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostNamesTest {
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-custom-domains.html
  // (wildcards: one label)
  @Test
  void covers_wildcard_matchesExactlyOneLabel() {
    assertThat(HostNames.covers("*.example.com", "a.example.com")).isTrue();
    assertThat(HostNames.covers("*.example.com", "A.Example.COM.")).isTrue();
    assertThat(HostNames.covers("*.example.com", "example.com")).isFalse();
    assertThat(HostNames.covers("*.example.com", "a.b.example.com")).isFalse();
  }

  @Test
  void covers_exactName_ignoresCaseAndTrailingDot() {
    assertThat(HostNames.covers("api.example.com", "API.example.com.")).isTrue();
    assertThat(HostNames.covers("api.example.com", "api2.example.com")).isFalse();
  }
}
