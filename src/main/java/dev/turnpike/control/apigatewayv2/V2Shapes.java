package dev.turnpike.control.apigatewayv2;

import dev.turnpike.control.domain.DomainMappings;
import dev.turnpike.model.BasePathMapping;
import dev.turnpike.model.DomainName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * apigatewayv2's wire shapes (botocore {@code apigatewayv2/2018-11-29}: camelCase members, ISO-8601
 * timestamps), rendered from the documents v1 and v2 share. Nulls are omitted on the wire.
 */
final class V2Shapes {
  static final String SELECTION_EXPRESSION = "$request.basepath";
  static final String API_MAPPING_ONLY = "API_MAPPING_ONLY";

  private V2Shapes() {}

  /** botocore {@code DomainName} (v2). */
  record V2DomainName(
      String apiMappingSelectionExpression,
      String domainName,
      String domainNameArn,
      List<Configuration> domainNameConfigurations,
      String routingMode,
      @Nullable Map<String, String> tags) {}

  /**
   * botocore {@code DomainNameConfiguration}: one per domain (Turnpike serves one endpoint per
   * name).
   */
  record Configuration(
      @Nullable String apiGatewayDomainName,
      @Nullable String certificateArn,
      @Nullable String certificateName,
      @Nullable String certificateUploadDate,
      String domainNameStatus,
      @Nullable String domainNameStatusMessage,
      String endpointType,
      @Nullable String hostedZoneId,
      @Nullable String ipAddressType,
      String securityPolicy) {}

  /** botocore {@code ApiMapping}; the empty key is "" (v1 calls it "(none)"). */
  record ApiMapping(
      String apiId, String apiMappingId, String apiMappingKey, @Nullable String stage) {}

  /** botocore's v2 list shape: {@code items} and an opaque {@code nextToken}. */
  record Items<T>(List<T> items, @Nullable String nextToken) {}

  static V2DomainName domainName(DomainName dn, String region) {
    boolean edge = dn.isEdge();
    Long uploaded = dn.certificateUploadDate();
    Configuration c =
        new Configuration(
            edge ? dn.distributionDomainName() : dn.regionalDomainName(),
            dn.servingCertificateArn(),
            edge ? dn.certificateName() : dn.regionalCertificateName(),
            uploaded == null ? null : Instant.ofEpochSecond(uploaded).toString(),
            dn.domainNameStatus(),
            dn.domainNameStatusMessage(),
            edge ? "EDGE" : "REGIONAL",
            edge ? dn.distributionHostedZoneId() : dn.regionalHostedZoneId(),
            dn.endpointConfiguration().ipAddressType(),
            dn.securityPolicy());
    return new V2DomainName(
        SELECTION_EXPRESSION,
        dn.domainName(),
        "arn:aws:apigateway:" + region + "::/domainnames/" + dn.domainName(),
        List.of(c),
        API_MAPPING_ONLY,
        dn.tags());
  }

  static ApiMapping apiMapping(BasePathMapping m) {
    String key = DomainMappings.NONE.equals(m.basePath()) ? "" : m.basePath();
    return new ApiMapping(m.restApiId(), String.valueOf(m.apiMappingId()), key, m.stage());
  }
}
