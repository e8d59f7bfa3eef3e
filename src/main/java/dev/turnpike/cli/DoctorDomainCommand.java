package dev.turnpike.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.doctor.DnsProbe;
import dev.turnpike.doctor.DomainCheck;
import dev.turnpike.doctor.DomainConfig;
import dev.turnpike.doctor.TlsProbe;
import dev.turnpike.store.Documents;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code turnpike doctor domain <name>}: what the custom domain is configured as (GetDomainName,
 * its base path mappings and ACM certificate, asked of the running server like the AWS CLI would),
 * what DNS says about the name, and what a real TLS handshake with SNI = name is served; then
 * findings ({@link DomainCheck}). DNS and TLS run here, in the CLI process, never on the server's
 * event loops. Exit code 0 OK, 1 WARN, 2 FAIL.
 */
@Command(
    name = "domain",
    mixinStandardHelpOptions = true,
    description =
        "Check a custom domain name: DNS (CNAME chain, addresses), the certificate served for it in"
            + " a real TLS handshake, the security policy, base path mappings. Exit code 0 OK, 1"
            + " WARN, 2 FAIL.")
final class DoctorDomainCommand implements Callable<Integer> {
  private static final Duration DNS_TIMEOUT = Duration.ofSeconds(3);
  private static final int TLS_TIMEOUT_MILLIS = 5000;

  @Parameters(index = "0", description = "The custom domain name, e.g. api.example.com.")
  String name;

  @Option(
      names = "--data-dir",
      defaultValue = "${env:TURNPIKE_DATA_DIR:-.turnpike}",
      description = "The data directory of the Turnpike (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--resolver",
      description =
          "DNS server as host:port (e.g. a local dnsmasq); default: the " + "system resolver.")
  @Nullable String resolver;

  @Option(
      names = "--port",
      description = "Turnpike's HTTPS port for the handshake (default: from endpoints.json).")
  @Nullable Integer port;

  @Option(
      names = "--path",
      description = "A request path to route through the base path mappings, e.g. /orders/1.")
  @Nullable String path;

