package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Ids;
import dev.turnpike.control.Operation;
import dev.turnpike.control.Page;
import dev.turnpike.control.PatchApplier;
import dev.turnpike.control.PatchApplier.Kind;
import dev.turnpike.control.PatchOperation;
import dev.turnpike.control.RouteTable;
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
import org.jspecify.annotations.Nullable;

/**
 * CreateDomainName, GetDomainName(s), UpdateDomainName, DeleteDomainName (apigateway v1, spec 3.1). The
 * certificate must be an ACM certificate of the caller in this Turnpike, ISSUED, covering the name (CN/SAN, one
 * label wildcards). A REGIONAL domain answers with its target {@code d-xxxxxxxxxx.execute-api.{region}.{suffix}}
 * (which routes like the domain), an EDGE domain with a CloudFront-style {@code distributionDomainName} (not a name
 * Turnpike serves; EDGE domains are served by their own name like REGIONAL ones). Domain names are global in a
 * Turnpike (one host routes one way), as CNAMEs are global on AWS. Mutual TLS: {@link MutualTlsSettings}.
 */
final class DomainNameOperations {
  static final String EDGE_HOSTED_ZONE = "Z2FDTNDATAQYW2";
  /** API Gateway's Regional hosted zones (AWS general reference; other regions fall back to us-east-1's). */
  private static final Map<String, String> REGIONAL_ZONES = Map.of("us-east-1", "Z1UJRXOUMOOFQ8",
      "us-east-2", "ZOJJZC49E0EPZ", "us-west-1", "Z2MUQ32089INYE", "us-west-2", "Z2OJLYMUO9EFXC",
      "eu-west-1", "ZLY8HYME6SFDD", "eu-central-1", "Z1U9ULNL0V5AJ3");
  private static final PatchApplier PATCHES = new PatchApplier()
      .allow("/certificateArn", Kind.STRING)
      .allow("/certificateName", Kind.STRING)
      .allow("/regionalCertificateArn", Kind.STRING)
      .allow("/regionalCertificateName", Kind.STRING)
      .allow("/securityPolicy", Kind.STRING)
      .allow("/tags/*", Kind.MAP_ENTRY);

  private final ApiRepository repo;
  private final String domainSuffix;

  DomainNameOperations(ApiRepository repo, String domainSuffix) {
    this.repo = repo;
    this.domainSuffix = domainSuffix;
  }

  void register(RouteTable<Operation> routes) {
    routes.add("POST", "/domainnames", this::create)
        .add("GET", "/domainnames", this::list)
        .add("GET", "/domainnames/{domain_name}", this::get)
        .add("PATCH", "/domainnames/{domain_name}", this::update)
        .add("DELETE", "/domainnames/{domain_name}", this::delete);
  }

  static DocumentKey key(String account, String domainName) {
    return DocumentKey.of(account, Kinds.DOMAIN_NAME, domainName);
  }

  private ControlResponse create(ApiCall call) {
    ObjectNode body = call.body();
    String name = Bodies.requiredString(body, "domainName").toLowerCase(Locale.ROOT);
    if (!name.matches("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}")) {
      throw ApiException.badRequest("Invalid domain name identifier specified: " + name);
    }
    List<String> types = new ArrayList<>();
    body.path("endpointConfiguration").path("types").forEach(t -> types.add(t.asText()));
    if (types.isEmpty()) {
      types.add("EDGE");
    }
    if (types.size() != 1 || !List.of("EDGE", "REGIONAL").contains(types.get(0))) {
      throw ApiException.badRequest("Invalid endpoint configuration types " + types + " (expected: [EDGE] or "
          + "[REGIONAL]; PRIVATE custom domains are not served by Turnpike)");
    }
    boolean edge = types.get(0).equals("EDGE");
    String certArn = Bodies.string(body, edge ? "certificateArn" : "regionalCertificateArn");
    if (certArn == null) {
      throw ApiException.badRequest("A certificate was not provided for the endpoint type " + types.get(0) + ".");
    }
    String policy = policy(Bodies.string(body, "securityPolicy"));
    for (Document d : repo.context().store().listKind(Kinds.DOMAIN_NAME)) {
      if (d.key().id().equals(name)) {
        throw ApiException.conflict("The domain name you provided already exists.");
      }
    }
    checkCertificate(call, certArn, name);
    MutualTlsSettings.Outcome mtls = MutualTlsSettings.fromCreate(name, body, !edge, policy,
        repo.context().clock().instant());
    long now = repo.context().nowSeconds();
    String id = Ids.random(10);
    String ipType = body.path("endpointConfiguration").path("ipAddressType").asText("ipv4");
    DomainName dn = new DomainName(name,
        edge ? Bodies.string(body, "certificateName") : null, edge ? certArn : null, now,
        edge ? null : "d-" + id + ".execute-api." + call.region() + "." + domainSuffix,
        edge ? null : REGIONAL_ZONES.getOrDefault(call.region(), REGIONAL_ZONES.get("us-east-1")),
        edge ? null : Bodies.string(body, "regionalCertificateName"), edge ? null : certArn,
        edge ? "d" + Ids.random(13) + ".cloudfront.net" : null, edge ? EDGE_HOSTED_ZONE : null,
        new DomainName.EndpointConfiguration(types, ipType), "AVAILABLE", null, policy,
        Bodies.stringMap(body, "tags"), mtls.member());
    List<Write> writes = new ArrayList<>();
    writes.add(Write.create(key(call.accountId(), name), Documents.write(dn)));
    if (mtls.truststore() != null) {
      writes.add(Write.put(truststoreKey(call.accountId(), name), Documents.write(mtls.truststore())));
    }
    repo.context().commit(writes);
    return Bodies.json(201, dn);
  }

