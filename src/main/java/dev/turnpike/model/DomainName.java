package dev.turnpike.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * botocore {@code DomainName} (apigateway v1), the members Turnpike serves (spec 3.1). The
 * certificate of a REGIONAL domain is {@code regionalCertificateArn}, of an EDGE domain {@code
 * certificateArn}. Dates are epoch seconds. {@code mutualTlsAuthentication} is null unless the
 * domain requires client certificates (spec 3.6).
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
    @Nullable Map<String, String> tags,
    @Nullable MutualTlsAuthentication mutualTlsAuthentication) {

  /**
   * A domain without mutual TLS (the shape before issue 6, kept so callers that never set it stay
   * unchanged).
   */
  public DomainName(
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
    this(
        domainName,
        certificateName,
        certificateArn,
        certificateUploadDate,
        regionalDomainName,
        regionalHostedZoneId,
        regionalCertificateName,
        regionalCertificateArn,
        distributionDomainName,
        distributionHostedZoneId,
        endpointConfiguration,
        domainNameStatus,
        domainNameStatusMessage,
        securityPolicy,
        tags,
        null);
  }

  /** This domain with another mutual-TLS member (null: mutual TLS off). */
  public DomainName withMutualTlsAuthentication(@Nullable MutualTlsAuthentication mtls) {
    return new DomainName(
        domainName,
        certificateName,
        certificateArn,
        certificateUploadDate,
        regionalDomainName,
        regionalHostedZoneId,
        regionalCertificateName,
        regionalCertificateArn,
        distributionDomainName,
        distributionHostedZoneId,
        endpointConfiguration,
        domainNameStatus,
        domainNameStatusMessage,
        securityPolicy,
        tags,
        mtls);
  }

  /** The ACM certificate this domain serves. */
  public @Nullable String servingCertificateArn() {
    return isEdge() ? certificateArn : regionalCertificateArn;
  }

  public boolean isEdge() {
    return endpointConfiguration.types().contains("EDGE");
  }

  /** Whether clients must present a certificate the domain's truststore trusts. */
  public boolean requiresClientCertificate() {
    return mutualTlsAuthentication != null
        && mutualTlsAuthentication.truststoreUri() != null
        && !mutualTlsAuthentication.truststoreUri().isEmpty();
  }

  /**
   * botocore {@code MutualTlsAuthentication}: where the truststore came from and what was wrong
   * with some of its certificates when it was read (those certificates are not trusted; the others
   * are).
   */
  public record MutualTlsAuthentication(
      @Nullable String truststoreUri,
      @Nullable String truststoreVersion,
      @Nullable List<String> truststoreWarnings) {}

  /** botocore {@code EndpointConfiguration}. */
  public record EndpointConfiguration(List<String> types, @Nullable String ipAddressType) {}
}
