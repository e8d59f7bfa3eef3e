package dev.turnpike.control.domain;

import static java.util.Objects.requireNonNull;

import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.Ids;
import dev.turnpike.model.AcmCertificate;
import dev.turnpike.model.DomainName;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import dev.turnpike.tls.HostNames;
import dev.turnpike.tls.SecurityPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The custom-domain rules shared by apigateway v1 and v2 (spec 3.1, 3.2, 3.4): name syntax, one
 * owner per name in a Turnpike (as CNAMEs are global on AWS), the security policies served, the ACM
 * certificate (the caller's, in this region, ISSUED, covering the name with CN/SAN or a one-label
 * wildcard), the {@code d-…} target name, and delete (the domain and every mapping in one commit).
 */
public final class CustomDomains {
  /** CloudFront's hosted zone, the one EDGE domains report. */
  public static final String EDGE_HOSTED_ZONE = "Z2FDTNDATAQYW2";

  /**
   * API Gateway's Regional hosted zones (AWS general reference; other regions fall back to
   * us-east-1's).
   */
  private static final Map<String, String> REGIONAL_ZONES =
      Map.of(
          "us-east-1",
          "Z1UJRXOUMOOFQ8",
          "us-east-2",
          "ZOJJZC49E0EPZ",
          "us-west-1",
          "Z2MUQ32089INYE",
          "us-west-2",
          "Z2OJLYMUO9EFXC",
          "eu-west-1",
          "ZLY8HYME6SFDD",
          "eu-central-1",
          "Z1U9ULNL0V5AJ3");

  /** AWS's rule for multi-level mappings; the wording is ours [UNCONF]. */
  public static final String MULTI_LEVEL_NEEDS_REGIONAL_TLS_1_2 =
      "Multi-level API mappings require a REGIONAL "
          + "domain name with the TLS_1_2 security policy.";

  private final ControlContext ctx;
  private final String domainSuffix;
  private final DomainMappings mappings;

  public CustomDomains(ControlContext ctx, String domainSuffix) {
    this.ctx = ctx;
    this.domainSuffix = domainSuffix;
    this.mappings = new DomainMappings(ctx);
  }

  public ControlContext context() {
    return ctx;
  }

  public DomainMappings mappings() {
    return mappings;
  }

  /**
   * Multi-level mappings need a Regional domain with TLS_1_2 (rest-api-mappings.html, "Routing API
   * requests").
   */
  public static boolean allowsMultiLevel(DomainName dn) {
    return !dn.isEdge() && SecurityPolicy.TLS_1_2.name().equals(dn.securityPolicy());
  }

  /**
   * Validates an update of {@code before} into {@code requested} (either API): a certificate is
   * still given and, when it changed, passes {@link #checkCertificate} and moves the upload date;
   * the policy is one Turnpike serves and keeps existing multi-level mappings legal. Returns what
   * to store.
   */
  public DomainName checkUpdate(ApiCall call, DomainName before, DomainName requested) {
    String policy = policy(requested.securityPolicy(), "securityPolicy");
    String arn = requested.servingCertificateArn();
    if (arn == null) {
      throw ApiException.badRequest(
          "A certificate was not provided for the endpoint type "
              + (before.isEdge() ? "EDGE" : "REGIONAL")
              + ".");
    }
    long uploaded =
        before.certificateUploadDate() == null ? ctx.nowSeconds() : before.certificateUploadDate();
    if (!arn.equals(before.servingCertificateArn())) {
      checkCertificate(call, arn, before.domainName());
      uploaded = ctx.nowSeconds();
    }
    DomainName updated =
        new DomainName(
            before.domainName(),
            requested.certificateName(),
            requested.certificateArn(),
            uploaded,
            before.regionalDomainName(),
            before.regionalHostedZoneId(),
            requested.regionalCertificateName(),
            requested.regionalCertificateArn(),
            before.distributionDomainName(),
            before.distributionHostedZoneId(),
            before.endpointConfiguration(),
            "AVAILABLE",
            null,
            policy,
            requested.tags(),
            requested.mutualTlsAuthentication());
    MutualTlsSettings.checkPolicy(updated.mutualTlsAuthentication() != null, policy);
    if (!allowsMultiLevel(updated)
        && mappings.list(call.accountId(), before.domainName()).stream()
            .anyMatch(m -> DomainMappings.isMultiLevel(m.basePath()))) {
      throw ApiException.badRequest(MULTI_LEVEL_NEEDS_REGIONAL_TLS_1_2);
    }
    return updated;
  }

  public static DocumentKey key(String account, String domainName) {
    return DocumentKey.of(account, Kinds.DOMAIN_NAME, domainName);
  }

  /**
   * The name as stored (lowercase), or AWS's 400 for a name that is not a (one-label wildcard) host
   * name.
   */
  public static String validName(String requested) {
    String name = requested.toLowerCase(Locale.ROOT);
    if (!name.matches("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}")) {
      throw ApiException.badRequest("Invalid domain name identifier specified: " + name);
    }
    return name;
  }

