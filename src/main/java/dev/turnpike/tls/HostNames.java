package dev.turnpike.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.jspecify.annotations.Nullable;

/**
 * Which names a certificate covers, as TLS clients check them (RFC 6125): the DNS subject
 * alternative names, or the subject's CN when there are none; a wildcard {@code *.example.com}
 * covers exactly one label ({@code a.example.com}, not {@code example.com}, not {@code
 * a.b.example.com}). Comparison ignores case and a trailing dot. API Gateway requires the
 * certificate to cover the custom domain name (spec 3.4).
 */
public final class HostNames {
  private HostNames() {}

  /** True when {@code pattern} (a name or a one-label wildcard) matches {@code host}. */
  public static boolean covers(String pattern, String host) {
    String p = normalize(pattern);
    String h = normalize(host);
    if (p.equals(h)) {
      return true;
    }
    if (!p.startsWith("*.")) {
      return false;
    }
    int dot = h.indexOf('.');
    return dot > 0 && h.substring(dot + 1).equals(p.substring(2)) && !h.startsWith("*");
  }

  /** True when one of the certificate's names covers {@code host}. */
  public static boolean covers(X509Certificate certificate, String host) {
    for (String name : dnsNames(certificate)) {
      if (covers(name, host)) {
        return true;
      }
    }
    return false;
  }

  /** The DNS names the certificate is for: its dNSName SANs, else its CN. */
  public static List<String> dnsNames(X509Certificate certificate) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (Integer.valueOf(2).equals(san.get(0))) {
            out.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // fall back to the CN
    }
    if (out.isEmpty()) {
      String cn = commonName(certificate.getSubjectX500Principal());
      if (cn != null) {
        out.add(cn);
      }
    }
    return out;
  }

  /** The CN of a distinguished name, or null. */
  public static @Nullable String commonName(X500Principal principal) {
    RDN[] cns = X500Name.getInstance(principal.getEncoded()).getRDNs(BCStyle.CN);
    return cns.length == 0 ? null : IETFUtils.valueToString(cns[0].getFirst().getValue());
  }

  public static String normalize(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
