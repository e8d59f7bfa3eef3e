package dev.turnpike.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The findings of {@code doctor domain} for DNS, certificate and mapping situations built by hand.
 */
class DomainCheckTest {
  private static final long NOW = 1_800_000_000_000L;
  private static final long DAY = 24L * 3600 * 1000;
  private static final String REGIONAL = "d-abcdefghij.execute-api.us-east-1.localhost";
  private static final TlsProbe.Certificate API_CERT =
      cert("CN=api.example.com", List.of("api.example.com"), NOW - DAY, NOW + 90 * DAY, "AA");

  private static TlsProbe.Certificate cert(
      String subject, List<String> names, long from, long to, String sha) {
    return new TlsProbe.Certificate(subject, names, "CN=Some CA", from, to, "01:02", sha);
  }

  private static DomainConfig config(String policy, List<DomainConfig.Mapping> mappings) {
    return new DomainConfig(
        "api.example.com",
        "api.example.com",
        REGIONAL,
        policy,
        "AVAILABLE",
        "arn:aws:acm:us-east-1:123456789012:certificate/x",
        API_CERT,
        mappings);
  }

  private static DnsProbe.Result dns(List<String> chain, List<String> addresses, String error) {
    return new DnsProbe.Result("test", "api.example.com", chain, addresses, error);
  }

  private static TlsProbe.Result tls(String protocol, TlsProbe.Certificate served) {
    return new TlsProbe.Result(
        "127.0.0.1",
        8443,
        "api.example.com",
        protocol,
        "TLS_AES_128_GCM_SHA256",
        List.of(served),
        null);
  }

  private static ObjectNode run(
      DomainConfig c, DnsProbe.Result dns, DnsProbe.Result target, TlsProbe.Result tls) {
    return DomainCheck.run(c, dns, target, tls, 8443, null, NOW);
  }

  private static JsonNode finding(JsonNode report, String level, String part) {
    for (JsonNode f : report.get("findings")) {
      if (f.get("level").asText().equals(level) && f.get("message").asText().contains(part)) {
        return f;
      }
    }
    throw new AssertionError("no " + level + " '" + part + "' in " + report.toPrettyString());
  }

  private static final List<DomainConfig.Mapping> NONE =
      List.of(new DomainConfig.Mapping("(none)", "api1", "dev"));

  @Test
  void run_aliasRecordWithTheRegionalAddresses_isOk() {
    ObjectNode r =
        run(
            config("TLS_1_2", NONE),
            dns(List.of(), List.of("10.1.2.3"), null),
            new DnsProbe.Result("test", REGIONAL, List.of(), List.of("10.1.2.3"), null),
            tls("TLSv1.3", API_CERT));
    assertThat(r.get("level").asText()).isEqualTo("OK");
    finding(r, "OK", "resolves to the addresses of " + REGIONAL);
    assertThat(r.at("/mappings/0/sampleUrl").asText())
        .isEqualTo("https://api.example.com:8443/...");
  }

  @Test
  void run_nameThatDoesNotResolve_fails() {
    ObjectNode r =
        run(
            config("TLS_1_2", NONE),
            dns(List.of(), List.of(), "api.example.com does not exist " + "(NXDOMAIN)"),
            null,
            tls("TLSv1.3", API_CERT));
    assertThat(
            finding(r, "FAIL", "does not resolve: api.example.com does not exist (NXDOMAIN)")
                .get("fix")
                .asText())
        .isEqualTo("Make api.example.com a CNAME (or an alias record) of " + REGIONAL);
    assertThat(r.get("exitCode").asInt()).isEqualTo(2);
  }

  @Test
  void run_addressRecordToAnotherMachine_failsAndALocalOneWarns() {
    ObjectNode elsewhere =
        run(
            config("TLS_1_2", NONE),
            dns(List.of(), List.of("192.0.2.7"), null),
            new DnsProbe.Result("test", REGIONAL, List.of(), List.of("127.0.0.1"), null),
            tls("TLSv1.3", API_CERT));
    finding(elsewhere, "FAIL", "has address records [192.0.2.7], which is not Turnpike");
    ObjectNode local =
        run(
            config("TLS_1_2", NONE),
            dns(List.of(), List.of("127.0.0.1"), null),
            null,
            tls("TLSv1.3", API_CERT));
    assertThat(local.get("level").asText()).isEqualTo("WARN");
    finding(local, "WARN", "not a CNAME of " + REGIONAL);
  }

