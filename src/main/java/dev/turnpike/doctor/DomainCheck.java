package dev.turnpike.doctor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.routing.BasePathMatcher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code turnpike doctor domain}: judges what DNS and a real handshake show for a name against the
 * custom domain Turnpike has configured for it, as the troubleshooting articles would by hand.
 *
 * <p>Implementation notes (spec 3; KC-cd403;
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-regional-api-custom-domain-create.html):
 * a Regional custom domain is reached through a CNAME or alias record to its {@code
 * regionalDomainName} ({@code d-….execute-api.{region}.{suffix}}). A record that points at an API's
 * own execute-api host instead sends the client there with Host and SNI still the custom name,
 * which that endpoint does not know: the client gets the {@code *.execute-api} certificate (a
 * host-name mismatch) or 403 Forbidden. The served certificate must cover the name, be within its
 * validity, and be the one configured for the domain (a re-import into the same ARN with other
 * names is how a domain ends up with a certificate that does not cover it, since CreateDomainName
 * refuses that). The negotiated protocol must be one the domain's security policy allows. Requests
 * then need a base path mapping (longest whole-segment match, {@code (none)} as the fallback), else
 * 403 Forbidden.
 */
public final class DomainCheck {
  static final String WRONG_CERTIFICATE = "custom-domain-wrong-certificate";
  static final String BASE_PATH = "custom-domain-base-path-403";
  static final String EXPIRED = "certificate-expired-invalid";
  static final String TLS_VERSION = "tls-version-refused";
  private static final long WARN_BEFORE_EXPIRY_MILLIS = 30L * 24 * 3600 * 1000;
  private static final Pattern EXECUTE_API_HOST =
      Pattern.compile("([a-z0-9-]+)\\.execute-api\\.([a-z0-9-]+)\\..+");

  private DomainCheck() {}

  /**
   * The report: {@code dns}, {@code tls}, {@code mappings} and the findings. {@code targetDns} is
   * the lookup of the regional domain name (null when the name is not configured); {@code path} an
   * optional request path to route.
   */
  public static ObjectNode run(
      DomainConfig config,
      DnsProbe.Result dns,
      DnsProbe.@Nullable Result targetDns,
      TlsProbe.Result tls,
      int port,
      @Nullable String path,
      long nowMillis) {
    Doctor.Report r = new Doctor.Report();
    r.root.put("name", config.name());
    configuration(r, config);
    dns(r, config, dns, targetDns);
    tls(r, config, tls, nowMillis);
    mappings(r, config, port, path);
    return r.done();
  }

  private static void configuration(Doctor.Report r, DomainConfig c) {
    ObjectNode d = r.root.putObject("domain");
    d.put("configured", c.configured())
        .put("domainName", c.configuredName())
        .put("regionalDomainName", c.regionalDomainName())
        .put("securityPolicy", c.securityPolicy())
        .put("status", c.status())
        .put("certificateArn", c.certificateArn());
    if (c.certificate() != null) {
      certificate(d.putObject("certificate"), c.certificate());
    }
    if (!c.configured()) {
      r.add(
          2,
          c.name()
              + " is not a custom domain name in this Turnpike: a request for it gets the default "
              + "certificate and 403 Forbidden",
          "aws apigateway create-domain-name --domain-name "
              + c.name()
              + " --regional-certificate-arn ARN --endpoint-configuration types=REGIONAL"
              + " --security-policy TLS_1_2, then aws apigateway create-base-path-mapping"
              + " --domain-name "
              + c.name()
              + " --rest-api-id API "
              + "--stage STAGE",
          WRONG_CERTIFICATE);
      return;
    }
    if (!c.name().equalsIgnoreCase(c.configuredName())) {
      r.add(
          0,
          c.name() + " is served by the wildcard custom domain " + c.configuredName(),
          null,
          null);
    }
    if (c.status() != null && !"AVAILABLE".equals(c.status())) {
      r.add(
          1,
          "The domain's status is " + c.status() + " (not AVAILABLE)",
          "aws apigateway get-domain-name "
              + "--domain-name "
              + c.configuredName()
              + " shows domainNameStatusMessage",
          WRONG_CERTIFICATE);
    }
  }

