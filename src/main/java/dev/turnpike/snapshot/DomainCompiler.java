package dev.turnpike.snapshot;

import dev.turnpike.model.AcmCertificate;
import dev.turnpike.model.BasePathMapping;
import dev.turnpike.model.DomainName;
import dev.turnpike.model.DomainTruststore;
import dev.turnpike.routing.BasePathMatcher;
import dev.turnpike.routing.DomainIndex;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.tls.CertificateIndex;
import dev.turnpike.tls.CertificateInventory;
import dev.turnpike.tls.CertifiedKey;
import dev.turnpike.tls.ClientCertificateTrust;
import dev.turnpike.tls.Pem;
import dev.turnpike.tls.SecurityPolicy;
import dev.turnpike.tls.ServerTls;
import dev.turnpike.tls.TlsException;
import dev.turnpike.tls.Truststore;
import io.netty.handler.ssl.SslContext;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles custom domains into the routing index (host → base path mappings) and the SNI index
 * (host → server context). A server context is built once per (certificate, re-import revision,
 * security policy) and reused by later snapshots; when a certificate cannot be loaded (corrupted
 * document, broken key), the domain keeps the context it was served with before and the problem is
 * reported, so nothing about a certificate takes a listener down. A mutual-TLS domain's context
 * also carries its truststore (from the copy stored at create/update time) and requires client
 * certificates; a new truststore is a new context, served from the next handshake on. The
 * certificates are read once per compile (all accounts) and listed, without key material, in the
 * index's {@link CertificateInventory}.
 */
final class DomainCompiler {
  private final Map<String, Built> contexts = new ConcurrentHashMap<>();
  private final Clock clock;

  DomainCompiler(Clock clock) {
    this.clock = clock;
  }

  private record Built(String version, SslContext context) {}

  /** What the domains compile to, and what had to be skipped (domain → reason). */
  record Result(DomainIndex domains, CertificateIndex certificates, Map<String, String> problems) {}

  Result compile(ConfigStore store, Map<String, CompiledApi> apis) {
    return compile(store, apis, Map.of());
  }

  /** With HTTP APIs, which API mappings may target as well as REST APIs. */
  Result compile(
      ConfigStore store, Map<String, CompiledApi> apis, Map<String, CompiledHttpApi> httpApis) {
    Map<String, List<BasePathMatcher.Mapping>> mappings = new HashMap<>();
    for (Document d : store.listKind(Kinds.BASE_PATH_MAPPING)) {
      BasePathMapping m = Documents.read(d, BasePathMapping.class);
      CompiledApi api = apis.get(m.restApiId());
      CompiledHttpApi httpApi = api == null ? httpApis.get(m.restApiId()) : null;
      String owner = api != null ? api.accountId() : httpApi != null ? httpApi.accountId() : null;
      if (owner == null || !owner.equals(d.key().accountId())) {
        continue; // the same-account rule of spec 3.3; a deleted API's mapping maps nothing
      }
      String key = "(none)".equals(m.basePath()) ? "" : m.basePath();
      mappings
          .computeIfAbsent(d.key().accountId() + "/" + d.key().scope(), k -> new ArrayList<>())
          .add(new BasePathMatcher.Mapping(key, m.restApiId(), m.stage()));
    }
    Map<String, DomainIndex.CompiledDomain> exact = new HashMap<>();
    Map<String, DomainIndex.CompiledDomain> wildcard = new HashMap<>();
    Map<String, SslContext> exactTls = new HashMap<>();
    Map<String, SslContext> wildcardTls = new HashMap<>();
    Map<String, String> problems = new HashMap<>();
    Map<String, Built> used = new HashMap<>();
    Map<String, AcmCertificate> certificates = new HashMap<>();
    List<CertificateInventory.Certificate> inventory = new ArrayList<>();
    for (Document d : store.listKind(Kinds.ACM_CERTIFICATE)) {
      try {
        AcmCertificate c = Documents.read(d, AcmCertificate.class);
        certificates.put(d.key().accountId() + "/" + d.key().id(), c);
        inventory.add(
            new CertificateInventory.Certificate(
                d.key().accountId(),
                c.certificateArn(),
                c.type(),
                c.subjectAlternativeNames(),
                c.notAfter()));
      } catch (RuntimeException e) {
        problems.put("certificate " + d.key().id(), "unreadable: " + e.getMessage());
      }
    }
    List<CertificateInventory.DomainUse> uses = new ArrayList<>();
    for (Document d : store.listKind(Kinds.DOMAIN_NAME)) {
      DomainName dn;
      try {
        dn = Documents.read(d, DomainName.class);
      } catch (RuntimeException e) {
        problems.put(d.key().id(), String.valueOf(e.getMessage()));
        continue;
      }
      uses.add(
          new CertificateInventory.DomainUse(
              d.key().accountId(), dn.domainName(), dn.servingCertificateArn()));
      String name = dn.domainName().toLowerCase(Locale.ROOT);
      var compiled =
          new DomainIndex.CompiledDomain(
              dn.domainName(),
              d.key().accountId(),
              new BasePathMatcher(
                  mappings.getOrDefault(d.key().accountId() + "/" + dn.domainName(), List.of())),
              dn.requiresClientCertificate());
      SslContext tls = context(store, certificates, d.key().accountId(), dn, problems);
      if (tls != null) {
        used.put(name, contexts.get(name));
      }
      if (name.startsWith("*.")) {
        wildcard.put(name.substring(2), compiled);
        if (tls != null) {
          wildcardTls.put(name.substring(2), tls);
        }
      } else {
        exact.put(name, compiled);
        if (tls != null) {
          exactTls.put(name, tls);
        }
      }
      String target =
          dn.regionalDomainName() != null ? dn.regionalDomainName() : dn.distributionDomainName();
      if (target != null) {
        exact.put(target.toLowerCase(Locale.ROOT), compiled);
      }
    }
    contexts.keySet().retainAll(used.keySet());
    return new Result(
        new DomainIndex(exact, wildcard),
        new CertificateIndex(exactTls, wildcardTls, new CertificateInventory(inventory, uses)),
        Map.copyOf(problems));
  }

