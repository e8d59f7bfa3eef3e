package dev.turnpike.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** What the Lambda end-to-end tests share: a CLI call that must succeed, a role, a one-file zip. */
final class LambdaFixtures {
  /** The trust policy Lambda execution roles carry. */
  static final String LAMBDA_TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  private LambdaFixtures() {}

  /** {@code aws <service> <args>}'s JSON answer; a failure is the test's failure, with stderr. */
  static JsonNode ok(AwsCli aws, String service, String... args) throws Exception {
    AwsCli.Result r = aws.runService(service, args);
    if (r.exitCode() != 0) {
      throw new AssertionError(
          "aws " + service + " " + String.join(" ", args) + " failed: " + r.stderr());
    }
    return r.json();
  }

  /** Creates the execution role {@code name} Lambda may assume; its ARN. */
  static String executionRole(AwsCli aws, String name) throws Exception {
    return ok(
            aws,
            "iam",
            "create-role",
            "--role-name",
            name,
            "--assume-role-policy-document",
            LAMBDA_TRUST)
        .get("Role")
        .get("Arn")
        .asText();
  }

  /** A zip holding one file. */
  static byte[] zip(String entry, String content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry(entry));
      z.write(content.getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    return out.toByteArray();
  }
}
