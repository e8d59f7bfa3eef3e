package dev.turnpike.control.acm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.AwsJson;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.model.AcmCertificate;
import dev.turnpike.model.DomainName;
import dev.turnpike.model.Json;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import dev.turnpike.tls.AcmCertificates;
import dev.turnpike.tls.CertificateChecks;
import dev.turnpike.tls.CertifiedKey;
import dev.turnpike.tls.KeyAlgorithm;
import dev.turnpike.tls.LocalCa;
import dev.turnpike.tls.TlsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The ACM operations, with the members of https://docs.aws.amazon.com/acm/latest/APIReference/.
 * Notes on AWS behavior kept here: ListCertificates without {@code Includes.keyTypes} lists
 * RSA_1024 and RSA_2048 certificates only (ACM's documented default); RequestCertificate's default
 * key is RSA_2048 and {@code DomainName} is always the first SAN; a certificate in use by a custom
 * domain cannot be deleted (ResourceInUseException). Deviation: RequestCertificate issues at once
 * from Turnpike's local CA (no DNS/email validation).
 */
final class CertificateOperations {
  private static final Pattern ARN =
      Pattern.compile("arn:aws:acm:([a-z0-9-]+):(\\d{12}):certificate/([A-Za-z0-9-]+)");
  private static final Pattern DOMAIN =
      Pattern.compile(
          "^(\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$");
  private static final List<String> DEFAULT_KEY_TYPES = List.of("RSA_1024", "RSA_2048");

  private final ControlContext ctx;
  private final LocalCa ca;

  CertificateOperations(ControlContext ctx, LocalCa ca) {
    this.ctx = ctx;
    this.ca = ca;
  }

  ControlResponse importCertificate(ApiCall call) {
    ObjectNode body = call.body();
    String certificate = requireNonNull(blob(body, "Certificate", true), "Certificate");
    String key = requireNonNull(blob(body, "PrivateKey", true), "PrivateKey");
    String chain = blob(body, "CertificateChain", false);
    String reimportArn = text(body, "CertificateArn");
    AcmCertificate previous = null;
    if (reimportArn != null) {
      previous = load(call, reimportArn);
      if (!"IMPORTED".equals(previous.type())) {
        throw AcmService.validation(
            "Certificate "
                + reimportArn
                + " was not imported; only imported certificates "
                + "can be re-imported.");
      }
      if (body.has("Tags")) {
        throw AcmService.validation("Tags cannot be specified when re-importing a certificate.");
      }
    }
    CertifiedKey k;
    try {
      k = CertificateChecks.validateImport(certificate, key, chain);
    } catch (TlsException e) {
      throw AcmService.validation(e.getMessage());
    }
    long now = ctx.clock().millis();
    String arn = previous != null ? previous.certificateArn() : newArn(call);
    AcmCertificate c =
        record(
            arn,
            "IMPORTED",
            k,
            previous != null ? previous.createdAt() : now,
            now,
            null,
            previous != null ? previous.tags() : tags(body),
            previous != null ? previous.revision() + 1 : 1);
    ctx.commit(List.of(Write.put(key(call.accountId(), arn), Documents.write(c))));
    return AwsJson.ok("{\"CertificateArn\":" + Json.quote(arn) + "}");
  }

  ControlResponse requestCertificate(ApiCall call) {
    ObjectNode body = call.body();
    String domain = text(body, "DomainName");
    if (domain == null) {
      throw AcmService.validation(
          "1 validation error detected: Value null at 'domainName' failed to satisfy "
              + "constraint: Member must not be null");
    }
    Set<String> names = new LinkedHashSet<>();
    names.add(checkDomain(domain, "domainName"));
    for (JsonNode n : body.path("SubjectAlternativeNames")) {
      names.add(checkDomain(n.asText(), "subjectAlternativeNames"));
    }
    String alg = text(body, "KeyAlgorithm");
    KeyAlgorithm algorithm = alg == null ? KeyAlgorithm.RSA_2048 : KeyAlgorithm.parse(alg);
    if (algorithm == null || algorithm == KeyAlgorithm.RSA_1024) {
      throw AcmService.validation(
          "1 validation error detected: Value '"
              + alg
              + "' at 'keyAlgorithm' failed to satisfy constraint: Member must satisfy enum value"
              + " set: [RSA_2048, RSA_3072, RSA_4096, EC_prime256v1, EC_secp384r1, EC_secp521r1]");
    }
    CertifiedKey k;
    try {
      k = ca.issue(List.copyOf(names), algorithm, LocalCa.LEAF_VALIDITY);
    } catch (TlsException e) {
      throw new ApiException(500, "InternalFailure", e.getMessage());
    }
    long now = ctx.clock().millis();
    String arn = newArn(call);
    AcmCertificate c = record(arn, "AMAZON_ISSUED", k, now, null, now, tags(body), 1);
    ctx.commit(List.of(Write.create(key(call.accountId(), arn), Documents.write(c))));
    return AwsJson.ok("{\"CertificateArn\":" + Json.quote(arn) + "}");
  }

  ControlResponse describeCertificate(ApiCall call) {
    AcmCertificate c = load(call, requiredArn(call));
    ObjectNode out = Documents.MAPPER.createObjectNode();
    ObjectNode d = out.putObject("Certificate");
    d.put("CertificateArn", c.certificateArn());
    d.put("DomainName", c.domainName());
    ArrayNode sans = d.putArray("SubjectAlternativeNames");
    c.subjectAlternativeNames().forEach(sans::add);
    d.put("Serial", c.serial());
    d.put("Subject", c.subject());
    d.put("Issuer", c.issuer());
    d.put("CreatedAt", c.createdAt() / 1000.0);
    if (c.importedAt() != null) {
      d.put("ImportedAt", c.importedAt() / 1000.0);
    }
    if (c.issuedAt() != null) {
      d.put("IssuedAt", c.issuedAt() / 1000.0);
    }
    d.put("Status", c.status(ctx.clock().millis()));
    d.put("NotBefore", c.notBefore() / 1000.0);
    d.put("NotAfter", c.notAfter() / 1000.0);
    d.put("KeyAlgorithm", c.keyAlgorithm());
    d.put("SignatureAlgorithm", c.signatureAlgorithm());
    ArrayNode inUse = d.putArray("InUseBy");
    inUseBy(call.accountId(), c.certificateArn(), call.region()).forEach(inUse::add);
    d.put("Type", c.type());
    d.putArray("KeyUsages").addObject().put("Name", "DIGITAL_SIGNATURE");
    d.putArray("ExtendedKeyUsages")
        .addObject()
        .put("Name", "TLS_WEB_SERVER_AUTHENTICATION")
        .put("OID", "1.3.6.1.5.5.7.3.1");
    if (c.renewalSummary() != null && !c.isImported()) {
      putRenewalSummary(d.putObject("RenewalSummary"), c);
    }
    d.put("RenewalEligibility", "AMAZON_ISSUED".equals(c.type()) ? "ELIGIBLE" : "INELIGIBLE");
    d.putObject("Options").put("CertificateTransparencyLoggingPreference", "ENABLED");
    return AwsJson.ok(out.toString());
  }

  /**
   * botocore {@code RenewalSummary}: status, one domain validation per name (Turnpike validates
   * nothing, so each is SUCCESS by DNS, as a DNS-validated renewal shows), the reason when FAILED,
   * and when it was last updated.
   */
  private static void putRenewalSummary(ObjectNode n, AcmCertificate c) {
    AcmCertificate.RenewalSummary r = requireNonNull(c.renewalSummary(), "renewalSummary");
    n.put("RenewalStatus", r.renewalStatus());
    ArrayNode validations = n.putArray("DomainValidationOptions");
    for (String name : c.subjectAlternativeNames()) {
      validations
          .addObject()
          .put("DomainName", name)
          .put("ValidationDomain", name)
          .put("ValidationStatus", "SUCCESS")
          .put("ValidationMethod", "DNS");
    }
    if (r.renewalStatusReason() != null) {
      n.put("RenewalStatusReason", r.renewalStatusReason());
    }
    n.put("UpdatedAt", r.updatedAt() / 1000.0);
  }

  ControlResponse listCertificates(ApiCall call) {
    ObjectNode body = call.body();
    Set<String> statuses = new LinkedHashSet<>();
    body.path("CertificateStatuses").forEach(n -> statuses.add(n.asText()));
    Set<String> keyTypes = new LinkedHashSet<>();
    body.path("Includes").path("keyTypes").forEach(n -> keyTypes.add(n.asText()));
    if (keyTypes.isEmpty()) {
      keyTypes.addAll(DEFAULT_KEY_TYPES);
    }
    long now = ctx.clock().millis();
    List<AcmCertificate> all = new ArrayList<>();
    for (Document d : ctx.store().list(call.accountId(), Kinds.ACM_CERTIFICATE, "")) {
      all.add(Documents.read(d, AcmCertificate.class));
    }
    all.sort(
        Comparator.comparingLong(AcmCertificate::createdAt)
            .thenComparing(AcmCertificate::certificateArn));
    ObjectNode out = Documents.MAPPER.createObjectNode();
    ArrayNode list = out.putArray("CertificateSummaryList");
    for (AcmCertificate c : all) {
      String status = c.status(now);
      if ((!statuses.isEmpty() && !statuses.contains(status))
          || !keyTypes.contains(c.keyAlgorithm())) {
        continue;
      }
      ObjectNode s = list.addObject();
      s.put("CertificateArn", c.certificateArn());
      s.put("DomainName", c.domainName());
      ArrayNode sans = s.putArray("SubjectAlternativeNameSummaries");
      c.subjectAlternativeNames().forEach(sans::add);
      s.put("HasAdditionalSubjectAlternativeNames", false);
      s.put("Status", status);
      s.put("Type", c.type());
      s.put("KeyAlgorithm", c.keyAlgorithm());
      s.put("InUse", !inUseBy(call.accountId(), c.certificateArn(), call.region()).isEmpty());
      s.put("NotBefore", c.notBefore() / 1000.0);
      s.put("NotAfter", c.notAfter() / 1000.0);
      s.put("CreatedAt", c.createdAt() / 1000.0);
    }
    return AwsJson.ok(out.toString());
  }

  ControlResponse getCertificate(ApiCall call) {
    AcmCertificate c = load(call, requiredArn(call));
    ObjectNode out = Documents.MAPPER.createObjectNode();
    out.put("Certificate", c.certificatePem());
    if (!c.chainPem().isEmpty()) {
      out.put("CertificateChain", c.chainPem());
    }
    return AwsJson.ok(out.toString());
  }

  ControlResponse deleteCertificate(ApiCall call) {
    AcmCertificate c = load(call, requiredArn(call));
    List<String> users = inUseBy(call.accountId(), c.certificateArn(), call.region());
    if (!users.isEmpty()) {
      throw new ApiException(
          400,
          "ResourceInUseException",
          "Certificate "
              + c.certificateArn()
              + " is in use by "
              + String.join(", ", users)
              + ". Remove it from them before deleting it.");
    }
    ctx.commit(List.of(Write.delete(key(call.accountId(), c.certificateArn()))));
    return AwsJson.ok("{}");
  }

  /** ARNs of the custom domains (apigateway v1) that serve this certificate. */
  private List<String> inUseBy(String account, String arn, String region) {
    List<String> out = new ArrayList<>();
    for (Document d : ctx.store().list(account, Kinds.DOMAIN_NAME, "")) {
      DomainName dn = Documents.read(d, DomainName.class);
      if (arn.equals(dn.servingCertificateArn())) {
        out.add("arn:aws:apigateway:" + region + "::/domainnames/" + dn.domainName());
      }
    }
    return out;
  }

  private static AcmCertificate record(
      String arn,
      String type,
      CertifiedKey k,
      long createdAt,
      @Nullable Long importedAt,
      @Nullable Long issuedAt,
      @Nullable Map<String, String> tags,
      long revision) {
    return AcmCertificates.of(arn, type, k, createdAt, importedAt, issuedAt, tags, revision);
  }

  private String newArn(ApiCall call) {
    return "arn:aws:acm:"
        + call.region()
        + ":"
        + call.accountId()
        + ":certificate/"
        + UUID.randomUUID();
  }

  static DocumentKey key(String account, String arn) {
    return DocumentKey.of(account, Kinds.ACM_CERTIFICATE, arn.substring(arn.lastIndexOf('/') + 1));
  }

  /** The caller's certificate by ARN, with ACM's errors for a malformed, foreign or unknown ARN. */
  AcmCertificate load(ApiCall call, String arn) {
    Matcher m = ARN.matcher(arn);
    if (!m.matches()) {
      throw new ApiException(
          400, "InvalidArnException", "String '" + arn + "' is not a valid ARN.");
    }
    if (!m.group(1).equals(call.region()) || !m.group(2).equals(call.accountId())) {
      throw AcmService.notFound(arn);
    }
    return ctx.store()
        .get(key(call.accountId(), arn))
        .map(d -> Documents.read(d, AcmCertificate.class))
        .orElseThrow(() -> AcmService.notFound(arn));
  }

  static String requiredArn(ApiCall call) {
    String arn = text(call.body(), "CertificateArn");
    if (arn == null) {
      throw AcmService.validation(
          "1 validation error detected: Value null at 'certificateArn' failed to satisfy "
              + "constraint: Member must not be null");
    }
    return arn;
  }

  private static String checkDomain(String name, String member) {
    if (name.length() > 253 || !DOMAIN.matcher(name).matches()) {
      throw AcmService.validation(
          "1 validation error detected: Value '"
              + name
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
              + DOMAIN.pattern());
    }
    return name.toLowerCase(Locale.ROOT);
  }

  private static @Nullable String text(ObjectNode body, String member) {
    JsonNode n = body.get(member);
    return n == null || n.isNull() ? null : n.asText();
  }

  /** A blob member: base64 in JSON 1.1 (the CLI's fileb:// and file:// both arrive encoded). */
  private static @Nullable String blob(ObjectNode body, String member, boolean required) {
    String v = text(body, member);
    if (v == null || v.isEmpty()) {
      if (required) {
        throw AcmService.validation(
            "1 validation error detected: Value null at '"
                + Character.toLowerCase(member.charAt(0))
                + member.substring(1)
                + "' failed to satisfy constraint: Member must not be null");
      }
      return null;
    }
    try {
      return new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "SerializationException", member + " is not valid base64");
    }
  }

  static @Nullable Map<String, String> tags(ObjectNode body) {
    if (!body.has("Tags")) {
      return null;
    }
    Map<String, String> out = new TreeMap<>();
    for (JsonNode t : body.path("Tags")) {
      out.put(t.path("Key").asText(), t.path("Value").asText(""));
    }
    return out;
  }
}