  private static void dns(
      Doctor.Report r, DomainConfig c, DnsProbe.Result dns, DnsProbe.@Nullable Result target) {
    ObjectNode n = r.root.putObject("dns");
    n.put("resolver", dns.resolver()).put("error", dns.error());
    dns.cnameChain().forEach(n.putArray("cnameChain")::add);
    dns.addresses().forEach(n.putArray("addresses")::add);
    String regional =
        c.regionalDomainName() == null ? null : DnsProbe.normalize(c.regionalDomainName());
    String cnameFix =
        regional == null
            ? "Create the custom domain first; then point DNS at its regionalDomainName"
            : "Make " + c.name() + " a CNAME (or an alias record) of " + regional;
    for (String hop : dns.cnameChain()) {
      if (hop.equals(regional)) {
        r.add(
            0,
            c.name()
                + " is a CNAME of "
                + regional
                + ", the domain's regional domain name"
                + via(dns),
            null,
            null);
        return;
      }
    }
    for (String hop : dns.cnameChain()) {
      Matcher m = EXECUTE_API_HOST.matcher(hop);
      if (m.matches() && !m.group(1).startsWith("d-")) {
        r.add(
            2,
            c.name()
                + " is a CNAME of "
                + hop
                + ", the execute-api host of API "
                + m.group(1)
                + ", not of "
                + (regional == null ? "a custom domain's regional domain name" : regional)
                + ". That endpoint does not "
                + "know "
                + c.name()
                + ": clients get the *.execute-api certificate (host name mismatch) or 403 "
                + "Forbidden",
            cnameFix,
            WRONG_CERTIFICATE);
        return;
      }
      if (m.matches() && regional != null) {
        r.add(
            2,
            c.name()
                + " is a CNAME of "
                + hop
                + ", the regional domain name of another custom domain (this "
                + "one's is "
                + regional
                + ")",
            cnameFix,
            WRONG_CERTIFICATE);
        return;
      }
    }
    if (!c.configured()) {
      return;
    }
    if (dns.addresses().isEmpty()) {
      r.add(
          2,
          c.name() + " does not resolve: " + (dns.error() == null ? "no address" : dns.error()),
          cnameFix,
          WRONG_CERTIFICATE);
      return;
    }
    boolean sameAsTarget =
        target != null && !Collections.disjoint(target.addresses(), dns.addresses());
    boolean local = dns.addresses().stream().allMatch(DomainCheck::isLocal);
    String what =
        dns.cnameChain().isEmpty()
            ? c.name() + " has address records " + dns.addresses()
            : c.name() + " is a CNAME of " + dns.finalName() + " " + dns.addresses();
    if (dns.cnameChain().isEmpty() && sameAsTarget) {
      r.add(
          0,
          c.name()
              + " resolves to the addresses of "
              + regional
              + " "
              + dns.addresses()
              + " (an alias record)",
          null,
          null);
    } else if (sameAsTarget || local) {
      r.add(
          1,
          what
              + ", not a CNAME of "
              + regional
              + ". It reaches Turnpike on this machine, but on API Gateway "
              + "the regional domain's addresses change: use a CNAME or an alias record",
          cnameFix,
          WRONG_CERTIFICATE);
    } else {
      r.add(
          2,
          what
              + ", which is not Turnpike"
              + (target == null || target.addresses().isEmpty()
                  ? ""
                  : " (" + regional + " resolves to " + target.addresses() + ")"),
          cnameFix,
          WRONG_CERTIFICATE);
    }
  }

  private static String via(DnsProbe.Result dns) {
    return dns.addresses().isEmpty()
        ? " (which has no address: " + dns.error() + ")"
        : " (" + String.join(", ", dns.addresses()) + ")";
  }

