package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.tls.CertifiedKey;
import dev.turnpike.tls.KeyAlgorithm;
import dev.turnpike.tls.LocalCa;
import dev.turnpike.tls.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ACM subset with the real AWS CLI ({@code aws acm ... --endpoint-url}): import with chain,
 * validation errors, request (issued at once), describe/list/get, tags, expiry. Certificates are
 * made here by a throwaway CA.
 */
class AcmIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static LocalCa externalCa;

  @BeforeAll
  static void start() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    externalCa =
        LocalCa.loadOrCreate(
            Files.createDirectories(tmp.resolve("external-ca")), Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  /** Writes PEM files for the CLI's fileb:// arguments: cert, key, chain. */
  static Path[] files(String name, CertifiedKey k, String chainPem) throws Exception {
    return files(tmp, name, k, chainPem);
  }

  static Path[] files(Path tmp, String name, CertifiedKey k, String chainPem) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("pem-" + name + "-" + System.nanoTime()));
    Path cert =
        Files.writeString(dir.resolve("cert.pem"), Pem.encode(k.leaf()), StandardCharsets.US_ASCII);
    Path key =
        Files.writeString(dir.resolve("key.pem"), Pem.encode(k.key()), StandardCharsets.US_ASCII);
    Path chain = Files.writeString(dir.resolve("chain.pem"), chainPem, StandardCharsets.US_ASCII);
    return new Path[] {cert, key, chain};
  }

  static String importCert(AwsCli aws, Path[] f) throws Exception {
    return aws.acm(
            "import-certificate",
            "--certificate",
            "fileb://" + f[0],
            "--private-key",
            "fileb://" + f[1],
            "--certificate-chain",
            "fileb://" + f[2])
        .get("CertificateArn")
        .asText();
  }

  @Test
  void importCertificate_withChain_isDescribedAsImportedAndIssued() throws Exception {
    CertifiedKey k =
        externalCa.issue(
            List.of("api.example.com", "www.example.com"),
            KeyAlgorithm.EC_prime256v1,
            Duration.ofDays(90));
    String arn = importCert(aws, files("ok", k, Pem.encode(externalCa.certificate())));
    assertThat(arn).matches("arn:aws:acm:us-east-1:\\d{12}:certificate/[0-9a-f-]{36}");
    JsonNode c = aws.acm("describe-certificate", "--certificate-arn", arn).get("Certificate");
    assertThat(c.get("Type").asText()).isEqualTo("IMPORTED");
    assertThat(c.get("Status").asText()).isEqualTo("ISSUED");
    assertThat(c.get("DomainName").asText()).isEqualTo("api.example.com");
    assertThat(c.get("SubjectAlternativeNames"))
        .extracting(JsonNode::asText)
        .containsExactly("api.example.com", "www.example.com");
    assertThat(c.get("KeyAlgorithm").asText()).isEqualTo("EC_prime256v1");
    assertThat(c.get("Serial").asText()).matches("[0-9a-f]{2}(:[0-9a-f]{2})+");
    assertThat(c.get("InUseBy")).isEmpty();
    JsonNode got = aws.acm("get-certificate", "--certificate-arn", arn);
    assertThat(got.get("Certificate").asText()).isEqualTo(Pem.encode(k.leaf()));
    assertThat(got.get("CertificateChain").asText())
        .isEqualTo(Pem.encode(externalCa.certificate()));
  }

  @Test
  void importCertificate_keyOfAnotherCertificate_isAValidationException() throws Exception {
    CertifiedKey a =
        externalCa.issue(List.of("a.example.com"), KeyAlgorithm.EC_prime256v1, Duration.ofDays(9));
    CertifiedKey b =
        externalCa.issue(List.of("a.example.com"), KeyAlgorithm.EC_prime256v1, Duration.ofDays(9));
    Path[] f =
        files(
            "mismatch", new CertifiedKey(b.key(), a.chain()), Pem.encode(externalCa.certificate()));
    AwsCli.Result r =
        aws.runService(
            "acm",
            "import-certificate",
            "--certificate",
            "fileb://" + f[0],
            "--private-key",
            "fileb://" + f[1]);
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr())
        .contains("(ValidationException)")
        .contains("The private key does not match the public key in the certificate.");
  }

  @Test
  void importCertificate_chainOfAnotherCa_isAValidationException() throws Exception {
    LocalCa other =
        LocalCa.loadOrCreate(Files.createDirectories(tmp.resolve("other-ca")), Clock.systemUTC());
    CertifiedKey k =
        externalCa.issue(List.of("b.example.com"), KeyAlgorithm.RSA_2048, Duration.ofDays(9));
    Path[] f = files("badchain", k, Pem.encode(other.certificate()));
    AwsCli.Result r =
        aws.runService(
            "acm",
            "import-certificate",
            "--certificate",
            "fileb://" + f[0],
            "--private-key",
            "fileb://" + f[1],
            "--certificate-chain",
            "fileb://" + f[2]);
    assertThat(r.stderr())
        .contains("(ValidationException)")
        .contains("Could not validate the certificate with the certificate chain.");
  }

  @Test
  void importCertificate_malformedPem_isAValidationException() throws Exception {
    CertifiedKey k =
        externalCa.issue(List.of("c.example.com"), KeyAlgorithm.EC_prime256v1, Duration.ofDays(9));
    Path[] f = files("malformed", k, "");
    Files.writeString(
        f[0], "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
    AwsCli.Result r =
        aws.runService(
            "acm",
            "import-certificate",
            "--certificate",
            "fileb://" + f[0],
            "--private-key",
            "fileb://" + f[1]);
    assertThat(r.stderr())
        .contains("(ValidationException)")
        .contains("Unable to parse certificate. Please ensure the certificate is in PEM format.");
  }

  @Test
  void importCertificate_expired_isImportedAndReportedExpired() throws Exception {
    LocalCa old =
        LocalCa.loadOrCreate(
            Files.createDirectories(tmp.resolve("old-ca")),
            Clock.fixed(Instant.now().minus(Duration.ofDays(400)), ZoneOffset.UTC));
    CertifiedKey k =
        old.issue(List.of("old.example.com"), KeyAlgorithm.EC_prime256v1, Duration.ofDays(30));
    String arn = importCert(aws, files("expired", k, Pem.encode(old.certificate())));
    assertThat(
            aws.acm("describe-certificate", "--certificate-arn", arn)
                .at("/Certificate/Status")
                .asText())
        .isEqualTo("EXPIRED");
  }

  @Test
  void requestCertificate_isIssuedAtOnceByTheLocalCa_withTheRequestedNames() throws Exception {
    String arn =
        aws.acm(
                "request-certificate",
                "--domain-name",
                "shop.example.com",
                "--subject-alternative-names",
                "*.shop.example.com",
                "--validation-method",
                "DNS")
            .get("CertificateArn")
            .asText();
    JsonNode c = aws.acm("describe-certificate", "--certificate-arn", arn).get("Certificate");
    assertThat(c.get("Status").asText()).isEqualTo("ISSUED");
    assertThat(c.get("Type").asText()).isEqualTo("AMAZON_ISSUED");
    assertThat(c.get("KeyAlgorithm").asText()).isEqualTo("RSA_2048");
    assertThat(c.get("SubjectAlternativeNames"))
        .extracting(JsonNode::asText)
        .containsExactly("shop.example.com", "*.shop.example.com");
    assertThat(
            aws.acm("get-certificate", "--certificate-arn", arn).get("CertificateChain").asText())
        .isEqualTo(Files.readString(turnpike.endpoints().caFile()));
    // ListCertificates lists RSA_1024/RSA_2048 unless asked for other key types (ACM's default
    // filter).
    assertThat(aws.acm("list-certificates").get("CertificateSummaryList"))
        .extracting(n -> n.get("CertificateArn").asText())
        .contains(arn);
  }

  @Test
  void tags_addListRemove() throws Exception {
    String arn =
        aws.acm(
                "request-certificate",
                "--domain-name",
                "tags.example.com",
                "--key-algorithm",
                "EC_prime256v1")
            .get("CertificateArn")
            .asText();
    aws.acm("add-tags-to-certificate", "--certificate-arn", arn, "--tags", "Key=team,Value=edge");
    assertThat(
            aws.acm("list-tags-for-certificate", "--certificate-arn", arn).get("Tags").toString())
        .isEqualTo("[{\"Key\":\"team\",\"Value\":\"edge\"}]");
    assertThat(
            aws.acm("list-certificates", "--includes", "keyTypes=EC_prime256v1")
                .get("CertificateSummaryList"))
        .extracting(n -> n.get("CertificateArn").asText())
        .contains(arn);
  }

  @Test
  void describe_unknownArn_isResourceNotFound() throws Exception {
    AwsCli.Result r =
        aws.runService(
            "acm",
            "describe-certificate",
            "--certificate-arn",
            "arn:aws:acm:us-east-1:"
                + turnpike.endpoints().accountId()
                + ":certificate/00000000-0000-0000-0000-000000000000");
    assertThat(r.stderr()).contains("(ResourceNotFoundException)");
  }
}
