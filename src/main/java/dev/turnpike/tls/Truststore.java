package dev.turnpike.tls;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * A mutual-TLS truststore: the PEM bundle of CA certificates a custom domain trusts, read when the
 * domain is created or updated, with the warnings API Gateway would return for it.
 *
 * <p>Implementation notes
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html, spec
 * 3.6): the truststore is one PEM file of X.509 certificates, the complete chain up to the root;
 * SHA-256 or stronger signatures, RSA-2048 or stronger, ECDSA-256 or stronger. A bundle that does
 * not parse at all is refused. A certificate that parses but is not valid (expired, not yet valid,
 * weak signature algorithm, weak key, signature that does not verify with its issuer's key, issuer
 * missing from the bundle) produces a warning that names the problem and the certificate's subject,
 * and is left out of the trust anchors: "mutual TLS is still enabled, but some clients might not be
 * able to access your API" (AWS). AWS does not publish its warning texts, so Turnpike's are its
 * own. A certificate that is not a CA (no basicConstraints CA:true) is warned about but kept: AWS
 * accepts self-signed client certificates in the truststore, and such an entry only admits a client
 * presenting exactly that certificate.
 */
public final class Truststore {
  /** Signature algorithms AWS calls "SHA-256 or stronger" (JDK names, upper case). */
  private static final Set<String> STRONG_SIGNATURES =
      Set.of(
          "SHA256WITHRSA",
          "SHA384WITHRSA",
          "SHA512WITHRSA",
          "SHA256WITHECDSA",
          "SHA384WITHECDSA",
          "SHA512WITHECDSA",
          "RSASSA-PSS",
          "ED25519",
          "ED448");

  private final List<X509Certificate> anchors;
  private final List<String> warnings;

  private Truststore(List<X509Certificate> anchors, List<String> warnings) {
    this.anchors = List.copyOf(anchors);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Parses a PEM bundle and checks each certificate at {@code now}. Throws when the text is not a
   * bundle of PEM certificates at all (nothing else may be in it).
   */
  public static Truststore read(String pem, Instant now) throws TlsException {
    List<X509Certificate> all;
    try {
      all = Pem.certificates(pem);
    } catch (TlsException e) {
      throw new TlsException(
          "Unable to parse the truststore: expected one or more PEM certificates "
              + "(-----BEGIN CERTIFICATE-----) and nothing else.",
          e);
    }
    Map<X500Principal, X509Certificate> bySubject = new HashMap<>();
    for (X509Certificate c : all) {
      bySubject.putIfAbsent(c.getSubjectX500Principal(), c);
    }
    Map<X509Certificate, @Nullable String> problems = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    List<X509Certificate> anchors = new ArrayList<>();
    for (X509Certificate c : all) {
      String problem = problem(c, bySubject, now, problems, 0);
      if (problem != null) {
        warnings.add(problem);
        continue;
      }
      if (c.getBasicConstraints() < 0) {
        warnings.add(
            "Certificate "
                + subject(c)
                + " is not a CA certificate (basicConstraints CA:TRUE missing); "
                + "it only admits a client that presents exactly this certificate.");
      }
      anchors.add(c);
    }
    return new Truststore(anchors, warnings);
  }

  /** A truststore that trusts nobody. */
  public static Truststore empty() {
    return new Truststore(List.of(), List.of());
  }

  /** The certificates clients may chain to (the valid ones). */
  public List<X509Certificate> anchors() {
    return anchors;
  }

  /** One line per certificate with a problem, naming the problem and the certificate's subject. */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The first problem of {@code c} or of the chain above it in the bundle, or null when it is
   * usable.
   */
  private static @Nullable String problem(
      X509Certificate c,
      Map<X500Principal, X509Certificate> bySubject,
      Instant now,
      Map<X509Certificate, @Nullable String> memo,
      int depth) {
    if (memo.containsKey(c)) {
      return memo.get(c);
    }
    String own = ownProblem(c, now);
    if (own == null && depth < 8) {
      own = issuerProblem(c, bySubject, now, memo, depth);
    }
    memo.put(c, own);
    return own;
  }

  private static @Nullable String ownProblem(X509Certificate c, Instant now) {
    if (c.getNotAfter().toInstant().isBefore(now)) {
      return "Certificate "
          + subject(c)
          + " has expired (notAfter "
          + c.getNotAfter().toInstant()
          + ").";
    }
    if (c.getNotBefore().toInstant().isAfter(now)) {
      return "Certificate "
          + subject(c)
          + " is not yet valid (notBefore "
          + c.getNotBefore().toInstant()
          + ").";
    }
    if (!strongSignature(c)) {
      return "Certificate "
          + subject(c)
          + " uses an insecure signature algorithm "
          + c.getSigAlgName()
          + " (expected: SHA-256 or stronger).";
    }
    String weakKey = weakKey(c.getPublicKey());
    if (weakKey != null) {
      return "Certificate " + subject(c) + " has a weak key: " + weakKey + ".";
    }
    return null;
  }

  private static @Nullable String issuerProblem(
      X509Certificate c,
      Map<X500Principal, X509Certificate> bySubject,
      Instant now,
      Map<X509Certificate, @Nullable String> memo,
      int depth) {
    X500Principal issuerName = c.getIssuerX500Principal();
    X509Certificate issuer = bySubject.get(issuerName);
    if (issuer == null) {
      return "Certificate "
          + subject(c)
          + " was issued by "
          + issuerName.getName()
          + ", which is not in the "
          + "truststore (include the complete chain up to the root CA).";
    }
    try {
      c.verify(issuer.getPublicKey());
    } catch (GeneralSecurityException | RuntimeException e) {
      return "Certificate "
          + subject(c)
          + " has a signature that does not verify with the key of its issuer "
          + issuerName.getName()
          + ".";
    }
    if (issuer == c) {
      return null; // self-signed root
    }
    String above = problem(issuer, bySubject, now, memo, depth + 1);
    return above == null
        ? null
        : "Certificate " + subject(c) + " chains to an invalid certificate: " + above;
  }

  /** Whether the certificate's signature is "SHA-256 or stronger" (AWS). */
  static boolean strongSignature(X509Certificate c) {
    return STRONG_SIGNATURES.contains(c.getSigAlgName().toUpperCase(Locale.ROOT));
  }

  /** Why the key is weaker than RSA-2048 / ECDSA-256, or null. */
  static @Nullable String weakKey(PublicKey key) {
    if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
      return "RSA " + rsa.getModulus().bitLength() + " bits (expected: RSA-2048 or stronger)";
    }
    if (key instanceof ECPublicKey ec && ec.getParams().getOrder().bitLength() < 256) {
      return "ECDSA "
          + ec.getParams().getOrder().bitLength()
          + " bits (expected: ECDSA-256 or stronger)";
    }
    return null;
  }

  static String subject(X509Certificate c) {
    return c.getSubjectX500Principal().getName();
  }
}
