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

/** Shared setup of the knowledge-base page tests: an expired certificate imported through the real AWS CLI. */
final class KbFixtures {
  private KbFixtures() {}

  /** Imports a certificate for {@code name} that expired about a year ago; returns its ARN. */
  static String importExpiredCertificate(AwsCli aws, Path tmp, String name) throws Exception {
    LocalCa old = LocalCa.loadOrCreate(Files.createDirectories(tmp.resolve("old-ca-" + name)),
        Clock.fixed(Instant.now().minus(Duration.ofDays(400)), ZoneOffset.UTC));
    CertifiedKey k = old.issue(List.of(name), KeyAlgorithm.EC_prime256v1, Duration.ofDays(30));
    Path[] f = AcmIT.files(tmp, name, k, Pem.encode(old.certificate()));
    return aws.acm("import-certificate", "--certificate", "fileb://" + f[0], "--private-key", "fileb://" + f[1],
        "--certificate-chain", "fileb://" + f[2]).get("CertificateArn").asText();
  }
}