  private static void tls(Doctor.Report r, DomainConfig c, TlsProbe.Result tls, long now) {
    ObjectNode n = r.root.putObject("tls");
    n.put("address", tls.address())
        .put("port", tls.port())
        .put("serverName", tls.serverName())
        .put("protocol", tls.protocol())
        .put("cipherSuite", tls.cipherSuite())
        .put("error", tls.error());
    ArrayNode chain = n.putArray("servedChain");
    tls.chain().forEach(cert -> certificate(chain.addObject(), cert));
    TlsProbe.Certificate served = tls.leaf();
    if (tls.error() != null) {
      boolean version = tls.error().toLowerCase(Locale.ROOT).contains("protocol");
      r.add(
          2,
          "The TLS handshake with "
              + tls.address()
              + ":"
              + tls.port()
              + " (SNI "
              + c.name()
              + ") failed: "
              + tls.error(),
          version
              ? "The client and the domain's security policy ("
                  + c.securityPolicy()
                  + ") "
                  + "share no TLS version"
              : "Check that Turnpike runs and serves HTTPS on port " + tls.port() + " (--port)",
          version ? TLS_VERSION : WRONG_CERTIFICATE);
      if (served == null) {
        return;
      }
    }
    if (served == null) {
      return;
    }
    TlsProbe.Certificate configured = c.certificate();
    if (!served.covers(c.name())) {
      String expected =
          configured == null
              ? "the domain's certificate"
              : "the configured certificate "
                  + c.certificateArn()
                  + " ("
                  + configured.subject()
                  + ", SANs "
                  + configured.dnsNames()
                  + ")";
      String why;
      String fix;
      if (!c.configured()) {
        why = "Turnpike has no custom domain for the name, so it serves the default certificate";
        fix = "Create the custom domain with a certificate that covers " + c.name();
      } else if (configured != null && !configured.covers(c.name())) {
        why =
            "the configured certificate itself does not cover the name (re-imported with other"
                + " names?)";
        fix =
            "aws acm import-certificate --certificate-arn "
                + c.certificateArn()
                + " with a certificate whose "
                + "SANs include "
                + c.name()
                + ", or aws apigateway update-domain-name to a certificate that does";
      } else {
        why =
            "Turnpike does not serve the configured certificate (not loaded yet, or it failed to"
                + " load: see the serve output)";
        fix =
            "Re-import the certificate (aws acm import-certificate --certificate-arn "
                + c.certificateArn()
                + ")";
      }
      r.add(
          2,
          "For SNI "
              + c.name()
              + " Turnpike serves "
              + served.subject()
              + " (SANs "
              + served.dnsNames()
              + ", issuer "
              + served.issuer()
              + "), which does not cover "
              + c.name()
              + "; expected "
              + expected
              + ": "
              + why,
          fix,
          WRONG_CERTIFICATE);
    } else if (configured != null && !configured.sha256().equals(served.sha256())) {
      r.add(
          1,
          "The certificate served for "
              + c.name()
              + " (serial "
              + served.serial()
              + ") is not the configured "
              + "one "
              + c.certificateArn()
              + " (serial "
              + configured.serial()
              + ")",
          "Wait a second for the "
              + "snapshot, or check the serve output for a certificate that failed to load",
          WRONG_CERTIFICATE);
    } else if (configured != null) {
      r.add(
          0,
          "Turnpike serves the configured certificate "
              + c.certificateArn()
              + " for "
              + c.name()
              + " ("
              + served.subject()
              + ", SANs "
              + served.dnsNames()
              + ", serial "
              + served.serial()
              + ")",
          null,
          null);
    }
    if (now > served.notAfterMillis()) {
      r.add(
          2,
          "The certificate served for "
              + c.name()
              + " expired on "
              + Instant.ofEpochMilli(served.notAfterMillis()),
          "Re-import a renewed certificate into " + c.certificateArn(),
          EXPIRED);
    } else if (now < served.notBeforeMillis()) {
      r.add(
          2,
          "The certificate served for "
              + c.name()
              + " is not valid before "
              + Instant.ofEpochMilli(served.notBeforeMillis()),
          "Check the clock, or re-import a certificate valid now",
          EXPIRED);
    } else if (served.notAfterMillis() - now < WARN_BEFORE_EXPIRY_MILLIS) {
      r.add(
          1,
          "The certificate served for "
              + c.name()
              + " expires on "
              + Instant.ofEpochMilli(served.notAfterMillis()),
          "Re-import a renewed certificate before then",
          EXPIRED);
    }
    trust(r, c, tls, served);
    protocol(r, c, tls);
  }

  /**
   * Whether a client that trusts the system store (or the CA file given) accepts the chain, names
   * aside.
   */
  private static void trust(
      Doctor.Report r, DomainConfig c, TlsProbe.Result tls, TlsProbe.Certificate served) {
    if (tls.error() != null) {
      return;
    }
    if (tls.trustedBy() != null) {
      r.add(
          0,
          "The served chain validates against "
              + tls.trustedBy()
              + " (issuer "
              + served.issuer()
              + ")",
          null,
          null);
    } else if (tls.trustProblem() != null) {
      String root = tls.chain().get(tls.chain().size() - 1).issuer();
      r.add(
          1,
          "The served chain does not validate against the system trust store or Turnpike's CA ("
              + tls.trustProblem()
              + "): clients that do not trust "
              + root
              + " refuse it (\"unable to get local issuer "
              + "certificate\")",
          "Import the certificate with its full chain from a CA the clients trust, or give them the"
              + " CA (curl --cacert); --trust FILE tells doctor which CA your clients trust",
          EXPIRED);
    }
  }

