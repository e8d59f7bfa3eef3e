package dev.turnpike.control.apigatewayv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.control.domain.CustomDomains;
import dev.turnpike.model.DomainName;
import java.util.List;

/**
 * CreateDomainName, GetDomainName(s), UpdateDomainName, DeleteDomainName (apigatewayv2, spec 3.2)
 * over the same documents as v1: a domain created here is a REGIONAL v1 domain (its {@code
 * ApiGatewayDomainName} is v1's {@code regionalDomainName}), and v1's domains, EDGE ones included,
 * are listed here. As on AWS, v2 manages only REGIONAL domains: creating or changing an EDGE one is
 * refused with AWS's message (recorded in amplify-education/serverless-domain-manager#582); reading
 * it works. Certificate, policy and name rules are v1's ({@link CustomDomains}).
 */
final class V2DomainNameOperations {
  /** AWS's answer when v2 is asked to manage an EDGE domain (recorded, see the class comment). */
  static final String REGIONAL_ONLY =
      "Only REGIONAL domain names can be managed through the API Gateway V2 API. For EDGE domain"
          + " names, please use the API Gateway V1 API. Also note that only REST APIs can be"
          + " attached to EDGE domain names.";

  private final CustomDomains domains;

  V2DomainNameOperations(CustomDomains domains) {
    this.domains = domains;
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("POST", "/v2/domainnames", this::create)
        .add("GET", "/v2/domainnames", this::list)
        .add("GET", "/v2/domainnames/{domainName}", this::get)
        .add("PATCH", "/v2/domainnames/{domainName}", this::update)
        .add("DELETE", "/v2/domainnames/{domainName}", this::delete);
  }

  private ControlResponse create(ApiCall call) {
    ObjectNode body = call.body();
    String name = CustomDomains.validName(Bodies.requiredString(body, "domainName"));
    checkServed(body);
    ObjectNode config = configuration(body);
    String type = endpointType(config);
    if (!"REGIONAL".equals(type)) {
      throw ApiException.badRequest(REGIONAL_ONLY);
    }
    String certArn = Bodies.string(config, "certificateArn");
    if (certArn == null) {
      throw ApiException.badRequest(
          "A certificate was not provided for the endpoint type REGIONAL.");
    }
    String policy = CustomDomains.policy(Bodies.string(config, "securityPolicy"), "securityPolicy");
    String ipType = Bodies.string(config, "ipAddressType");
    domains.checkFree(name);
    domains.checkCertificate(call, certArn, name);
    DomainName dn =
        new DomainName(
            name,
            null,
            null,
            domains.context().nowSeconds(),
            domains.newRegionalTarget(call.region()),
            CustomDomains.regionalHostedZone(call.region()),
            Bodies.string(config, "certificateName"),
            certArn,
            null,
            null,
            new DomainName.EndpointConfiguration(
                List.of("REGIONAL"), ipType == null ? "ipv4" : ipType),
            "AVAILABLE",
            null,
            policy,
            Bodies.stringMap(body, "tags"));
    domains.create(call.accountId(), dn);
    return Bodies.json(201, V2Shapes.domainName(dn, call.region()));
  }

  private ControlResponse list(ApiCall call) {
    List<V2Shapes.V2DomainName> all =
        domains.list(call.accountId()).stream()
            .map(dn -> V2Shapes.domainName(dn, call.region()))
            .toList();
    return Bodies.json(200, V2Page.of(all, call));
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(200, V2Shapes.domainName(domain(call), call.region()));
  }

  /** Members given in the one configuration replace the stored ones; absent members are kept. */
  private ControlResponse update(ApiCall call) {
    DomainName dn = domain(call);
    ObjectNode body = call.body();
    checkServed(body);
    if (dn.isEdge()) {
      throw ApiException.badRequest(REGIONAL_ONLY);
    }
    ObjectNode config = configuration(body);
    if (!"REGIONAL".equals(endpointType(config))) {
      throw ApiException.badRequest(REGIONAL_ONLY);
    }
    String certArn = Bodies.string(config, "certificateArn");
    String certName = Bodies.string(config, "certificateName");
    String policy = Bodies.string(config, "securityPolicy");
    DomainName requested =
        new DomainName(
                dn.domainName(),
                dn.certificateName(),
                dn.certificateArn(),
                dn.certificateUploadDate(),
                dn.regionalDomainName(),
                dn.regionalHostedZoneId(),
                certName != null ? certName : certArn != null ? null : dn.regionalCertificateName(),
                certArn != null ? certArn : dn.regionalCertificateArn(),
                dn.distributionDomainName(),
                dn.distributionHostedZoneId(),
                dn.endpointConfiguration(),
                dn.domainNameStatus(),
                null,
                policy != null ? policy : dn.securityPolicy(),
                dn.tags())
            .withMutualTlsAuthentication(dn.mutualTlsAuthentication());
    DomainName updated = domains.checkUpdate(call, dn, requested);
    domains.put(call.accountId(), updated);
    return Bodies.json(200, V2Shapes.domainName(updated, call.region()));
  }

  private ControlResponse delete(ApiCall call) {
    domains.delete(call.accountId(), domain(call));
    return ControlResponse.empty(204);
  }

  private DomainName domain(ApiCall call) {
    return domains.get(call.accountId(), call.path("domainName"));
  }

  /**
   * Mutual TLS and routing rules are not served yet: refuse them rather than accept and ignore
   * them.
   */
  private static void checkServed(ObjectNode body) {
    JsonNode mtls = body.get("mutualTlsAuthentication");
    if (mtls != null && !mtls.isNull() && !mtls.path("truststoreUri").asText("").isEmpty()) {
      throw ApiException.badRequest("Mutual TLS authentication is not supported by Turnpike yet.");
    }
    String mode = Bodies.string(body, "routingMode");
    if (mode != null && !V2Shapes.API_MAPPING_ONLY.equals(mode)) {
      throw ApiException.badRequest(
          "Routing mode "
              + mode
              + " is not supported by Turnpike (expected: "
              + V2Shapes.API_MAPPING_ONLY
              + ").");
    }
  }

  /**
   * The one configuration a domain has (none given = an empty one, so the certificate check reports
   * it).
   */
  private static ObjectNode configuration(ObjectNode body) {
    JsonNode list = body.get("domainNameConfigurations");
    if (list == null || list.isNull() || (list.isArray() && list.isEmpty())) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!list.isArray() || list.size() != 1 || !(list.get(0) instanceof ObjectNode config)) {
      throw ApiException.badRequest(
          "Invalid value for domainNameConfigurations: expected a list of one "
              + "DomainNameConfiguration");
    }
    return config;
  }

  private static String endpointType(ObjectNode config) {
    String type = Bodies.string(config, "endpointType");
    return type == null ? "REGIONAL" : type;
  }
}
