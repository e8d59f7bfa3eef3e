package dev.turnpike.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogGroupsTest {
  @TempDir Path dir;

  private static AccessLogEntry entry(
      String requestId, String stage, long epochMillis, @Nullable String destinationArn) {
    return new AccessLogEntry(
        requestId,
        "K2G9wEbUoAMEvag=",
        "198.51.100.7",
        "GET",
        "/",
        "/" + stage + "/",
        200,
        "HTTP/1.1",
        2,
        "01/May/2024:10:00:00 +0000",
        epochMillis,
        "abc123",
        stage,
        "123456789012",
        -1,
        3,
        null,
        null,
        "$context.requestId $context.stage",
        null,
        null,
        destinationArn);
  }

  @Test
  void groupName_fromALogGroupArn_withOrWithoutTheTrailingStar() {
    assertThat(
            AccessLogGroups.groupName(
                "arn:aws:logs:us-east-1:123456789012:log-group:/api/access-logs"))
        .isEqualTo("/api/access-logs");
    assertThat(AccessLogGroups.groupName("arn:aws:logs:eu-west-1:123456789012:log-group:g:*"))
        .isEqualTo("g");
    assertThat(AccessLogGroups.groupName("arn:aws:firehose:us-east-1:1:deliverystream/x")).isNull();
    assertThat(AccessLogGroups.groupName("arn:aws:logs:us-east-1:1:log-group:bad name")).isNull();
    assertThat(AccessLogGroups.groupName(null)).isNull();
  }

  @Test
  void directory_oneDirectoryPerName_neverOutsideTheAccessDirectory() {
    Path access = dir.resolve("access");
    assertThat(AccessLogGroups.directory(access, "/a/b#c").getFileName().toString())
        .isEqualTo("%2Fa%2Fb%23c");
    assertThat(AccessLogGroups.directory(access, "..").getFileName().toString()).isEqualTo("%2E.");
    assertThat(AccessLogGroups.directory(access, "x".repeat(300)).getFileName().toString())
        .startsWith("sha256-")
        .hasSize(7 + 64);
    assertThat(AccessLogGroups.directory(access, "a%2Fb"))
        .isNotEqualTo(AccessLogGroups.directory(access, "a/b"));
  }

  @Test
  void log_eachDestinationsLines_inItsGroupFile_withTheRequestTime_allInTheSharedFile()
      throws IOException {
    Path file = dir.resolve("logs").resolve("access.log");
    String one = "arn:aws:logs:us-east-1:123456789012:log-group:/access/one";
    String two = "arn:aws:logs:us-east-1:123456789012:log-group:/access/two";
    try (AccessLog log = new AccessLog(file, LogLimits.DEFAULT)) {
      log.log(entry("r1", "one", 1_714_557_600_123L, one));
      log.log(entry("r2", "two", 1_714_557_601_000L, two));
      log.log(entry("r3", "plain", 1_714_557_602_000L, null));
      log.log(entry("r4", "one", 1_714_557_603_000L, one));
      log.flush();
    }
    Path access = dir.resolve("logs").resolve("access");
    assertThat(read(AccessLogGroups.directory(access, "/access/one")))
        .containsExactly("2024-05-01T10:00:00.123Z r1 one", "2024-05-01T10:00:03Z r4 one");
    assertThat(read(AccessLogGroups.directory(access, "/access/two")))
        .containsExactly("2024-05-01T10:00:01Z r2 two");
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
        .containsExactly("r1 one", "r2 two", "r3 plain", "r4 one");
  }

  private static List<String> read(Path groupDir) throws IOException {
    return Files.readAllLines(groupDir.resolve(AccessLogGroups.FILE), StandardCharsets.UTF_8);
  }
}