  private static void protocol(Doctor.Report r, DomainConfig c, TlsProbe.Result tls) {
    if (tls.protocol() == null || c.securityPolicy() == null) {
      return;
    }
    Set<String> allowed =
        "TLS_1_0".equals(c.securityPolicy())
            ? Set.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3")
            : Set.of("TLSv1.2", "TLSv1.3");
    if (allowed.contains(tls.protocol())) {
      r.add(
          0,
          "Negotiated "
              + tls.protocol()
              + " ("
              + tls.cipherSuite()
              + "), allowed by the security policy "
              + c.securityPolicy(),
          null,
          null);
    } else {
      r.add(
          2,
          "Negotiated "
              + tls.protocol()
              + ", which the security policy "
              + c.securityPolicy()
              + " does not "
              + "allow",
          "Restart Turnpike; report this as a bug if it persists",
          TLS_VERSION);
    }
  }

  private static void mappings(Doctor.Report r, DomainConfig c, int port, @Nullable String path) {
    ArrayNode list = r.root.putArray("mappings");
    if (!c.configured()) {
      return;
    }
    String origin = "https://" + c.name() + (port == 443 ? "" : ":" + port);
    List<BasePathMatcher.Mapping> compiled = new ArrayList<>();
    boolean fallback = false;
    for (DomainConfig.Mapping m : c.mappings()) {
      boolean none = "(none)".equals(m.basePath()) || m.basePath().isEmpty();
      boolean stageInUrl = "(none)".equals(m.stage());
      fallback |= none;
      compiled.add(
          new BasePathMatcher.Mapping(
              none ? "" : m.basePath(), m.restApiId(), stageInUrl ? null : m.stage()));
      list.addObject()
          .put("basePath", none ? "(none)" : m.basePath())
          .put("restApiId", m.restApiId())
          .put("stage", m.stage())
          .put(
              "sampleUrl",
              origin
                  + "/"
                  + (none ? "" : m.basePath() + "/")
                  + (stageInUrl ? "{stage}/" : "")
                  + "...");
    }
    String create =
        "aws apigateway create-base-path-mapping --domain-name "
            + c.configuredName()
            + " --rest-api-id API --stage STAGE [--base-path KEY]";
    if (c.mappings().isEmpty()) {
      r.add(
          1,
          c.configuredName()
              + " has no base path mappings: every request to "
              + origin
              + "/ gets 403 "
              + "Forbidden",
          create,
          BASE_PATH);
    } else if (!fallback) {
      r.add(
          0,
          "No (none) mapping: only paths under "
              + c.mappings().stream().map(m -> "/" + m.basePath() + "/").toList()
              + " reach an API; any other path gets 403 Forbidden",
          null,
          BASE_PATH);
    }
    if (path != null) {
      BasePathMatcher.Match match = new BasePathMatcher(compiled).match(path);
      if (match == null) {
        r.add(
            1,
            path + " matches no base path mapping of " + c.configuredName() + ": 403 Forbidden",
            create,
            BASE_PATH);
      } else {
        BasePathMatcher.Mapping m = match.mapping();
        r.add(
            0,
            path
                + " -> base path "
                + (m.key().isEmpty() ? "(none)" : m.key())
                + " -> API "
                + m.restApiId()
                + (m.stage() == null ? " (stage from the URL)" : " stage " + m.stage())
                + ", resource path "
                + match.remainingPath(),
            null,
            null);
      }
    }
  }

  private static void certificate(ObjectNode n, TlsProbe.Certificate c) {
    n.put("subject", c.subject())
        .put("issuer", c.issuer())
        .put("notBefore", Instant.ofEpochMilli(c.notBeforeMillis()).toString())
        .put("notAfter", Instant.ofEpochMilli(c.notAfterMillis()).toString())
        .put("serial", c.serial())
        .put("sha256", c.sha256());
    c.dnsNames().forEach(n.putArray("subjectAlternativeNames")::add);
  }

  /** A loopback address or one of this machine's interfaces. */
  public static boolean isLocal(String address) {
    try {
      InetAddress a = InetAddress.getByName(address);
      return a.isLoopbackAddress()
          || a.isAnyLocalAddress()
          || NetworkInterface.getByInetAddress(a) != null;
    } catch (IOException e) {
      return false;
    }
  }
}
