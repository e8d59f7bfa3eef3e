package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.testkit.Prerequisite;
import dev.turnpike.tls.CertifiedKey;
import dev.turnpike.tls.KeyAlgorithm;
import dev.turnpike.tls.LocalCa;
import dev.turnpike.tls.Pem;
import dev.turnpike.tls.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS on a regional custom domain, end to end with real handshakes (spec 3.6, issue 6;
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html):
 * configured with the AWS CLI's {@code --mutual-tls-authentication}, a client certificate issued by
 * the truststore's CA is required and reaches {@code $context.identity.clientCert}; no certificate,
 * another CA's or an expired one fail the handshake; a domain without mutual TLS on the same port
 * asks for nothing; a new truststore version is served on the next handshake.
 */
class MutualTlsIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static LocalCa serverCa;
  static Path serverCaFile;
  static TestPki.Issued clientRoot;
  static TestPki.Issued otherRoot;
  static TestPki.Issued alice;
  static TestPki.Issued mallory;
  static TestPki.Issued expired;
  static Path truststore;
  static String api;
  static Path accessLog;

  @BeforeAll
  static void configure() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    accessLog = turnpike.dataDir().resolve("logs").resolve("access.log");
    serverCa =
        LocalCa.loadOrCreate(Files.createDirectories(tmp.resolve("server-ca")), Clock.systemUTC());
    serverCaFile = serverCa.certificateFile();
    clientRoot = TestPki.root("CN=Turnpike Test Client CA,O=Example");
    otherRoot = TestPki.root("CN=Somebody Else CA");
    alice = TestPki.cert("O=Example,CN=alice").issuedBy(clientRoot).issue();
    mallory = TestPki.cert("CN=mallory").issuedBy(otherRoot).issue();
    expired =
        TestPki.cert("CN=expired")
            .issuedBy(clientRoot)
            .validity(
                Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)))
            .issue();
    truststore =
        Files.writeString(
            tmp.resolve("truststore.pem"), clientRoot.pem(), StandardCharsets.US_ASCII);

    api =
        HttpsIT.mockApi(
            turnpike,
            "whoami",
            "{\"subject\": \"$context.identity.clientCert.subjectDN\", "
                + "\"issuer\": \"$context.identity.clientCert.issuerDN\", "
                + "\"notAfter\": \"$context.identity.clientCert.validity.notAfter\"}",
            "prod");
    aws.json(
        "update-stage",
        "--rest-api-id",
        api,
        "--stage-name",
        "prod",
        "--patch-operations",
        "op=replace,path=/accessLogSettings/format,value=$context.requestId mtls "
            + "$context.identity.clientCert.subjectDN $context.identity.clientCert.serialNumber");

    // Configured through the real AWS CLI's --mutual-tls-authentication shorthand.
    aws.json(
        "create-domain-name",
        "--domain-name",
        "mtls.example.com",
        "--regional-certificate-arn",
        serverCert("mtls.example.com"),
        "--endpoint-configuration",
        "types=REGIONAL",
        "--security-policy",
        "TLS_1_2",
        "--mutual-tls-authentication",
        "truststoreUri=file://" + truststore + ",truststoreVersion=1");
    aws.json(
        "create-base-path-mapping",
        "--domain-name",
        "mtls.example.com",
        "--rest-api-id",
        api,
        "--stage",
        "prod");
    aws.json(
        "create-domain-name",
        "--domain-name",
        "plain.example.com",
        "--regional-certificate-arn",
        serverCert("plain.example.com"),
        "--endpoint-configuration",
        "types=REGIONAL");
    aws.json(
        "create-base-path-mapping",
        "--domain-name",
        "plain.example.com",
        "--rest-api-id",
        api,
        "--stage",
        "prod");
    awaitStatus(client(alice), "mtls.example.com", 200);
    awaitStatus(client(null), "plain.example.com", 200);
  }

  @AfterAll
  static void shutDown() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  static String serverCert(String name) throws Exception {
    CertifiedKey k = serverCa.issue(List.of(name), KeyAlgorithm.EC_prime256v1, Duration.ofDays(90));
    return AcmIT.importCert(aws, AcmIT.files(tmp, name, k, Pem.encode(serverCa.certificate())));
  }

  /**
   * A client trusting the server CA and presenting {@code cert} whatever CAs the server names
   * (null: none).
   */
  static SSLContext client(TestPki.Issued cert) throws Exception {
    return client(cert, "TLS");
  }

  static SSLContext client(TestPki.Issued cert, String protocol) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(serverCaFile)) {
      ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance(protocol);
    ctx.init(
        cert == null ? null : new javax.net.ssl.KeyManager[] {new Presenting(cert)},
        tmf.getTrustManagers(),
        null);
    return ctx;
  }

  /** One GET over a fresh connection: the response, or the TLS failure the client saw. */
  static Object attempt(SSLContext ctx, String serverName, String host, String path) {
    try (RawHttp c = RawHttp.connectTls(turnpike.httpsPort(), ctx, serverName)) {
      c.send(RawHttp.request("GET", path, host, null));
      return c.read();
    } catch (IOException e) {
      return e;
    }
  }

  static RawHttp.Response get(SSLContext ctx, String name) throws Exception {
    Object r = attempt(ctx, name, name, "/whoami");
    if (r instanceof IOException e) {
      throw e;
    }
    return (RawHttp.Response) r;
  }

  static void awaitStatus(SSLContext ctx, String name, int status) throws Exception {
    Poll.until(
        Duration.ofSeconds(10),
        () -> attempt(ctx, name, name, "/whoami"),
        r -> r instanceof RawHttp.Response resp && resp.status() == status);
  }

  static void assertHandshakeRefused(Object outcome) {
    // TLS 1.3 sends the client certificate after the server's Finished, so the refusal (a TLS
    // alert, then close)
    // reaches the client after its startHandshake: on its read (the alert) or its write (broken
    // pipe). Either way
    // no HTTP response arrives, and it is not a timeout.
    assertThat(outcome)
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(java.net.SocketTimeoutException.class);
  }

  /** The same under TLS 1.2, where the client certificate is judged inside the handshake. */
  static void assertTls12HandshakeRefused(TestPki.Issued cert) throws Exception {
    assertHandshakeRefused(
        attempt(client(cert, "TLSv1.2"), "mtls.example.com", "mtls.example.com", "/whoami"));
  }

  /**
   * {@code openssl s_client} presenting {@code cert} (or none): its output names the alert the
   * server sent.
   */
  static String sClientWith(TestPki.Issued cert, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of(extra));
    if (cert != null) {
      Path dir = Files.createTempDirectory(tmp, "client");
      args.addAll(
          List.of(
              "-cert",
              Files.writeString(dir.resolve("c.pem"), cert.pem()).toString(),
              "-key",
              Files.writeString(dir.resolve("k.pem"), cert.keyPem()).toString()));
    }
    return sClientRequest("mtls.example.com", args.toArray(new String[0]));
  }

  @Test
  void getDomainName_showsMutualTlsAuthentication() throws Exception {
    JsonNode d = aws.json("get-domain-name", "--domain-name", "mtls.example.com");
    assertThat(d.at("/mutualTlsAuthentication/truststoreUri").asText())
        .isEqualTo("file://" + truststore);
    assertThat(d.at("/mutualTlsAuthentication/truststoreVersion").asText()).isEqualTo("1");
    assertThat(d.at("/mutualTlsAuthentication/truststoreWarnings").isArray()).isTrue();
    assertThat(d.at("/mutualTlsAuthentication/truststoreWarnings")).isEmpty();
    assertThat(
            aws.json("get-domain-name", "--domain-name", "plain.example.com")
                .has("mutualTlsAuthentication"))
        .isFalse();
  }

  @Test
  void trustedClientCertificate_isServed_andSubjectReachesTemplateAndAccessLog() throws Exception {
    RawHttp.Response r = get(client(alice), "mtls.example.com");
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = AwsCli.JSON.readTree(r.bodyText());
    assertThat(body.get("subject").asText()).isEqualTo("CN=alice,O=Example");
    assertThat(body.get("issuer").asText()).isEqualTo("O=Example,CN=Turnpike Test Client CA");
    assertThat(body.get("notAfter").asText())
        .matches("[A-Z][a-z]{2} [ 1-3][0-9] \\d{2}:\\d{2}:\\d{2} \\d{4} GMT");
    String requestId = r.header("x-amzn-RequestId");
    String line =
        Poll.until(
            Duration.ofSeconds(5),
            () ->
                Files.exists(accessLog)
                    ? Files.readAllLines(accessLog).stream()
                        .filter(l -> l.startsWith(requestId))
                        .findFirst()
                        .orElse(null)
                    : null,
            l -> l != null);
    assertThat(line)
        .isEqualTo(
            requestId
                + " mtls CN=alice,O=Example "
                + dev.turnpike.tls.ClientCertificates.describe(alice.cert()).serialNumber());
  }

  @Test
  void noClientCertificate_failsTheHandshake() throws Exception {
    assertHandshakeRefused(
        attempt(client(null), "mtls.example.com", "mtls.example.com", "/whoami"));
    assertTls12HandshakeRefused(null);
    assertThat(sClientWith(null)).contains("alert certificate required").doesNotContain("HTTP/1.1");
  }

  @Test
  void certificateOfAnotherCa_failsTheHandshake() throws Exception {
    assertHandshakeRefused(
        attempt(client(mallory), "mtls.example.com", "mtls.example.com", "/whoami"));
    assertTls12HandshakeRefused(mallory);
    assertThat(sClientWith(mallory, "-tls1_2"))
        .contains("alert unknown ca")
        .doesNotContain("HTTP/1.1");
  }

  @Test
  void expiredClientCertificate_failsTheHandshake() throws Exception {
    assertHandshakeRefused(
        attempt(client(expired), "mtls.example.com", "mtls.example.com", "/whoami"));
    assertTls12HandshakeRefused(expired);
    assertThat(sClientWith(expired, "-tls1_2"))
        .contains("alert certificate expired")
        .doesNotContain("HTTP/1.1");
  }

  @Test
  void domainWithoutMutualTls_onTheSamePort_needsNoClientCertificate() throws Exception {
    RawHttp.Response r = get(client(null), "plain.example.com");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText())
        .contains("\"subject\": \"\""); // no clientCert: the reference renders empty
    Tls.SClient s =
        Tls.sClient(turnpike.httpsPort(), "plain.example.com", "-CAfile", serverCaFile.toString());
    assertThat(s.output()).doesNotContain("Acceptable client certificate CA names");
  }

  @Test
  void handshakeUnderAnotherName_cannotReachTheMutualTlsDomain() throws Exception {
    // SNI plain.example.com (no client certificate asked), Host mtls.example.com: refused with 403
    // (spec 1.5).
    Object r = attempt(client(null), "plain.example.com", "mtls.example.com", "/whoami");
    assertThat(r).isInstanceOf(RawHttp.Response.class);
    assertThat(((RawHttp.Response) r).status()).isEqualTo(403);
    assertThat(((RawHttp.Response) r).bodyText()).isEqualTo("{\"message\":\"Forbidden\"}");
  }

  @Test
  void opensslSClient_withCertAndKey_isAccepted() throws Exception {
    Path cert = Files.writeString(tmp.resolve("alice.pem"), alice.pem(), StandardCharsets.US_ASCII);
    Path key =
        Files.writeString(tmp.resolve("alice-key.pem"), alice.keyPem(), StandardCharsets.US_ASCII);
    String out =
        sClientRequest("mtls.example.com", "-cert", cert.toString(), "-key", key.toString());
    assertThat(out).contains("HTTP/1.1 200").contains("\"subject\": \"CN=alice,O=Example\"");
    assertThat(sClientRequest("mtls.example.com")).doesNotContain("HTTP/1.1 200");
  }

  @Test
  void curlWithKeyAndCert_overHttp2_seesTheSubject() throws Exception {
    // AWS's own invocation example: curl --key ./my-key.key --cert ./my-cert.pem (here over h2, so
    // the
    // certificate is found from an HTTP/2 stream's parent connection).
    Prerequisite.CURL.require();
    Path dir = Files.createTempDirectory(tmp, "curl");
    Path cert = Files.writeString(dir.resolve("c.pem"), alice.pem());
    Path key = Files.writeString(dir.resolve("k.pem"), alice.keyPem());
    String url = "https://mtls.example.com:" + turnpike.httpsPort() + "/whoami";
    Process p =
        new ProcessBuilder(
                "curl",
                "-s",
                "--http2",
                "--cacert",
                serverCaFile.toString(),
                "--resolve",
                "mtls.example.com:" + turnpike.httpsPort() + ":127.0.0.1",
                "--key",
                key.toString(),
                "--cert",
                cert.toString(),
                "-w",
                "\n%{http_code} %{http_version}",
                url)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("\"subject\": \"CN=alice,O=Example\"").endsWith("\n200 2");
  }

  @Test
  void newTruststoreVersion_takesEffectOnTheNextHandshake() throws Exception {
    Path rotating =
        Files.writeString(tmp.resolve("rotating.pem"), clientRoot.pem(), StandardCharsets.US_ASCII);
    aws.json(
        "create-domain-name",
        "--domain-name",
        "rotate.example.com",
        "--regional-certificate-arn",
        serverCert("rotate.example.com"),
        "--endpoint-configuration",
        "types=REGIONAL",
        "--mutual-tls-authentication",
        "truststoreUri=file://" + rotating);
    aws.json(
        "create-base-path-mapping",
        "--domain-name",
        "rotate.example.com",
        "--rest-api-id",
        api,
        "--stage",
        "prod");
    awaitStatus(client(alice), "rotate.example.com", 200);
    assertHandshakeRefused(
        attempt(client(mallory), "rotate.example.com", "rotate.example.com", "/whoami"));

    // Editing the file alone changes nothing (the copy read at update time is served), as with an
    // S3 version.
    Files.writeString(rotating, otherRoot.pem(), StandardCharsets.US_ASCII);
    assertThat(get(client(alice), "rotate.example.com").status()).isEqualTo(200);

    JsonNode updated =
        aws.json(
            "update-domain-name",
            "--domain-name",
            "rotate.example.com",
            "--patch-operations",
            "op=replace,path=/mutualTlsAuthentication/truststoreVersion,value=2");
    assertThat(updated.at("/mutualTlsAuthentication/truststoreVersion").asText()).isEqualTo("2");
    awaitStatus(client(mallory), "rotate.example.com", 200);
    assertThat(get(client(mallory), "rotate.example.com").bodyText())
        .contains("\"subject\": \"CN=mallory\"");
    assertHandshakeRefused(
        attempt(client(alice), "rotate.example.com", "rotate.example.com", "/whoami"));

    // Disabling: truststoreUri patched to "" (AWS); then no certificate is asked for.
    JsonNode off =
        aws.json(
            "update-domain-name",
            "--domain-name",
            "rotate.example.com",
            "--patch-operations",
            "op=replace,path=/mutualTlsAuthentication/truststoreUri,value=''");
    assertThat(off.has("mutualTlsAuthentication")).isFalse();
    awaitStatus(client(null), "rotate.example.com", 200);
  }

  @Test
  void truststoreWithAnExpiredCa_answersWithAWarning_andKeepsTheValidOnes() throws Exception {
    TestPki.Issued old =
        TestPki.cert("CN=Retired CA")
            .ca()
            .validity(
                Instant.now().minus(Duration.ofDays(100)), Instant.now().minus(Duration.ofDays(1)))
            .issue();
    Path file =
        Files.writeString(
            tmp.resolve("mixed.pem"), clientRoot.pem() + old.pem(), StandardCharsets.US_ASCII);
    JsonNode d =
        aws.json(
            "create-domain-name",
            "--domain-name",
            "warn.example.com",
            "--regional-certificate-arn",
            serverCert("warn.example.com"),
            "--endpoint-configuration",
            "types=REGIONAL",
            "--mutual-tls-authentication",
            "truststoreUri=file://" + file);
    assertThat(d.at("/mutualTlsAuthentication/truststoreWarnings")).hasSize(1);
    assertThat(d.at("/mutualTlsAuthentication/truststoreWarnings/0").asText())
        .startsWith("Certificate CN=Retired CA has expired");
  }

  @Test
  void refusals_s3Uri_edgeDomain_tls10_unparseableTruststore() throws Exception {
    String arn = serverCert("refused.example.com");
    AwsCli.Result s3 =
        aws.run(
            "create-domain-name",
            "--domain-name",
            "refused.example.com",
            "--regional-certificate-arn",
            arn,
            "--endpoint-configuration",
            "types=REGIONAL",
            "--mutual-tls-authentication",
            "truststoreUri=s3://bucket/truststore.pem");
    assertThat(s3.exitCode()).isNotZero();
    assertThat(s3.stderr())
        .contains("BadRequestException")
        .contains("Amazon S3")
        .contains("file://");

    AwsCli.Result tls10 =
        aws.run(
            "create-domain-name",
            "--domain-name",
            "refused.example.com",
            "--regional-certificate-arn",
            arn,
            "--endpoint-configuration",
            "types=REGIONAL",
            "--security-policy",
            "TLS_1_0",
            "--mutual-tls-authentication",
            "truststoreUri=file://" + truststore);
    assertThat(tls10.exitCode()).isNotZero();
    assertThat(tls10.stderr()).contains("BadRequestException").contains("TLS_1_2");

    AwsCli.Result edge =
        aws.run(
            "create-domain-name",
            "--domain-name",
            "refused.example.com",
            "--certificate-arn",
            arn,
            "--endpoint-configuration",
            "types=EDGE",
            "--mutual-tls-authentication",
            "truststoreUri=file://" + truststore);
    assertThat(edge.exitCode()).isNotZero();
    assertThat(edge.stderr()).contains("BadRequestException").contains("REGIONAL");

    Path junk =
        Files.writeString(tmp.resolve("junk.pem"), "not a certificate", StandardCharsets.US_ASCII);
    AwsCli.Result bad =
        aws.run(
            "create-domain-name",
            "--domain-name",
            "refused.example.com",
            "--regional-certificate-arn",
            arn,
            "--endpoint-configuration",
            "types=REGIONAL",
            "--mutual-tls-authentication",
            "truststoreUri=file://" + junk);
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.stderr())
        .contains("BadRequestException")
        .contains("Unable to parse the truststore");

    AwsCli.Result missing =
        aws.run(
            "create-domain-name",
            "--domain-name",
            "refused.example.com",
            "--regional-certificate-arn",
            arn,
            "--endpoint-configuration",
            "types=REGIONAL",
            "--mutual-tls-authentication",
            "truststoreUri=file://" + tmp.resolve("nope.pem"));
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.stderr()).contains("Unable to read the truststore").contains("no such file");
    assertThat(aws.run("get-domain-name", "--domain-name", "refused.example.com").exitCode())
        .isNotZero();

    // The listener is unharmed by all of it.
    assertThat(get(client(alice), "mtls.example.com").status()).isEqualTo(200);
  }

  /**
   * {@code openssl s_client -quiet} sending one GET with {@code Connection: close}; stdout and
   * stderr.
   */
  static String sClientRequest(String name, String... extra) throws Exception {
    Prerequisite.OPENSSL.require();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "openssl",
                "s_client",
                "-quiet",
                "-connect",
                "127.0.0.1:" + turnpike.httpsPort(),
                "-servername",
                name,
                "-CAfile",
                serverCaFile.toString()));
    cmd.addAll(List.of(extra));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream()
        .write(
            ("GET /whoami HTTP/1.1\r\nHost: " + name + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    p.getOutputStream().flush();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("openssl s_client did not finish");
    }
    p.getOutputStream().close();
    return new String(out, StandardCharsets.UTF_8);
  }

  /**
   * Presents one certificate whatever the server asks (so an untrusted certificate really is sent).
   */
  static final class Presenting extends X509ExtendedKeyManager {
    private final TestPki.Issued cert;

    Presenting(TestPki.Issued cert) {
      this.cert = cert;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return "client";
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return "client";
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return new X509Certificate[] {cert.cert()};
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return cert.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {"client"};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }
}