  @Option(
      names = "--trust",
      description =
          "A PEM file of the CA certificates your clients trust, besides the system "
              + "store (default: Turnpike's ca.pem).")
  @Nullable Path trust;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    String host = name.trim().toLowerCase(Locale.ROOT);
    AdminClient client = AdminClient.ifRunning(new DataDir(dataDir));
    if (client == null) {
      System.err.println(
          "turnpike: no running Turnpike for "
              + dataDir
              + " (doctor asks the server: start it with "
              + "./turnpike serve)");
      return 2;
    }
    DomainConfig config = config(client, host);
    DnsProbe dns =
        resolver == null ? DnsProbe.system(DNS_TIMEOUT) : DnsProbe.at(resolver, DNS_TIMEOUT);
    DnsProbe.Result answer = dns.resolve(host);
    DnsProbe.Result target =
        config.regionalDomainName() == null ? null : dns.resolve(config.regionalDomainName());
    int httpsPort = port != null ? port : client.endpoints().path("httpsPort").asInt(8443);
    Path ca =
        trust != null
            ? trust
            : Path.of(
                client.endpoints().path("caFile").asText(dataDir.resolve("ca.pem").toString()));
    TlsProbe.Result tls =
        TlsProbe.handshake(
            tlsAddress(client.endpoints(), answer), httpsPort, host, TLS_TIMEOUT_MILLIS, ca);
    JsonNode report =
        DomainCheck.run(config, answer, target, tls, httpsPort, path, System.currentTimeMillis());
    if (json) {
      System.out.println(report.toPrettyString());
    } else {
      print(report);
    }
    return report.path("exitCode").asInt(2);
  }

  /**
   * Where to shake hands: the resolved address when it is this machine's and Turnpike listens on
   * every address, else the address Turnpike is bound to (127.0.0.1 by default), so a name that
   * resolves elsewhere is still checked against this Turnpike.
   */
  private static String tlsAddress(JsonNode endpoints, DnsProbe.Result answer) {
    String bind = endpoints.path("bind").asText("127.0.0.1");
    boolean everywhere = bind.equals("0.0.0.0") || bind.equals("::");
    if (everywhere) {
      for (String a : answer.addresses()) {
        if (DomainCheck.isLocal(a)) {
          return a;
        }
      }
      return "127.0.0.1";
    }
    return bind;
  }

  /**
   * GetDomainName for the name, else for its one-label wildcard; the mappings and the certificate
   * it serves.
   */
  private static DomainConfig config(AdminClient client, String host)
      throws IOException, InterruptedException {
    JsonNode domain = getDomain(client, host);
    int dot = host.indexOf('.');
    if (domain == null && dot > 0) {
      domain = getDomain(client, "*" + host.substring(dot));
    }
    if (domain == null) {
      return DomainConfig.notConfigured(host);
    }
    String configured = domain.path("domainName").asText();
    List<DomainConfig.Mapping> mappings = new ArrayList<>();
    AdminClient.Reply m =
        client.call(
            "apigateway",
            "GET",
            "/domainnames/" + encode(configured) + "/basepathmappings",
            "limit=500",
            List.of(),
            new byte[0]);
    if (m.status() == 200) {
      for (JsonNode item : Documents.MAPPER.readTree(m.body()).path("item")) {
        mappings.add(
            new DomainConfig.Mapping(
                item.path("basePath").asText("(none)"),
                item.path("restApiId").asText(),
                item.path("stage").asText("(none)")));
      }
    }
    String arn = text(domain, "regionalCertificateArn");
    if (arn == null) {
      arn = text(domain, "certificateArn");
    }
    return new DomainConfig(
        host,
        configured,
        text(domain, "regionalDomainName"),
        text(domain, "securityPolicy"),
        text(domain, "domainNameStatus"),
        arn,
        arn == null ? null : certificate(client, arn),
        List.copyOf(mappings));
  }

  private static @Nullable JsonNode getDomain(AdminClient client, String domainName)
      throws IOException, InterruptedException {
    AdminClient.Reply r =
        client.call(
            "apigateway", "GET", "/domainnames/" + encode(domainName), "", List.of(), new byte[0]);
    return r.status() == 200 ? Documents.MAPPER.readTree(r.body()) : null;
  }

  /**
   * ACM GetCertificate: the configured leaf, parsed here so its fingerprint can be compared with
   * the served one.
   */
  private static TlsProbe.@Nullable Certificate certificate(AdminClient client, String arn)
      throws IOException, InterruptedException {
    byte[] body =
        Documents.MAPPER
            .createObjectNode()
            .put("CertificateArn", arn)
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    AdminClient.Reply r =
        client.call(
            "acm",
            "POST",
            "/",
            "",
            List.of(
                Map.entry("X-Amz-Target", "CertificateManager.GetCertificate"),
                Map.entry("Content-Type", "application/x-amz-json-1.1")),
            body);
    if (r.status() != 200) {
      return null;
    }
    String pem = Documents.MAPPER.readTree(r.body()).path("Certificate").asText("");
    try {
      X509Certificate c =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      return TlsProbe.Certificate.of(c);
    } catch (CertificateException | ClassCastException e) {
      return null;
    }
  }

  private static String encode(String domainName) {
    return domainName.replace("*", "%2A");
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static void print(JsonNode report) {
    JsonNode d = report.path("domain");
    System.out.println(
        "domain "
            + report.path("name").asText()
            + ": "
            + (d.path("configured").asBoolean()
                ? d.path("domainName").asText()
                    + ", "
                    + d.path("securityPolicy").asText()
                    + ", "
                    + d.path("status").asText()
                    + ", regional domain name "
                    + d.path("regionalDomainName").asText()
                : "not configured in this Turnpike"));
    JsonNode dns = report.path("dns");
    StringBuilder chain = new StringBuilder(report.path("name").asText());
    dns.path("cnameChain").forEach(c -> chain.append(" CNAME ").append(c.asText()));
    System.out.println(
        "dns ("
            + dns.path("resolver").asText()
            + "): "
            + chain
            + " -> "
            + (dns.path("addresses").isEmpty() ? "no address" : dns.path("addresses").toString()));
    JsonNode tls = report.path("tls");
    System.out.println(
        "tls "
            + tls.path("address").asText()
            + ":"
            + tls.path("port").asInt()
            + " SNI "
            + tls.path("serverName").asText()
            + ": "
            + (tls.path("protocol").isNull()
                ? "handshake failed"
                : tls.path("protocol").asText() + " " + tls.path("cipherSuite").asText()));
    JsonNode served = tls.path("servedChain").path(0);
    if (!served.isMissingNode()) {
      System.out.println("  served:     " + cert(served));
    }
    if (d.has("certificate")) {
      System.out.println(
          "  configured: "
              + cert(d.path("certificate"))
              + "  "
              + d.path("certificateArn").asText());
    }
    if (d.path("configured").asBoolean()) {
      System.out.println(
          "base path mappings:" + (report.path("mappings").isEmpty() ? " none" : ""));
      for (JsonNode m : report.path("mappings")) {
        System.out.printf(
            Locale.ROOT,
            "  %-20s -> %s/%s   %s%n",
            m.path("basePath").asText(),
            m.path("restApiId").asText(),
            m.path("stage").asText(),
            m.path("sampleUrl").asText());
      }
    }
    DoctorReports.printFindings(report);
  }

  private static String cert(JsonNode c) {
    return c.path("subject").asText()
        + ", SANs "
        + c.path("subjectAlternativeNames")
        + ", issuer "
        + c.path("issuer").asText()
        + ", not after "
        + c.path("notAfter").asText()
        + ", serial "
        + c.path("serial").asText();
  }
}
