package dev.turnpike.tls;

import dev.turnpike.testkit.Fuzz;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 fuzzing: mutated PEM certificates, keys and chains (as ImportCertificate receives them)
 * are read or refused with a {@link TlsException} naming what is wrong; nothing else escapes.
 */
class PemFuzzTest {
  @TempDir Path dir;

  @Test
  void mutatedPem_readOrRefused() throws Exception {
    LocalCa ca = LocalCa.loadOrCreate(dir, Clock.systemUTC());
    CertifiedKey ec =
        ca.issue(List.of("api.example.com"), KeyAlgorithm.EC_prime256v1, Duration.ofDays(30));
    String cert = Pem.encode(ec.leaf());
    String key = Pem.encode(ec.key());
    String chain = Pem.encode(ca.certificate());
    Fuzz.seeded()
        .run(
            f ->
                new String[] {
                  f.mutate(cert, 3), f.mutate(key, 3), f.random().nextBoolean() ? chain : null
                },
            in -> {
              try {
                Pem.certificates(in[0]);
              } catch (TlsException refused) {
                // answered as ACM does
              }
              try {
                Pem.privateKey(in[1]);
              } catch (TlsException refused) {
                // answered as ACM does
              }
              try {
                CertificateChecks.validateImport(in[0], in[1], in[2]);
              } catch (TlsException refused) {
                // answered as ACM does
              }
            });
  }
}
