package dev.turnpike.cli;

import dev.turnpike.tls.CertificateIndex;
import dev.turnpike.tls.KeyAlgorithm;
import dev.turnpike.tls.LocalCa;
import dev.turnpike.tls.SecurityPolicy;
import dev.turnpike.tls.ServerTls;
import dev.turnpike.tls.SniMapping;
import dev.turnpike.tls.TlsException;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The HTTPS side of the composition root: the local CA (created on first start), the default certificate
 * {@code *.execute-api.{region}.{suffix}} it issues at every start (so it never expires under a running
 * Turnpike for long: restart renews it), and the SNI mapping for the listener.
 */
final class Https {
  private final LocalCa ca;
  private final String defaultName;
  private volatile SslContext defaultContext;

  private Https(LocalCa ca, String defaultName, SslContext defaultContext) {
    this.ca = ca;
    this.defaultName = defaultName;
    this.defaultContext = defaultContext;
  }

  static Https start(Path dataDir, ServeConfig config, Clock clock) throws IOException, TlsException {
    LocalCa ca = LocalCa.loadOrCreate(dataDir, clock);
    String name = "*.execute-api." + config.region() + "." + config.domainSuffix();
    // "localhost" as well, so the path style (https://localhost:8443/restapis/...) verifies too.
    SslContext ctx = ServerTls.context(ca.issue(List.of(name, "localhost"), KeyAlgorithm.EC_prime256v1,
        LocalCa.LEAF_VALIDITY), SecurityPolicy.TLS_1_2);
    return new Https(ca, name, ctx);
  }

  LocalCa ca() {
    return ca;
  }

  Path caFile() {
    return ca.certificateFile();
  }

  SniMapping sniMapping(Supplier<CertificateIndex> domains) {
    return new SniMapping(() -> defaultContext, domains);
  }

  String describe() {
    return "default certificate " + defaultName + ", TLS by " + ServerTls.providerDescription();
  }
}