  @Test
  void run_expiredOrSoonExpiringCertificate_hasTheExpiryArticle() {
    TlsProbe.Certificate expired =
        cert("CN=api.example.com", List.of("api.example.com"), NOW - 90 * DAY, NOW - DAY, "AA");
    ObjectNode r =
        run(
            config("TLS_1_2", NONE),
            dns(List.of(REGIONAL), List.of("127.0.0.1"), null),
            null,
            tls("TLSv1.3", expired));
    assertThat(finding(r, "FAIL", "expired on").get("article").asText())
        .isEqualTo("certificate-expired-invalid");
    TlsProbe.Certificate soon =
        cert("CN=api.example.com", List.of("*.example.com"), NOW - DAY, NOW + 3 * DAY, "AA");
    ObjectNode w =
        run(
            config("TLS_1_2", NONE),
            dns(List.of(REGIONAL), List.of("127.0.0.1"), null),
            null,
            tls("TLSv1.3", soon));
    assertThat(w.get("level").asText()).isEqualTo("WARN");
    finding(w, "WARN", "expires on");
  }

  @Test
  void run_anotherCertificateThatCoversTheName_warnsThatItIsNotTheConfiguredOne() {
    TlsProbe.Certificate other =
        cert("CN=*.example.com", List.of("*.example.com"), NOW - DAY, NOW + 90 * DAY, "BB");
    ObjectNode r =
        run(
            config("TLS_1_2", NONE),
            dns(List.of(REGIONAL), List.of("127.0.0.1"), null),
            null,
            tls("TLSv1.3", other));
    finding(r, "WARN", "is not the configured one");
  }

  @Test
  void run_protocolOutsideThePolicy_failsWithTheTlsVersionArticle() {
    ObjectNode r =
        run(
            config("TLS_1_2", NONE),
            dns(List.of(REGIONAL), List.of("127.0.0.1"), null),
            null,
            tls("TLSv1.1", API_CERT));
    assertThat(
            finding(
                    r,
                    "FAIL",
                    "Negotiated TLSv1.1, which the security policy TLS_1_2 does not allow")
                .get("article")
                .asText())
        .isEqualTo("tls-version-refused");
    ObjectNode ok =
        run(
            config("TLS_1_0", NONE),
            dns(List.of(REGIONAL), List.of("127.0.0.1"), null),
            null,
            tls("TLSv1.1", API_CERT));
    finding(ok, "OK", "allowed by the security policy TLS_1_0");
  }

  @Test
  void run_pathThroughTheMappings_longestWholeSegmentWins() {
    List<DomainConfig.Mapping> m =
        List.of(
            new DomainConfig.Mapping("orders", "api2", "(none)"),
            new DomainConfig.Mapping("(none)", "api1", "dev"));
    ObjectNode r =
        DomainCheck.run(
            config("TLS_1_2", m),
            dns(List.of(REGIONAL), List.of("127.0.0.1"), null),
            null,
            tls("TLSv1.3", API_CERT),
            443,
            "/orders/prod/x",
            NOW);
    finding(
        r,
        "OK",
        "/orders/prod/x -> base path orders -> API api2 (stage from the URL), resource path"
            + " /prod/x");
    assertThat(r.at("/mappings/0/sampleUrl").asText())
        .isEqualTo("https://api.example.com/orders/{stage}/...");
    ObjectNode fallback =
        DomainCheck.run(
            config("TLS_1_2", m),
            dns(List.of(REGIONAL), List.of("127.0.0.1"), null),
            null,
            tls("TLSv1.3", API_CERT),
            443,
            "/ordersX",
            NOW);
    finding(fallback, "OK", "/ordersX -> base path (none) -> API api1 stage dev");
  }

  @Test
  void run_handshakeFailure_failsAndKeepsGoing() {
    TlsProbe.Result failed =
        new TlsProbe.Result(
            "127.0.0.1", 8443, "api.example.com", null, null, List.of(), "Connection refused");
    ObjectNode r =
        run(
            config("TLS_1_2", NONE),
            dns(List.of(REGIONAL), List.of("127.0.0.1"), null),
            null,
            failed);
    assertThat(finding(r, "FAIL", "failed: Connection refused").get("fix").asText())
        .contains("--port");
    assertThat(r.get("mappings")).hasSize(1);
  }
}
