package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Ids;
import dev.turnpike.control.MapEntries;
import dev.turnpike.control.Operation;
import dev.turnpike.control.Page;
import dev.turnpike.control.PatchApplier;
import dev.turnpike.control.PatchApplier.Kind;
import dev.turnpike.control.PatchOperation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.control.domain.CustomDomains;
import dev.turnpike.control.domain.MutualTlsSettings;
import dev.turnpike.model.DomainName;
import java.util.ArrayList;
import java.util.List;

/**
 * CreateDomainName, GetDomainName(s), UpdateDomainName, DeleteDomainName (apigateway v1, spec 3.1).
 * The certificate must be an ACM certificate of the caller in this Turnpike, ISSUED, covering the
 * name (CN/SAN, one label wildcards). A REGIONAL domain answers with its target {@code
 * d-xxxxxxxxxx.execute-api.{region}.{suffix}} (which routes like the domain), an EDGE domain with a
 * CloudFront-style {@code distributionDomainName} (not a name Turnpike serves; EDGE domains are
 * served by their own name like REGIONAL ones). Domain names are global in a Turnpike (one host
 * routes one way), as CNAMEs are global on AWS. The rules are shared with apigatewayv2 ({@link
 * CustomDomains}): both APIs manage the same domains. Mutual TLS: {@link MutualTlsSettings}.
 */
final class DomainNameOperations {
  private static final PatchApplier PATCHES =
      PatchApplier.listing()
          .allow("/certificateArn", Kind.STRING)
          .allow("/certificateName", Kind.STRING)
          .allow("/regionalCertificateArn", Kind.STRING)
          .allow("/regionalCertificateName", Kind.STRING)
          .allow("/securityPolicy", Kind.STRING)
          .map("/tags", MapEntries.strings());

  private final CustomDomains domains;

  DomainNameOperations(CustomDomains domains) {
    this.domains = domains;
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("POST", "/domainnames", this::create)
        .add("GET", "/domainnames", this::list)
        .add("GET", "/domainnames/{domain_name}", this::get)
        .add("PATCH", "/domainnames/{domain_name}", this::update)
        .add("DELETE", "/domainnames/{domain_name}", this::delete);
  }

  private ControlResponse create(ApiCall call) {
    ObjectNode body = call.body();
    String name = CustomDomains.validName(Bodies.requiredString(body, "domainName"));
    List<String> types = new ArrayList<>();
    body.path("endpointConfiguration").path("types").forEach(t -> types.add(t.asText()));
    if (types.isEmpty()) {
      types.add("EDGE");
    }
    if (types.size() != 1 || !List.of("EDGE", "REGIONAL").contains(types.get(0))) {
      throw ApiException.badRequest(
          "Invalid endpoint configuration types "
              + types
              + " (expected: [EDGE] or "
              + "[REGIONAL]; PRIVATE custom domains are not served by Turnpike)");
    }
    boolean edge = types.get(0).equals("EDGE");
    String certArn = Bodies.string(body, edge ? "certificateArn" : "regionalCertificateArn");
    if (certArn == null) {
      throw ApiException.badRequest(
          "A certificate was not provided for the endpoint type " + types.get(0) + ".");
    }
    String policy = CustomDomains.policy(Bodies.string(body, "securityPolicy"), "securityPolicy");
    domains.checkFree(name);
    domains.checkCertificate(call, certArn, name);
    MutualTlsSettings.Outcome mtls =
        MutualTlsSettings.fromCreate(
            name, body, !edge, policy, domains.context().clock().instant());
    long now = domains.context().nowSeconds();
    String ipType = body.path("endpointConfiguration").path("ipAddressType").asText("ipv4");
    DomainName dn =
        new DomainName(
            name,
            edge ? Bodies.string(body, "certificateName") : null,
            edge ? certArn : null,
            now,
            edge ? null : domains.newRegionalTarget(call.region()),
            edge ? null : CustomDomains.regionalHostedZone(call.region()),
            edge ? null : Bodies.string(body, "regionalCertificateName"),
            edge ? null : certArn,
            edge ? "d" + Ids.random(13) + ".cloudfront.net" : null,
            edge ? CustomDomains.EDGE_HOSTED_ZONE : null,
            new DomainName.EndpointConfiguration(types, ipType),
            "AVAILABLE",
            null,
            policy,
            Bodies.stringMap(body, "tags"),
            mtls.member());
    domains.create(call.accountId(), dn, mtls);
    return Bodies.json(201, dn);
  }

  private ControlResponse list(ApiCall call) {
    return Bodies.json(200, Page.of(domains.list(call.accountId()), call));
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(200, domain(call));
  }

  private ControlResponse update(ApiCall call) {
    DomainName dn = domain(call);
    List<PatchOperation> ops = PatchOperation.listFrom(call.body(), "updateDomainNameInput");
    List<PatchOperation> plain =
        ops.stream().filter(o -> !MutualTlsSettings.isMutualTlsPath(o)).toList();
    DomainName patched = Bodies.patch(dn, DomainName.class, PATCHES, plain);
    String policy = CustomDomains.policy(patched.securityPolicy(), "securityPolicy");
    MutualTlsSettings.Outcome mtls =
        MutualTlsSettings.fromPatch(dn, ops, policy, domains.context().clock().instant());
    DomainName updated =
        domains.checkUpdate(
            call,
            dn,
            patched.withMutualTlsAuthentication(
                mtls == null ? dn.mutualTlsAuthentication() : mtls.member()));
    domains.put(call.accountId(), dn, updated, mtls);
    return Bodies.json(200, updated);
  }

  private ControlResponse delete(ApiCall call) {
    domains.delete(call.accountId(), domain(call));
    return ControlResponse.empty(202);
  }

  DomainName domain(ApiCall call) {
    return domains.get(call.accountId(), call.path("domain_name"));
  }
}
