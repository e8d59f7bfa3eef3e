package dev.turnpike.model;

/**
 * The truststore of a mutual-TLS custom domain as it was read on CreateDomainName/UpdateDomainName:
 * the PEM bundle of CA certificates, copied into the store so that what is served is what was
 * checked (AWS, too, serves the S3 object version read at update time, not later edits of the
 * object). Never returned by the control plane.
 */
public record DomainTruststore(
    String domainName,
    String truststoreUri,
    String truststoreVersion,
    String certificatesPem,
    long readAtEpochSeconds) {}