  private @org.jspecify.annotations.Nullable SslContext context(
      ConfigStore store,
      Map<String, AcmCertificate> certificates,
      String account,
      DomainName dn,
      Map<String, String> problems) {
    String name = dn.domainName().toLowerCase(Locale.ROOT);
    Built previous = contexts.get(name);
    String arn = dn.servingCertificateArn();
    if (arn == null) {
      return previous == null ? null : previous.context();
    }
    SecurityPolicy policy = SecurityPolicy.parse(dn.securityPolicy());
    if (policy == null) {
      policy = SecurityPolicy.TLS_1_2;
    }
    try {
      AcmCertificate cert =
          certificates.get(account + "/" + arn.substring(arn.lastIndexOf('/') + 1));
      if (cert == null) {
        throw new TlsException("certificate " + arn + " not found (deleted or unreadable)");
      }
      DomainTruststore truststore =
          dn.requiresClientCertificate() ? truststore(store, account, dn) : null;
      String version =
          arn
              + "#"
              + cert.revision()
              + "#"
              + policy
              + (truststore == null
                  ? ""
                  : "#mtls#"
                      + truststore.readAtEpochSeconds()
                      + "#"
                      + truststore.certificatesPem().hashCode());
      if (previous != null && previous.version().equals(version)) {
        return previous.context();
      }
      List<X509Certificate> chain = new ArrayList<>(Pem.certificates(cert.certificatePem()));
      if (!cert.chainPem().isEmpty()) {
        chain.addAll(Pem.certificates(cert.chainPem()));
      }
      SslContext ctx =
          ServerTls.context(
              new CertifiedKey(Pem.privateKey(cert.privateKeyPem()), chain),
              policy,
              truststore == null ? null : clientTrust(dn, truststore, problems));
      contexts.put(name, new Built(version, ctx));
      return ctx;
    } catch (TlsException | RuntimeException e) {
      problems.put(
          dn.domainName(), "certificate not loaded, serving the previous one: " + e.getMessage());
      return previous == null ? null : previous.context();
    }
  }

  /**
   * The truststore stored for a mutual-TLS domain. A missing one (a store edited by hand) trusts
   * nobody: a domain that requires client certificates never falls back to accepting any client.
   */
  private static DomainTruststore truststore(ConfigStore store, String account, DomainName dn) {
    return store
        .get(DocumentKey.of(account, Kinds.DOMAIN_TRUSTSTORE, dn.domainName()))
        .map(doc -> Documents.read(doc, DomainTruststore.class))
        .orElseGet(() -> new DomainTruststore(dn.domainName(), "", "", "", -1));
  }

  /** Read from the stored copy (never from the truststore's URI): the request path does no I/O. */
  private ClientCertificateTrust clientTrust(
      DomainName dn, DomainTruststore stored, Map<String, String> problems) throws TlsException {
    Truststore t;
    try {
      t = Truststore.read(stored.certificatesPem(), clock.instant());
    } catch (TlsException e) {
      problems.put(
          dn.domainName(), "truststore not usable, every client is refused: " + e.getMessage());
      t = Truststore.empty();
    }
    return ClientCertificateTrust.of(t);
  }
}