  private ControlResponse list(ApiCall call) {
    List<DomainName> all = new ArrayList<>();
    for (Document d : repo.context().store().list(call.accountId(), Kinds.DOMAIN_NAME, "")) {
      all.add(Documents.read(d, DomainName.class));
    }
    all.sort(Comparator.comparing(DomainName::domainName));
    return Bodies.json(200, Page.of(all, call));
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(200, domain(call));
  }

  private ControlResponse update(ApiCall call) {
    DomainName dn = domain(call);
    List<PatchOperation> ops = PatchOperation.listFrom(call.body());
    List<PatchOperation> plain = ops.stream().filter(o -> !MutualTlsSettings.isMutualTlsPath(o)).toList();
    DomainName updated = Bodies.patch(dn, DomainName.class, PATCHES, plain);
    String policy = policy(updated.securityPolicy());
    MutualTlsSettings.Outcome mtls = MutualTlsSettings.fromPatch(dn, ops, policy, repo.context().clock().instant());
    DomainName.MutualTlsAuthentication mtlsMember = mtls == null ? dn.mutualTlsAuthentication() : mtls.member();
    MutualTlsSettings.checkPolicy(mtlsMember != null, policy);
    String arn = updated.servingCertificateArn();
    if (arn == null) {
      throw ApiException.badRequest("A certificate was not provided for the endpoint type "
          + (dn.isEdge() ? "EDGE" : "REGIONAL") + ".");
    }
    long uploaded = dn.certificateUploadDate() == null ? repo.context().nowSeconds() : dn.certificateUploadDate();
    if (!arn.equals(dn.servingCertificateArn())) {
      checkCertificate(call, arn, dn.domainName());
      uploaded = repo.context().nowSeconds();
    }
    updated = new DomainName(updated.domainName(), updated.certificateName(), updated.certificateArn(), uploaded,
        dn.regionalDomainName(), dn.regionalHostedZoneId(), updated.regionalCertificateName(),
        updated.regionalCertificateArn(), dn.distributionDomainName(), dn.distributionHostedZoneId(),
        dn.endpointConfiguration(), "AVAILABLE", null, policy, updated.tags(), mtlsMember);
    List<Write> writes = new ArrayList<>();
    writes.add(Write.put(key(call.accountId(), dn.domainName()), Documents.write(updated)));
    if (mtls != null && mtls.truststore() != null) {
      writes.add(Write.put(truststoreKey(call.accountId(), dn.domainName()), Documents.write(mtls.truststore())));
    } else if (mtls != null && dn.mutualTlsAuthentication() != null) {
      writes.add(Write.delete(truststoreKey(call.accountId(), dn.domainName())));
    }
    repo.context().commit(writes);
    return Bodies.json(200, updated);
  }

  private ControlResponse delete(ApiCall call) {
    DomainName dn = domain(call);
    List<Write> writes = new ArrayList<>();
    writes.add(Write.delete(key(call.accountId(), dn.domainName())));
    if (dn.mutualTlsAuthentication() != null) {
      writes.add(Write.delete(truststoreKey(call.accountId(), dn.domainName())));
    }
    for (Document d : repo.context().store().list(call.accountId(), Kinds.BASE_PATH_MAPPING, dn.domainName())) {
      writes.add(Write.delete(d.key()));
    }
    repo.context().commit(writes);
    return ControlResponse.empty(202);
  }

  static DocumentKey truststoreKey(String account, String domainName) {
    return DocumentKey.of(account, Kinds.DOMAIN_TRUSTSTORE, domainName);
  }

  DomainName domain(ApiCall call) {
    String name = call.path("domain_name").toLowerCase(Locale.ROOT);
    return repo.context().store().get(key(call.accountId(), name))
        .map(d -> Documents.read(d, DomainName.class))
        .orElseThrow(() -> ApiException.notFound("Invalid domain name identifier specified"));
  }

  private static String policy(@Nullable String requested) {
    if (requested == null) {
      return SecurityPolicy.TLS_1_2.name();
    }
    SecurityPolicy p = SecurityPolicy.parse(requested);
    if (p == null || !p.name().equals(requested)) {
      throw ApiException.badRequest("1 validation error detected: Value '" + requested + "' at 'securityPolicy' "
          + "failed to satisfy constraint: Member must satisfy enum value set: [TLS_1_0, TLS_1_2]");
    }
    return p.name();
  }

  /** The ACM certificate must exist in the caller's account, be ISSUED, and cover the domain name. */
  private void checkCertificate(ApiCall call, String arn, String domainName) {
    String prefix = "arn:aws:acm:" + call.region() + ":" + call.accountId() + ":certificate/";
    AcmCertificate cert = !arn.startsWith(prefix) ? null : repo.context().store()
        .get(DocumentKey.of(call.accountId(), Kinds.ACM_CERTIFICATE, arn.substring(prefix.length())))
        .map(d -> Documents.read(d, AcmCertificate.class)).orElse(null);
    if (cert == null) {
      throw ApiException.badRequest("Certificate " + arn + " not found in ACM for account " + call.accountId()
          + " in " + call.region() + ".");
    }
    String status = cert.status(repo.context().clock().millis());
    if (!"ISSUED".equals(status)) {
      throw ApiException.badRequest("Certificate " + arn + " is " + status + "; a custom domain needs an ISSUED "
          + "certificate.");
    }
    for (String san : cert.subjectAlternativeNames()) {
      if (HostNames.covers(san, domainName) || HostNames.normalize(san).equals(domainName)) {
        return;
      }
    }
    throw ApiException.badRequest("The certificate " + arn + " does not cover the domain name " + domainName
        + " (its names: " + String.join(", ", cert.subjectAlternativeNames()) + ").");
  }

}
