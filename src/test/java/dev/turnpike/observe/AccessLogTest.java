package dev.turnpike.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogTest {
  @TempDir Path dir;

  private static AccessLogEntry entry(String format) {
    return new AccessLogEntry(
        "3f0c1a7e-1111-4222-8333-944455556666",
        "K2G9wEbUoAMEvag=",
        "198.51.100.7",
        "GET",
        "/pets/{id}",
        "/dev/pets/1",
        200,
        "HTTP/1.1",
        42,
        "01/May/2024:10:00:00 +0000",
        1_714_557_600_000L,
        "abc123",
        "dev",
        "123456789012",
        -1,
        3,
        null,
        null,
        format);
  }

  private List<String> write(AccessLogEntry... entries) throws IOException {
    Path file = dir.resolve("logs").resolve("access.log");
    try (AccessLog log = new AccessLog(file, LogLimits.DEFAULT)) {
      for (AccessLogEntry e : entries) {
        log.log(e);
      }
      log.flush();
      assertThat(log.dropped()).isZero();
    }
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  @Test
  void log_noFormat_writesOneJsonLinePerRequest() throws IOException {
    List<String> lines = write(entry(null), entry(" "));
    assertThat(lines).hasSize(2);
    JsonNode json = new ObjectMapper().readTree(lines.get(0));
    // AWS $context variable names (DG set-up-logging, "$context Variables for access logging").
    assertThat(json.get("requestId").asText()).isEqualTo("3f0c1a7e-1111-4222-8333-944455556666");
    assertThat(json.get("extendedRequestId").asText()).isEqualTo("K2G9wEbUoAMEvag=");
    assertThat(json.get("ip").asText()).isEqualTo("198.51.100.7");
    assertThat(json.get("httpMethod").asText()).isEqualTo("GET");
    assertThat(json.get("resourcePath").asText()).isEqualTo("/pets/{id}");
    assertThat(json.get("status").asText()).isEqualTo("200");
    assertThat(json.get("responseLength").asText()).isEqualTo("42");
    assertThat(json.get("integrationLatency").asText()).isEqualTo("-");
    assertThat(json.get("apiId").asText()).isEqualTo("abc123");
    assertThat(json.get("stage").asText()).isEqualTo("dev");
  }

  @Test
  void log_customFormat_substitutesContextVariables() throws IOException {
    List<String> lines =
        write(
            entry(
                "$context.requestId ${context.identity.sourceIp} \"$context.httpMethod"
                    + " $context.path\" $context.status $context.responseLength"
                    + " $context.error.message $context.nosuch"));
    assertThat(lines)
        .containsExactly(
            "3f0c1a7e-1111-4222-8333-944455556666 198.51.100.7 \"GET /dev/pets/1\" 200 42 - -");
  }

  @Test
  void log_clientCertVariables_renderTheMutualTlsCertificate_orDashWithout() throws IOException {
    // $context.identity.clientCert.* (spec 3.6, AWS $context reference for access logging)
    String format =
        "$context.identity.clientCert.subjectDN|$context.identity.clientCert.issuerDN|"
            + "$context.identity.clientCert.serialNumber|$context.identity.clientCert.validity.notBefore|"
            + "$context.identity.clientCert.validity.notAfter";
    AccessLogEntry plain = entry(format);
    AccessLogEntry mtls =
        new AccessLogEntry(
            plain.requestId(),
            plain.extendedRequestId(),
            plain.ip(),
            plain.httpMethod(),
            plain.resourcePath(),
            plain.path(),
            plain.status(),
            plain.protocol(),
            plain.responseLength(),
            plain.requestTime(),
            plain.requestTimeEpoch(),
            plain.apiId(),
            plain.stage(),
            plain.accountId(),
            plain.integrationLatency(),
            plain.responseLatency(),
            null,
            null,
            format,
            new dev.turnpike.model.ClientCertificate(
                "-----BEGIN CERTIFICATE-----\n",
                "CN=alice,O=Example",
                "CN=Client CA",
                "0a:1b",
                "May 28 12:30:02 2019 GMT",
                "Aug  5 09:36:04 2021 GMT"));
    assertThat(write(plain, mtls))
        .containsExactly(
            "-|-|-|-|-",
            "CN=alice,O=Example|CN=Client CA|0a:1b|May 28 12:30:02 2019 GMT|Aug  5 09:36:04 2021"
                + " GMT");
  }

  @Test
  void log_customFormatWithNewline_staysOneLine() throws IOException {
    assertThat(write(entry("$context.requestId\n$context.stage")))
        .containsExactly("3f0c1a7e-1111-4222-8333-944455556666 dev");
  }

  @Test
  void log_valueWithDollarOrBackslash_writtenLiterally() throws IOException {
    AccessLogEntry e =
        new AccessLogEntry(
            "id",
            "x",
            "ip",
            "GET",
            null,
            "/a$1\\b",
            403,
            "HTTP/1.1",
            0,
            "t",
            0,
            null,
            null,
            null,
            -1,
            0,
            "Missing Authentication Token",
            "MISSING_AUTHENTICATION_TOKEN",
            "$context.path|$context.resourcePath|$context.error.responseType");
    assertThat(write(e)).containsExactly("/a$1\\b|-|MISSING_AUTHENTICATION_TOKEN");
  }

  @Test
  void log_jsonDefault_escapesQuotes() throws IOException {
    AccessLogEntry e =
        new AccessLogEntry(
            "id",
            "x",
            "ip",
            "GET",
            null,
            "/a\"b",
            403,
            "HTTP/1.1",
            0,
            "t",
            0,
            null,
            null,
            null,
            5,
            0,
            null,
            null,
            null);
    JsonNode json = new ObjectMapper().readTree(write(e).get(0));
    assertThat(json.get("path").asText()).isEqualTo("/a\"b");
    assertThat(json.get("integrationLatency").asText()).isEqualTo("5");
  }

  private static AccessLogEntry numbered(int i) {
    return new AccessLogEntry(
        "req-" + i,
        "x",
        "ip",
        "GET",
        null,
        "/items/" + i,
        200,
        "HTTP/1.1",
        0,
        "t",
        0,
        null,
        null,
        null,
        1,
        0,
        null,
        null,
        null);
  }

  @Test
  void log_pastTheSizeCap_rotatesToDotOne_keepsTheNewestFiles_neverSplitsALine()
      throws IOException {
    Path file = dir.resolve("logs").resolve("access.log");
    int n = 400;
    try (AccessLog log = new AccessLog(file, new LogLimits(4_000, 3))) {
      for (int i = 0; i < n; i++) {
        log.log(numbered(i));
        if (i % 10 == 9) {
          log.flush(); // batches of ten lines, as the writer thread would gather them under load
        }
      }
      log.flush();
    }
    Path logs = file.getParent();
    assertThat(logs.resolve("access.log.4")).doesNotExist();
    List<String> kept = new java.util.ArrayList<>();
    for (String name : List.of("access.log.3", "access.log.2", "access.log.1", "access.log")) {
      assertThat(Files.size(logs.resolve(name))).as(name).isLessThan(4_000 + 10 * 200);
      kept.addAll(Files.readAllLines(logs.resolve(name), StandardCharsets.UTF_8));
    }
    ObjectMapper json = new ObjectMapper();
    List<String> ids = new java.util.ArrayList<>();
    for (String line : kept) {
      ids.add(json.readTree(line).get("requestId").asText()); // every line whole JSON
    }
    // the newest requests, in order, with none missing between the oldest kept and the last
    int first = Integer.parseInt(ids.get(0).substring(4));
    assertThat(first).isGreaterThan(0);
    assertThat(ids)
        .containsExactlyElementsOf(
            java.util.stream.IntStream.range(first, n).mapToObj(i -> "req-" + i).toList());
  }

  @Test
  void log_fileMovedAwayByAnOperator_theNextLinesGoToANewFileAtThePath() throws IOException {
    Path file = dir.resolve("access.log");
    try (AccessLog log = new AccessLog(file, LogLimits.DEFAULT)) {
      log.log(numbered(1));
      log.flush();
      Files.move(file, dir.resolve("access.log.archived"));
      log.log(numbered(2));
      log.flush();
    }
    assertThat(Files.readAllLines(dir.resolve("access.log.archived")))
        .singleElement()
        .asString()
        .contains("req-1");
    assertThat(Files.readAllLines(file)).singleElement().asString().contains("req-2");
  }
}
