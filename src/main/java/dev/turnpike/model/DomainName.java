package dev.turnpike.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * botocore {@code DomainName} (apigateway v1), the members Turnpike serves (spec 3.1). The certificate of a
 * REGIONAL domain is {@code regionalCertificateArn}, of an EDGE domain {@code certificateArn}. Dates are epoch
 * seconds.
 */
public record DomainName(
    String domainName,
    @Nullable String certificateName,
    @Nullable String certificateArn,
    @Nullable Long certificateUploadDate,
    @Nullable String regionalDomainName,
    @Nullable String regionalHostedZoneId,
    @Nullable String regionalCertificateName,
    @Nullable String regionalCertificateArn,
    @Nullable String distributionDomainName,
    @Nullable String distributionHostedZoneId,
    EndpointConfiguration endpointConfiguration,
    String domainNameStatus,
    @Nullable String domainNameStatusMessage,
    String securityPolicy,
    @Nullable Map<String, String> tags) {

  /** The ACM certificate this domain serves. */
  public @Nullable String servingCertificateArn() {
    return isEdge() ? certificateArn : regionalCertificateArn;
  }

  public boolean isEdge() {
    return endpointConfiguration.types().contains("EDGE");
  }

  /** botocore {@code EndpointConfiguration}. */
  public record EndpointConfiguration(List<String> types, @Nullable String ipAddressType) {}
}
