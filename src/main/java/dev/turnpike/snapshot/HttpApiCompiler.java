package dev.turnpike.snapshot;

import dev.turnpike.cors.CorsRules;
import dev.turnpike.cors.CorsValidation;
import dev.turnpike.counters.Limiter;
import dev.turnpike.model.HttpDeployment;
import dev.turnpike.model.HttpIntegration;
import dev.turnpike.model.HttpRoute;
import dev.turnpike.model.HttpStage;
import dev.turnpike.oidc.OidcKeyCache;
import dev.turnpike.routing.HttpRouteTable;
import dev.turnpike.routing.RouteKey;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Compiles HTTP APIs (apigatewayv2) into {@link CompiledHttpApi}s: each deployment's routes once
 * into an {@link HttpRouteTable} (deployments are immutable, so the table is cached by API and
 * deployment id), each stage with its variables and throttles. Bucket ids: {@code
 * http/{api}/{stage}/{routeKey}} per route with {@code routeSettings}, {@code http/{api}/{stage}}
 * for {@code defaultRouteSettings}, and the account's.
 */
final class HttpApiCompiler {
  private final IntegrationBinder binder;
  private final HttpAuthorizerCompiler authorizers;
  private final Map<String, Deployed> cache = new ConcurrentHashMap<>();

  HttpApiCompiler(IntegrationBinder binder, Clock clock) {
    this.binder = binder;
    this.authorizers = new HttpAuthorizerCompiler(clock);
  }

  /** JWT authorizers fetch their issuers' keys through {@code cache} (one for the process). */
  void useOidc(OidcKeyCache cache) {
    authorizers.useOidc(cache);
  }

  /**
   * A compiled deployment: the route table, whether the execute-api endpoint is off, and the API's
   * CORS rules (null: no {@code corsConfiguration}).
   */
  record Deployed(
      HttpRouteTable<CompiledRoute> routes, boolean endpointDisabled, @Nullable CorsRules cors) {}

  Map<String, CompiledHttpApi> compile(
      ConfigStore store,
      MeteringCompiler.@Nullable Round round,
      Map<String, String> problems,
      CognitoPools pools) {
    Map<String, String> owners = new HashMap<>();
    for (Document d : store.listKind(Kinds.HTTP_API)) {
      owners.put(d.key().id(), d.key().accountId());
    }
    Map<String, Document> deployed = new HashMap<>();
    for (Document d : store.listKind(Kinds.HTTP_DEPLOYED_API)) {
      deployed.put(d.key().scope() + "/" + d.key().id(), d);
    }
    Map<String, Map<String, CompiledHttpStage>> stages = new HashMap<>();
    Map<String, Deployed> used = new HashMap<>();
    for (Document d : store.listKind(Kinds.HTTP_STAGE)) {
      String apiId = d.key().scope();
      String account = owners.get(apiId);
      if (account == null || !account.equals(d.key().accountId())) {
        continue;
      }
      try {
        HttpStage stage = Documents.read(d, HttpStage.class);
        if (stage.deploymentId() == null) {
          continue; // a stage never deployed serves nothing (404)
        }
        String depKey = apiId + "/" + stage.deploymentId();
        Document content = deployed.get(depKey);
        if (content == null) {
          problems.put(
              apiId + "/" + stage.stageName(), "deployment " + stage.deploymentId() + " not found");
          continue;
        }
        Deployed dep =
            cache.computeIfAbsent(
                depKey, k -> compile(Documents.read(content, HttpDeployment.Frozen.class), pools));
        used.put(depKey, dep);
        stages
            .computeIfAbsent(apiId, k -> new HashMap<>())
            .put(stage.stageName(), stage(apiId, account, stage, dep, round));
      } catch (RuntimeException e) {
        problems.put(apiId + "/" + d.key().id(), String.valueOf(e.getMessage()));
      }
    }
    cache.keySet().retainAll(used.keySet());
    Map<String, CompiledHttpApi> out = new HashMap<>();
    owners.forEach(
        (apiId, account) ->
            out.put(
                apiId, new CompiledHttpApi(apiId, account, stages.getOrDefault(apiId, Map.of()))));
    return out;
  }

