package dev.turnpike.control.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.PatchApplier;
import dev.turnpike.control.PatchApplier.Kind;
import dev.turnpike.control.PatchOperation;
import dev.turnpike.model.DomainName;
import dev.turnpike.model.DomainTruststore;
import dev.turnpike.tls.TlsException;
import dev.turnpike.tls.Truststore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code mutualTlsAuthentication} member of CreateDomainName and the {@code
 * /mutualTlsAuthentication/...} patch paths of UpdateDomainName (spec 3.6,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html).
 *
 * <p>Implementation notes: AWS allows mutual TLS on REGIONAL domains with the {@code TLS_1_2}
 * policy only, reads the truststore from S3 ({@code s3://bucket/key}, optionally a {@code
 * truststoreVersion}) when the domain is created or updated, answers with {@code
 * truststoreWarnings} for certificates it could not use, and disables mutual TLS when {@code
 * truststoreUri} is patched to {@code ""}. Turnpike cannot fetch from S3, so it accepts {@code
 * file://} URIs with an absolute path instead and refuses {@code s3://} saying so; {@code
 * truststoreVersion} is a label the caller bumps to make Turnpike read the file again (any update
 * of either path re-reads it). The bundle read is copied into the store, so later edits of the file
 * change nothing until the next update, as with an S3 object version. The exact texts of AWS's
 * refusals here are not confirmed.
 */
public final class MutualTlsSettings {
  /** A generous cap on the bundle (AWS's truststore quota is in the megabytes, not more). */
  static final int MAX_TRUSTSTORE_BYTES = 1024 * 1024;

  private static final String TRUSTSTORE_URI = "/mutualTlsAuthentication/truststoreUri";
  private static final String TRUSTSTORE_VERSION = "/mutualTlsAuthentication/truststoreVersion";

  /** An empty or missing value clears either member, as remove does; empty URI: mutual TLS off. */
  private static final PatchApplier PATCHES =
      PatchApplier.listing()
          .invalidOp(
              op ->
                  ApiException.badRequest(
                      "Invalid patch operation specified. Must be 'replace' for path '"
                          + op.path()
                          + "'"))
          .allow(TRUSTSTORE_URI, Kind.NULLABLE_STRING)
          .allow(TRUSTSTORE_VERSION, Kind.NULLABLE_STRING);

  /**
   * What a domain's mutual TLS becomes: the member to answer with and the truststore to store (both
   * null: off).
   */
  public record Outcome(
      DomainName.@Nullable MutualTlsAuthentication member, @Nullable DomainTruststore truststore) {
    public static final Outcome OFF = new Outcome(null, null);
  }

  private MutualTlsSettings() {}

  /** CreateDomainName's {@code mutualTlsAuthentication}; OFF when absent or with an empty URI. */
  public static Outcome fromCreate(
      String domainName, JsonNode body, boolean regional, String securityPolicy, Instant now) {
    JsonNode m = body.path("mutualTlsAuthentication");
    if (m.isMissingNode() || m.isNull()) {
      return Outcome.OFF;
    }
    if (!m.isObject()) {
      throw ApiException.badRequest(
          "mutualTlsAuthentication must be a structure {truststoreUri, truststoreVersion}");
    }
    String uri = text(m, "truststoreUri");
    if (uri == null || uri.isEmpty()) {
      return Outcome.OFF;
    }
    return read(domainName, uri, text(m, "truststoreVersion"), regional, securityPolicy, now);
  }

  /** Whether an operation is one of the two mutual-TLS patch paths. */
  public static boolean isMutualTlsPath(PatchOperation op) {
    return op.path().equals(TRUSTSTORE_URI) || op.path().equals(TRUSTSTORE_VERSION);
  }

  /**
   * Applies the mutual-TLS patch operations to the domain's current setting. Returns null when none
   * of {@code ops} touches mutual TLS (nothing to re-read); otherwise the new outcome, with the
   * truststore read again.
   */
  public static @Nullable Outcome fromPatch(
      DomainName current, List<PatchOperation> ops, String securityPolicy, Instant now) {
    List<PatchOperation> mine = ops.stream().filter(MutualTlsSettings::isMutualTlsPath).toList();
    if (mine.isEmpty()) {
      return null;
    }
    DomainName.MutualTlsAuthentication m =
        Bodies.patch(current, DomainName.class, PATCHES, mine).mutualTlsAuthentication();
    String uri = m == null ? null : m.truststoreUri();
    if (m == null || uri == null) {
      return Outcome.OFF; // "To disable mutual TLS ... patch truststoreUri to ''" (AWS)
    }
    return read(
        current.domainName(), uri, m.truststoreVersion(), !current.isEdge(), securityPolicy, now);
  }

  /** A policy change on a domain that keeps mutual TLS must keep TLS_1_2. */
  public static void checkPolicy(boolean mutualTls, String securityPolicy) {
    if (mutualTls && !"TLS_1_2".equals(securityPolicy)) {
      throw ApiException.badRequest(
          "Mutual TLS authentication requires the TLS_1_2 security policy; the domain's "
              + "policy would be "
              + securityPolicy
              + ".");
    }
  }

  private static Outcome read(
      String domainName,
      String uri,
      @Nullable String version,
      boolean regional,
      String securityPolicy,
      Instant now) {
    if (!regional) {
      throw ApiException.badRequest(
          "Mutual TLS authentication is only supported for REGIONAL custom domain names "
              + "(endpointConfiguration types=REGIONAL).");
    }
    checkPolicy(true, securityPolicy);
    String pem = load(uri);
    Truststore t;
    try {
      t = Truststore.read(pem, now);
    } catch (TlsException e) {
      throw ApiException.badRequest("Invalid truststore " + uri + ": " + e.getMessage());
    }
    DomainName.MutualTlsAuthentication member =
        new DomainName.MutualTlsAuthentication(uri, version, List.copyOf(t.warnings()));
    return new Outcome(
        member,
        new DomainTruststore(
            domainName, uri, version == null ? "" : version, pem, now.getEpochSecond()));
  }

  /**
   * Reads a {@code file://} truststore (absolute path); anything else is refused with what Turnpike
   * accepts.
   */
  public static String load(String uri) {
    String hint =
        " Turnpike reads truststores from file:// URIs with an absolute path to a PEM bundle of CA "
            + "certificates, e.g. file:///etc/turnpike/truststore.pem.";
    if (uri.regionMatches(true, 0, "s3://", 0, 5)) {
      throw ApiException.badRequest(
          "Turnpike cannot fetch truststores from Amazon S3 (" + uri + ")." + hint);
    }
    Path path;
    try {
      URI u = new URI(uri);
      if (!"file".equalsIgnoreCase(u.getScheme())
          || u.getPath() == null
          || !u.getPath().startsWith("/")
          || (u.getAuthority() != null && !u.getAuthority().isEmpty())) {
        throw ApiException.badRequest("Invalid truststoreUri " + uri + "." + hint);
      }
      path = Path.of(u.getPath());
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw ApiException.badRequest("Invalid truststoreUri " + uri + "." + hint);
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes(MAX_TRUSTSTORE_BYTES + 1);
      if (bytes.length > MAX_TRUSTSTORE_BYTES) {
        throw ApiException.badRequest(
            "The truststore " + uri + " is larger than " + MAX_TRUSTSTORE_BYTES + " bytes.");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ApiException.badRequest(
          "Unable to read the truststore " + uri + ": " + reason(e) + "." + hint);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getClass().getSimpleName();
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
