package dev.turnpike.snapshot;

import dev.turnpike.routing.DomainIndex;
import dev.turnpike.tls.CertificateIndex;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything the data plane serves, as of one store revision. Immutable; replaced whole on every
 * change. The HTTPS listener reads {@link #certificates()} on every handshake (SNI), the request
 * path {@link #domains()}, {@link #keys()}, {@link #iam()}, (Lambda integrations) {@link
 * #functions()}, ({@code COGNITO_USER_POOLS} authorizers) {@link #cognito()} and (HTTP APIs) {@link
 * #httpApis()}.
 */
public record GatewaySnapshot(
    long revision,
    Map<String, CompiledApi> apis,
    KeyIndex keys,
    DomainIndex domains,
    CertificateIndex certificates,
    IamIndex iam,
    LambdaIndex functions,
    CognitoPools cognito,
    Map<String, CompiledHttpApi> httpApis) {
  public GatewaySnapshot {
    apis = Map.copyOf(apis);
    httpApis = Map.copyOf(httpApis);
  }

  /** Without HTTP APIs. */
  public GatewaySnapshot(
      long revision,
      Map<String, CompiledApi> apis,
      KeyIndex keys,
      DomainIndex domains,
      CertificateIndex certificates,
      IamIndex iam,
      LambdaIndex functions,
      CognitoPools cognito) {
    this(revision, apis, keys, domains, certificates, iam, functions, cognito, Map.of());
  }

  /** Without Cognito user pools. */
  public GatewaySnapshot(
      long revision,
      Map<String, CompiledApi> apis,
      KeyIndex keys,
      DomainIndex domains,
      CertificateIndex certificates,
      IamIndex iam,
      LambdaIndex functions) {
    this(revision, apis, keys, domains, certificates, iam, functions, CognitoPools.EMPTY);
  }

  /** Without Lambda functions. */
  public GatewaySnapshot(
      long revision,
      Map<String, CompiledApi> apis,
      KeyIndex keys,
      DomainIndex domains,
      CertificateIndex certificates,
      IamIndex iam) {
    this(revision, apis, keys, domains, certificates, iam, LambdaIndex.EMPTY);
  }

  /** A snapshot without keys, domains, credentials or policies (tests, tools). */
  public GatewaySnapshot(long revision, Map<String, CompiledApi> apis) {
    this(
        revision,
        apis,
        KeyIndex.EMPTY,
        DomainIndex.empty(),
        CertificateIndex.empty(),
        IamIndex.empty());
  }

  public static GatewaySnapshot empty() {
    return new GatewaySnapshot(-1, Map.of());
  }

  public @Nullable CompiledApi api(String apiId) {
    return apis.get(apiId);
  }

  /** An HTTP API (apigatewayv2) by id; REST and HTTP API ids share the execute-api hosts. */
  public @Nullable CompiledHttpApi httpApi(String apiId) {
    return httpApis.get(apiId);
  }
}
