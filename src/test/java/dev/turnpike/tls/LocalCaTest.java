package dev.turnpike.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCaTest {
  @TempDir Path dir;

  @Test
  void loadOrCreate_firstStart_writesCaAndKeyWithMode0600_thenReloadsTheSameCa() throws Exception {
    LocalCa ca = LocalCa.loadOrCreate(dir, Clock.systemUTC());
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca-key.pem"))))
        .isEqualTo("rw-------");
    assertThat(ca.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(ca.certificate().getBasicConstraints()).isZero();
    LocalCa again = LocalCa.loadOrCreate(dir, Clock.systemUTC());
    assertThat(again.certificate()).isEqualTo(ca.certificate());
  }

  @Test
  void issue_leafCoversTheNames_andChainsToTheCa() throws Exception {
    LocalCa ca = LocalCa.loadOrCreate(dir, Clock.systemUTC());
    CertifiedKey k =
        ca.issue(
            List.of("api.example.com", "*.example.org"), KeyAlgorithm.RSA_2048, Duration.ofDays(1));
    assertThat(HostNames.dnsNames(k.leaf())).containsExactly("api.example.com", "*.example.org");
    assertThat(HostNames.covers(k.leaf(), "x.example.org")).isTrue();
    k.leaf().verify(ca.certificate().getPublicKey());
    assertThat(CertificateChecks.keyMatches(k.key(), k.leaf())).isTrue();
    assertThat(k.chain()).containsExactly(k.leaf(), ca.certificate());
  }

  @Test
  void loadOrCreate_keyOfAnotherCa_refusesToStart() throws Exception {
    LocalCa.loadOrCreate(dir, Clock.systemUTC());
    Path other = Files.createDirectory(dir.resolve("other"));
    LocalCa.loadOrCreate(other, Clock.systemUTC());
    Files.copy(
        other.resolve("ca-key.pem"),
        dir.resolve("ca-key.pem"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> LocalCa.loadOrCreate(dir, Clock.systemUTC()))
        .isInstanceOf(TlsException.class)
        .hasMessageContaining("does not belong to");
  }

  @Test
  void loadOrCreate_corruptedKeyFile_refusesNamingTheFile_andNeverReplacesTheCa() throws Exception {
    LocalCa.loadOrCreate(dir, Clock.systemUTC());
    String caPem = Files.readString(dir.resolve("ca.pem"));
    Files.writeString(
        dir.resolve("ca-key.pem"),
        "-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> LocalCa.loadOrCreate(dir, Clock.systemUTC()))
        .isInstanceOf(TlsException.class)
        .hasMessageStartingWith(
            "the local CA key " + dir.resolve("ca-key.pem") + " cannot be read: ")
        .hasMessageContaining("move ca.pem and ca-key.pem away to create a new CA");
    assertThat(Files.readString(dir.resolve("ca.pem"))).isEqualTo(caPem);
  }
}
