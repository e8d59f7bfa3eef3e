package dev.turnpike.model;

/**
 * The client certificate a mutual-TLS handshake validated, as API Gateway shows it in {@code
 * $context.identity.clientCert} (spec 3.6): the leaf certificate in PEM, its subject and issuer
 * DNs, serial number (colon-separated hex) and validity dates in OpenSSL's {@code notBefore}/{@code
 * notAfter} form ({@code May 28 12:30:02 2019 GMT}). Built once per connection, shared by every
 * request on it.
 */
public record ClientCertificate(
    String clientCertPem,
    String subjectDN,
    String issuerDN,
    String serialNumber,
    String notBefore,
    String notAfter) {}
