package dev.turnpike.pipeline;

import dev.turnpike.decision.Cause;
import dev.turnpike.routing.BasePathMatcher;
import dev.turnpike.routing.DomainIndex;
import dev.turnpike.routing.HostClassifier;
import dev.turnpike.routing.InvokePath;
import dev.turnpike.snapshot.CompiledApi;
import dev.turnpike.snapshot.CompiledHttpApi;
import dev.turnpike.snapshot.CompiledStage;
import org.jspecify.annotations.Nullable;

/**
 * Finds the API and stage: from an execute-api Host ({@code
 * {apiId}.execute-api.{region}.{suffix}/{stage}/...}) or from the path style ({@code
 * /restapis/{apiId}/{stage}/_user_request_/...}) on any host. An unknown host, API or stage, or an
 * API whose execute-api endpoint is disabled, gets 403 {@code {"message":"Forbidden"}} (spec 1.5,
 * C04).
 */
public final class ResolveApiStage implements Stage {
  private final HostClassifier hosts;

  public ResolveApiStage(HostClassifier hosts) {
    this.hosts = hosts;
  }

  @Override
  public @Nullable GatewayReply apply(Exchange ex) {
    if (ex.secure) {
      DomainIndex.CompiledDomain domain = ex.snapshot.domains().lookup(ex.host());
      if (domain != null) {
        return resolveCustomDomain(ex, domain);
      }
    }
    InvokePath invoke = InvokePath.ofPathStyle(ex.rawPath);
    String apiId;
    if (invoke != null) {
      apiId = invoke.apiId();
      ex.addressing = "path";
    } else {
      apiId = hosts.executeApiId(ex.host());
      invoke = InvokePath.ofStagePath(ex.rawPath);
      ex.addressing = "host";
    }
    if (apiId == null || invoke == null) {
      GatewayReply http = apiId == null ? null : HttpApiEntry.fromHost(ex, apiId);
      return http != null
          ? http
          : forbidden(ex, apiId == null ? Cause.UNKNOWN_HOST : Cause.UNKNOWN_STAGE);
    }
    CompiledApi api = ex.snapshot.api(apiId);
    if (api == null) {
      // Not a REST API: an HTTP API of that id, if any (only here, so REST pays nothing for it).
      GatewayReply http = "host".equals(ex.addressing) ? HttpApiEntry.fromHost(ex, apiId) : null;
      return http != null ? http : forbidden(ex, Cause.UNKNOWN_API);
    }
    ex.api = api;
    CompiledStage stage = api.stage(invoke.stage());
    if (stage == null || stage.executeApiEndpointDisabled()) {
      return forbidden(ex, stage == null ? Cause.UNKNOWN_STAGE : Cause.ENDPOINT_DISABLED);
    }
    ex.stage = stage;
    ex.stagePath = invoke.resourcePath();
    return null;
  }

  private static GatewayReply forbidden(Exchange ex, Cause cause) {
    return GatewayResponses.forbidden(ex, cause);
  }

  /**
   * A mutual-TLS domain serves only connections whose handshake validated a client certificate
   * against this domain's truststore: the SNI name must lead to the same domain as the Host.
   * Otherwise a client could shake hands under another name (or the {@code d-…} target, which
   * serves the default certificate) and then name the mTLS domain in the Host header. AWS answers
   * mutual-TLS refusals that get past the handshake with 403 (spec 1.5).
   */
  private static boolean clientCertificateFor(Exchange ex, DomainIndex.CompiledDomain domain) {
    return ex.clientCert != null
        && ex.tlsServerName != null
        && ex.snapshot.domains().lookup(ex.tlsServerName) == domain;
  }

  /**
   * Custom domains (HTTPS only; on the HTTP listener their hosts are unknown hosts): longest base
   * path mapping ({@link BasePathMatcher}), no mapping → 403 Forbidden; the matched prefix is
   * stripped, and when the mapping names no stage the next segment is the stage. What remains is
   * routed against the API's resources, so a path that is not a resource gets 403 Missing
   * Authentication Token from the route stage (spec 1.5, 3.3, C70-C74).
   */
  private static @Nullable GatewayReply resolveCustomDomain(
      Exchange ex, DomainIndex.CompiledDomain domain) {
    ex.addressing = "domain";
    ex.domain = domain;
    if (domain.requiresClientCertificate() && !clientCertificateFor(ex, domain)) {
      return forbidden(ex, Cause.CLIENT_CERTIFICATE_REQUIRED);
    }
    BasePathMatcher.Match match = domain.mappings().match(ex.rawPath);
    if (match == null) {
      return forbidden(ex, Cause.NO_BASE_PATH_MAPPING);
    }
    ex.mapping = match.mapping();
    CompiledApi api = ex.snapshot.api(match.mapping().restApiId());
    if (api == null) {
      CompiledHttpApi http = ex.snapshot.httpApi(match.mapping().restApiId());
      return http != null
          ? HttpApiEntry.fromMapping(ex, http, match.mapping().stage(), match.remainingPath())
          : forbidden(ex, Cause.UNKNOWN_API);
    }
    String stageName = match.mapping().stage();
    String rest = match.remainingPath();
    if (stageName == null) {
      InvokePath invoke = InvokePath.ofStagePath(rest);
      if (invoke == null) {
        return forbidden(ex, Cause.UNKNOWN_STAGE);
      }
      stageName = invoke.stage();
      rest = invoke.resourcePath();
    }
    CompiledStage stage = api.stage(stageName);
    if (stage == null) {
      ex.api = api;
      return forbidden(ex, Cause.UNKNOWN_STAGE);
    }
    ex.api = api;
    ex.stage = stage;
    ex.stagePath = rest;
    ex.addressing = "domain";
    return null;
  }
}