  /** The security policy to store: TLS_1_2 by default, the botocore enum otherwise. */
  public static String policy(@Nullable String requested, String member) {
    if (requested == null) {
      return SecurityPolicy.TLS_1_2.name();
    }
    SecurityPolicy p = SecurityPolicy.parse(requested);
    if (p == null || !p.name().equals(requested)) {
      throw ApiException.badRequest(
          "1 validation error detected: Value '"
              + requested
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must satisfy enum value set: [TLS_1_0,"
              + " TLS_1_2]");
    }
    return p.name();
  }

  public static String regionalHostedZone(String region) {
    return requireNonNull(
        REGIONAL_ZONES.getOrDefault(region, REGIONAL_ZONES.get("us-east-1")), "us-east-1");
  }

  /**
   * A new Regional target name, {@code d-xxxxxxxxxx.execute-api.{region}.{suffix}} (routes like the
   * domain).
   */
  public String newRegionalTarget(String region) {
    return "d-" + Ids.random(10) + ".execute-api." + region + "." + domainSuffix;
  }

  /** 409 when any account already has the name. */
  public void checkFree(String name) {
    for (Document d : ctx.store().listKind(Kinds.DOMAIN_NAME)) {
      if (d.key().id().equals(name)) {
        throw ApiException.conflict("The domain name you provided already exists.");
      }
    }
  }

  public Optional<DomainName> find(String account, String name) {
    return ctx.store()
        .get(key(account, name.toLowerCase(Locale.ROOT)))
        .map(d -> Documents.read(d, DomainName.class));
  }

  /** The caller's domain, or 404 {@code Invalid domain name identifier specified} (both APIs). */
  public DomainName get(String account, String name) {
    return find(account, name)
        .orElseThrow(() -> ApiException.notFound("Invalid domain name identifier specified"));
  }

  /** The caller's domains by name. */
  public List<DomainName> list(String account) {
    List<DomainName> all = new ArrayList<>();
    for (Document d : ctx.store().list(account, Kinds.DOMAIN_NAME, "")) {
      all.add(Documents.read(d, DomainName.class));
    }
    all.sort(Comparator.comparing(DomainName::domainName));
    return all;
  }

  /** The mutual-TLS truststore as read at create/update (never returned by the API). */
  public static DocumentKey truststoreKey(String account, String domainName) {
    return DocumentKey.of(account, Kinds.DOMAIN_TRUSTSTORE, domainName);
  }

  public void create(String account, DomainName dn) {
    create(account, dn, MutualTlsSettings.Outcome.OFF);
  }

  /** Stores a new domain and, with mutual TLS, the truststore read for it, in one commit. */
  public void create(String account, DomainName dn, MutualTlsSettings.Outcome mtls) {
    List<Write> writes = new ArrayList<>();
    writes.add(Write.create(key(account, dn.domainName()), Documents.write(dn)));
    if (mtls.truststore() != null) {
      writes.add(
          Write.put(truststoreKey(account, dn.domainName()), Documents.write(mtls.truststore())));
    }
    ctx.commit(writes);
  }

  public void put(String account, DomainName dn) {
    ctx.commit(List.of(Write.put(key(account, dn.domainName()), Documents.write(dn))));
  }

  /**
   * Stores an updated domain; {@code mtls} (null: mutual TLS untouched by this update) replaces the
   * stored truststore, or removes it when the update turned mutual TLS off.
   */
  public void put(
      String account, DomainName before, DomainName dn, MutualTlsSettings.@Nullable Outcome mtls) {
    List<Write> writes = new ArrayList<>();
    writes.add(Write.put(key(account, dn.domainName()), Documents.write(dn)));
    if (mtls != null && mtls.truststore() != null) {
      writes.add(
          Write.put(truststoreKey(account, dn.domainName()), Documents.write(mtls.truststore())));
    } else if (mtls != null && before.mutualTlsAuthentication() != null) {
      writes.add(Write.delete(truststoreKey(account, dn.domainName())));
    }
    ctx.commit(writes);
  }

  /**
   * Deletes the domain, its truststore and all its mappings, whichever API created them, in one
   * commit.
   */
  public void delete(String account, DomainName dn) {
    List<Write> writes = new ArrayList<>();
    writes.add(Write.delete(key(account, dn.domainName())));
    if (dn.mutualTlsAuthentication() != null) {
      writes.add(Write.delete(truststoreKey(account, dn.domainName())));
    }
    for (Document d : ctx.store().list(account, Kinds.BASE_PATH_MAPPING, dn.domainName())) {
      writes.add(Write.delete(d.key()));
    }
    ctx.commit(writes);
  }

  /**
   * The ACM certificate must exist in the caller's account and region, be ISSUED, and cover the
   * domain name.
   */
  public void checkCertificate(ApiCall call, String arn, String domainName) {
    String prefix = "arn:aws:acm:" + call.region() + ":" + call.accountId() + ":certificate/";
    AcmCertificate cert =
        !arn.startsWith(prefix)
            ? null
            : ctx.store()
                .get(
                    DocumentKey.of(
                        call.accountId(), Kinds.ACM_CERTIFICATE, arn.substring(prefix.length())))
                .map(d -> Documents.read(d, AcmCertificate.class))
                .orElse(null);
    if (cert == null) {
      throw ApiException.badRequest(
          "Certificate "
              + arn
              + " not found in ACM for account "
              + call.accountId()
              + " in "
              + call.region()
              + ".");
    }
    String status = cert.status(ctx.clock().millis());
    if (!"ISSUED".equals(status)) {
      throw ApiException.badRequest(
          "Certificate "
              + arn
              + " is "
              + status
              + "; a custom domain needs an ISSUED "
              + "certificate.");
    }
    for (String san : cert.subjectAlternativeNames()) {
      if (HostNames.covers(san, domainName) || HostNames.normalize(san).equals(domainName)) {
        return;
      }
    }
    throw ApiException.badRequest(
        "The certificate "
            + arn
            + " does not cover the domain name "
            + domainName
            + " (its names: "
            + String.join(", ", cert.subjectAlternativeNames())
            + ").");
  }
}
