package dev.turnpike.it;

import dev.turnpike.tls.CertifiedKey;
import dev.turnpike.tls.KeyAlgorithm;
import dev.turnpike.tls.LocalCa;
import dev.turnpike.tls.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Shared setup of the knowledge-base page tests: a custom domain whose certificate has expired,
 * made through the real AWS CLI the way it happens (API Gateway refuses an expired certificate at
 * creation, so the domain is created with a valid one and the expired one is re-imported into the
 * same ARN, which ACM allows).
 */
final class KbFixtures {
  private KbFixtures() {}

  /**
   * Domain {@code name} served with a certificate that expired about a year ago; returns the
   * certificate's ARN.
   */
  static String serveExpiredCertificate(AwsCli aws, Path tmp, String name) throws Exception {
    LocalCa current =
        LocalCa.loadOrCreate(Files.createDirectories(tmp.resolve("ca-" + name)), Clock.systemUTC());
    CertifiedKey valid =
        current.issue(List.of(name), KeyAlgorithm.EC_prime256v1, Duration.ofDays(90));
    Path[] v = AcmIT.files(tmp, name + "-valid", valid, Pem.encode(current.certificate()));
    String arn =
        aws.acm(
                "import-certificate",
                "--certificate",
                "fileb://" + v[0],
                "--private-key",
                "fileb://" + v[1],
                "--certificate-chain",
                "fileb://" + v[2])
            .get("CertificateArn")
            .asText();
    aws.json(
        "create-domain-name",
        "--domain-name",
        name,
        "--regional-certificate-arn",
        arn,
        "--endpoint-configuration",
        "types=REGIONAL");
    LocalCa old =
        LocalCa.loadOrCreate(
            Files.createDirectories(tmp.resolve("old-ca-" + name)),
            Clock.fixed(Instant.now().minus(Duration.ofDays(400)), ZoneOffset.UTC));
    CertifiedKey k = old.issue(List.of(name), KeyAlgorithm.EC_prime256v1, Duration.ofDays(30));
    Path[] f = AcmIT.files(tmp, name, k, Pem.encode(old.certificate()));
    aws.acm(
        "import-certificate",
        "--certificate-arn",
        arn,
        "--certificate",
        "fileb://" + f[0],
        "--private-key",
        "fileb://" + f[1],
        "--certificate-chain",
        "fileb://" + f[2]);
    return arn;
  }
}