  private static CompiledHttpStage stage(
      String apiId,
      String account,
      HttpStage stage,
      Deployed dep,
      MeteringCompiler.@Nullable Round round) {
    Map<String, Limiter> perRoute = new HashMap<>();
    Limiter dflt = null;
    Limiter accountLimiter = null;
    String base = "http/" + apiId + "/" + stage.stageName();
    if (round != null) {
      HttpStage.RouteSettings d = stage.defaultRouteSettings();
      if (d != null) {
        dflt = round.limiter(base, d.throttlingRateLimit(), d.throttlingBurstLimit());
      }
      if (stage.routeSettings() != null) {
        for (Map.Entry<String, HttpStage.RouteSettings> e : stage.routeSettings().entrySet()) {
          HttpStage.RouteSettings s = e.getValue();
          Limiter l =
              s == null
                  ? null
                  : round.limiter(
                      base + "/" + e.getKey(), s.throttlingRateLimit(), s.throttlingBurstLimit());
          if (l != null) {
            perRoute.put(e.getKey(), l);
          }
        }
      }
      accountLimiter = round.account(account);
    }
    String format = stage.accessLogSettings() == null ? null : stage.accessLogSettings().format();
    return new CompiledHttpStage(
        apiId,
        account,
        stage.stageName(),
        requireDeployment(stage),
        dep.endpointDisabled(),
        stage.stageVariables() == null ? Map.of() : stage.stageVariables(),
        dep.routes(),
        dep.cors(),
        format,
        perRoute,
        dflt,
        accountLimiter);
  }

  private static String requireDeployment(HttpStage stage) {
    String id = stage.deploymentId();
    if (id == null) {
      throw new IllegalStateException("stage " + stage.stageName() + " has no deployment");
    }
    return id;
  }

  private Deployed compile(HttpDeployment.Frozen frozen, CognitoPools pools) {
    Map<String, CompiledHttpIntegration> integrations = new HashMap<>();
    for (HttpIntegration in : frozen.integrations()) {
      integrations.put(in.integrationId(), integration(in));
    }
    Map<String, CompiledHttpAuthorizer> auth = authorizers.compile(frozen.authorizers(), pools);
    List<HttpRouteTable.Entry<CompiledRoute>> entries = new ArrayList<>();
    for (HttpRoute r : frozen.routes()) {
      RouteKey key = RouteKey.parse(r.routeKey());
      if (key == null) {
        continue; // the control plane refuses such keys; a hand-edited store is skipped
      }
      String target = r.integrationId();
      String authorizerId = r.authorizerId();
      entries.add(
          new HttpRouteTable.Entry<>(
              key,
              new CompiledRoute(
                  r.routeId(),
                  r.routeKey(),
                  r.authorizationType(),
                  r.authorizerId(),
                  r.authorizationScopes() == null ? List.of() : r.authorizationScopes(),
                  authorizerId == null ? null : auth.get(authorizerId),
                  target == null ? null : integrations.get(target))));
    }
    return new Deployed(
        HttpRouteTable.compile(entries),
        frozen.api().disableExecuteApiEndpoint(),
        cors(frozen.api().corsConfiguration()));
  }

  /** The API's CORS rules; a stored configuration the rules refuse (hand-edited) means none. */
  private static @Nullable CorsRules cors(@Nullable Map<String, Object> config) {
    if (config == null) {
      return null;
    }
    try {
      return CorsRules.compile(CorsValidation.parse(config));
    } catch (CorsValidation.InvalidCors e) {
      return null;
    }
  }

  private CompiledHttpIntegration integration(HttpIntegration in) {
    return new CompiledHttpIntegration(
        in.integrationType(),
        in.integrationUri() == null ? "" : in.integrationUri(),
        in.integrationMethod() == null ? "ANY" : in.integrationMethod(),
        in.timeoutInMillis(),
        in.payloadFormatVersion() == null ? "1.0" : in.payloadFormatVersion(),
        in.requestParameters() == null ? Map.of() : in.requestParameters(),
        in.responseParameters() == null ? Map.of() : in.responseParameters(),
        in.credentialsArn(),
        binder.bind(CompiledHttpIntegration.bindingKey(in.integrationType())));
  }
}
