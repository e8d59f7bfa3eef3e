package dev.turnpike.control.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.PatchOperation;
import dev.turnpike.model.DomainName;
import dev.turnpike.tls.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CreateDomainName/UpdateDomainName's mutual-TLS members (spec 3.6, AWS "Configuring mutual TLS":
 * REGIONAL and TLS_1_2 only; truststoreUri patched to "" disables; a new truststoreVersion re-reads
 * the truststore).
 */
class MutualTlsSettingsTest {
  @TempDir Path dir;

  static final ObjectMapper JSON = new ObjectMapper();

  static DomainName domain(DomainName.MutualTlsAuthentication m) {
    return new DomainName(
        "api.example.com",
        null,
        null,
        0L,
        "d-x",
        null,
        null,
        "arn",
        null,
        null,
        new DomainName.EndpointConfiguration(List.of("REGIONAL"), "ipv4"),
        "AVAILABLE",
        null,
        "TLS_1_2",
        null,
        m);
  }

  Path truststore() throws Exception {
    return Files.writeString(dir.resolve("ts.pem"), TestPki.root("CN=Test Root").pem());
  }

  @Test
  void fromCreate_fileUri_readsAndCopiesTheBundle() throws Exception {
    Path ts = truststore();
    var body =
        JSON.readTree(
            "{\"mutualTlsAuthentication\":{\"truststoreUri\":\"file://"
                + ts
                + "\",\"truststoreVersion\":\"7\"}}");
    var out = MutualTlsSettings.fromCreate("api.example.com", body, true, "TLS_1_2", Instant.now());
    assertThat(out.member())
        .isEqualTo(new DomainName.MutualTlsAuthentication("file://" + ts, "7", List.of()));
    assertThat(out.truststore().certificatesPem()).isEqualTo(Files.readString(ts));
  }

  @Test
  void fromCreate_absentOrEmptyUri_isOff() throws Exception {
    assertThat(
            MutualTlsSettings.fromCreate(
                "a.b", JSON.readTree("{}"), true, "TLS_1_2", Instant.now()))
        .isEqualTo(MutualTlsSettings.Outcome.OFF);
    assertThat(
            MutualTlsSettings.fromCreate(
                "a.b",
                JSON.readTree("{\"mutualTlsAuthentication\":{\"truststoreUri\":\"\"}}"),
                true,
                "TLS_1_2",
                Instant.now()))
        .isEqualTo(MutualTlsSettings.Outcome.OFF);
  }

  @Test
  void load_s3Uri_isRefusedSayingWhatTurnpikeAccepts() {
    assertThatThrownBy(() -> MutualTlsSettings.load("s3://bucket/key.pem"))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("cannot fetch truststores from Amazon S3")
        .hasMessageContaining("file://");
  }

  @Test
  void load_relativeOrRemoteOrOtherScheme_isRefused() {
    for (String uri :
        List.of("file://host/etc/ts.pem", "file:ts.pem", "https://example.com/ts.pem", "ts.pem")) {
      assertThatThrownBy(() -> MutualTlsSettings.load(uri))
          .as(uri)
          .isInstanceOf(ApiException.class)
          .hasMessageStartingWith("Invalid truststoreUri");
    }
  }

  @Test
  void fromCreate_edgeOrTls10_isRefused() throws Exception {
    var body =
        JSON.readTree(
            "{\"mutualTlsAuthentication\":{\"truststoreUri\":\"file://" + truststore() + "\"}}");
    assertThatThrownBy(
            () -> MutualTlsSettings.fromCreate("a.b", body, false, "TLS_1_2", Instant.now()))
        .hasMessageContaining("only supported for REGIONAL");
    assertThatThrownBy(
            () -> MutualTlsSettings.fromCreate("a.b", body, true, "TLS_1_0", Instant.now()))
        .hasMessageContaining("requires the TLS_1_2 security policy");
  }

  @Test
  void fromPatch_versionBump_rereads_emptyUriDisables_otherPathsTouchNothing() throws Exception {
    Path ts = truststore();
    DomainName on = domain(new DomainName.MutualTlsAuthentication("file://" + ts, "1", List.of()));
    var bumped =
        MutualTlsSettings.fromPatch(
            on,
            List.of(
                new PatchOperation(
                    "replace", "/mutualTlsAuthentication/truststoreVersion", "2", null)),
            "TLS_1_2",
            Instant.now());
    assertThat(bumped.member().truststoreVersion()).isEqualTo("2");
    assertThat(bumped.member().truststoreUri()).isEqualTo("file://" + ts);
    var off =
        MutualTlsSettings.fromPatch(
            on,
            List.of(
                new PatchOperation("replace", "/mutualTlsAuthentication/truststoreUri", "", null)),
            "TLS_1_2",
            Instant.now());
    assertThat(off).isEqualTo(MutualTlsSettings.Outcome.OFF);
    assertThat(
            MutualTlsSettings.fromPatch(
                on,
                List.of(new PatchOperation("replace", "/securityPolicy", "TLS_1_2", null)),
                "TLS_1_2",
                Instant.now()))
        .isNull();
  }

  private static PatchOperation op(String op, String path, String value) {
    return new PatchOperation(op, path, value, null);
  }

  @Test
  void fromPatch_moveOrCopy_400MustBeReplaceNamingPath() throws Exception {
    DomainName on =
        domain(new DomainName.MutualTlsAuthentication("file://" + truststore(), "1", List.of()));
    for (String o : List.of("move", "copy", "test")) {
      assertThatThrownBy(
              () ->
                  MutualTlsSettings.fromPatch(
                      on,
                      List.of(op(o, "/mutualTlsAuthentication/truststoreVersion", "2")),
                      "TLS_1_2",
                      Instant.now()))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.errorType()).isEqualTo("BadRequestException");
              })
          .hasMessage(
              "Invalid patch operation specified. Must be 'replace' for path"
                  + " '/mutualTlsAuthentication/truststoreVersion'");
    }
  }

  @Test
  void fromPatch_removeUriOrReplaceWithoutValue_off() throws Exception {
    DomainName on =
        domain(new DomainName.MutualTlsAuthentication("file://" + truststore(), "1", List.of()));
    assertThat(
            MutualTlsSettings.fromPatch(
                on,
                List.of(op("remove", "/mutualTlsAuthentication/truststoreUri", null)),
                "TLS_1_2",
                Instant.now()))
        .isEqualTo(MutualTlsSettings.Outcome.OFF);
    assertThat(
            MutualTlsSettings.fromPatch(
                on,
                List.of(op("replace", "/mutualTlsAuthentication/truststoreUri", null)),
                "TLS_1_2",
                Instant.now()))
        .isEqualTo(MutualTlsSettings.Outcome.OFF);
  }

  @Test
  void fromPatch_emptyVersionOnDomainWithout_readsUriWithoutVersion() throws Exception {
    Path ts = truststore();
    DomainName off = domain(null);
    var on =
        MutualTlsSettings.fromPatch(
            off,
            List.of(
                op("add", "/mutualTlsAuthentication/truststoreUri", "file://" + ts),
                op("replace", "/mutualTlsAuthentication/truststoreVersion", "")),
            "TLS_1_2",
            Instant.now());
    assertThat(on.member().truststoreUri()).isEqualTo("file://" + ts);
    assertThat(on.member().truststoreVersion()).isNull();
    assertThat(on.truststore().truststoreVersion()).isEmpty();
  }
}
