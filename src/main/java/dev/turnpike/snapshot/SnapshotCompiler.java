package dev.turnpike.snapshot;

import static java.util.Objects.requireNonNull;

import dev.turnpike.lambda.FunctionDirectory;
import dev.turnpike.model.DeployedApi;
import dev.turnpike.model.RestApi;
import dev.turnpike.model.Stage;
import dev.turnpike.oidc.OidcKeyCache;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.template.TemplateEngine;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link GatewaySnapshot} from the store. Deployments are immutable once created, so each
 * one is compiled once and reused by every later snapshot (keyed by API id and deployment id); a
 * rebuild after a stage or API edit only re-reads documents and reassembles maps. One bad
 * deployment never hides the others: it is skipped and reported through {@link #lastProblems()}.
 */
public final class SnapshotCompiler {
  private final DeploymentCompiler deployments;
  private final DomainCompiler domains;
  private final Map<String, CompiledDeployment> cache = new ConcurrentHashMap<>();
  private final @Nullable MeteringCompiler metering;
  private final IamIndexCompiler iam;
  private final CognitoPoolsCompiler cognito = new CognitoPoolsCompiler();
  private final HttpApiCompiler httpApis;
  private volatile @Nullable LambdaCompiler functions;
  private volatile String region = "us-east-1";
  private volatile Map<String, String> problems = Map.of();
  private volatile Consumer<String> problemLog = line -> {};

  /**
   * Without metering, and with no integration type bound (tests of routing, policies,
   * certificates).
   */
  public SnapshotCompiler(TemplateEngine templates) {
    this(templates, null, IntegrationBinder.NONE, Clock.systemUTC());
  }

  /**
   * With API keys, usage plans and throttles compiled by {@code metering} (null: none), and each
   * method's integration bound to its implementation by {@code integrations}; {@code clock} decides
   * certificate and STS session expiry.
   */
  public SnapshotCompiler(
      TemplateEngine templates,
      @Nullable MeteringCompiler metering,
      IntegrationBinder integrations,
      Clock clock) {
    this.deployments = new DeploymentCompiler(templates, integrations);
    this.httpApis = new HttpApiCompiler(integrations, clock);
    this.metering = metering;
    this.domains = new DomainCompiler(clock);
    this.iam = new IamIndexCompiler(clock);
  }

  /** Reads the store and compiles. Runs on the publisher's thread, never on an event loop. */
  public GatewaySnapshot compile(ConfigStore store) {
    long revision = store.revision();
    Map<String, RestApi> apis = new HashMap<>();
    Map<String, String> owners = new HashMap<>();
    for (Document d : store.listKind(Kinds.REST_API)) {
      apis.put(d.key().id(), Documents.read(d, RestApi.class));
      owners.put(d.key().id(), d.key().accountId());
    }
    Map<String, Document> deployed = new HashMap<>();
    for (Document d : store.listKind(Kinds.DEPLOYED_API)) {
      deployed.put(d.key().scope() + "/" + d.key().id(), d);
    }
    Map<String, Long> flushes = new HashMap<>();
    for (Document d : store.listKind(Kinds.AUTHORIZER_CACHE_FLUSH)) {
      flushes.put(
          d.key().scope() + "/" + d.key().id(), Documents.read(d, FlushCount.class).count());
    }
    MeteringCompiler.Round round = metering == null ? null : metering.begin(store);
    Map<String, Map<String, CompiledStage>> stagesByApi = new HashMap<>();
    Map<String, String> newProblems = new HashMap<>();
    Map<String, CompiledDeployment> used = new HashMap<>();
    for (Document d : store.listKind(Kinds.STAGE)) {
      String apiId = d.key().scope();
      if (!apis.containsKey(apiId)) {
        continue;
      }
      try {
        Stage stage = Documents.read(d, Stage.class);
        String depKey = apiId + "/" + stage.deploymentId();
        Document content = deployed.get(depKey);
        if (content == null) {
          newProblems.put(
              apiId + "/" + stage.stageName(), "deployment " + stage.deploymentId() + " not found");
          continue;
        }
        CompiledDeployment dep =
            cache.computeIfAbsent(
                depKey, k -> deployments.compile(Documents.read(content, DeployedApi.class)));
        used.put(depKey, dep);
        String format =
            stage.accessLogSettings() == null ? null : stage.accessLogSettings().format();
        StageMetering stageMetering =
            round == null
                ? StageMetering.NONE
                : round.stage(
                    d.key().accountId(),
                    apiId,
                    stage,
                    depKey,
                    () -> Documents.read(content, DeployedApi.class));
        CompiledStage cs =
            new CompiledStage(
                apiId,
                d.key().accountId(),
                stage.stageName(),
                stage.deploymentId(),
                dep.executeApiEndpointDisabled(),
                stage.variables() == null ? Map.of() : stage.variables(),
                dep.tree(),
                dep.gatewayResponses(),
                format,
                stageMetering,
                flushes.getOrDefault(apiId + "/" + stage.stageName(), 0L),
                dep.content(),
                stage.accessLogSettings() == null
                    ? null
                    : stage.accessLogSettings().destinationArn());
        stagesByApi.computeIfAbsent(apiId, k -> new HashMap<>()).put(stage.stageName(), cs);
      } catch (RuntimeException e) {
        newProblems.put(apiId + "/" + d.key().id(), String.valueOf(e.getMessage()));
      }
    }
    cache.keySet().retainAll(used.keySet());
    Map<String, CompiledApi> compiled = new HashMap<>();
    for (RestApi api : apis.values()) {
      compiled.put(
          api.id(),
          new CompiledApi(
              api.id(),
              requireNonNull(owners.get(api.id()), "owner"),
              stagesByApi.getOrDefault(api.id(), Map.of())));
    }
    CognitoPools pools = cognito.compile(store, newProblems);
    Map<String, CompiledHttpApi> http = httpApis.compile(store, round, newProblems, pools);
    DomainCompiler.Result custom = domains.compile(store, compiled, http);
    custom
        .problems()
        .forEach(
            (what, why) ->
                newProblems.put(what.startsWith("certificate ") ? what : "domain " + what, why));
    IamIndex iamIndex = iam.compile(store, deployed.values(), region, newProblems);
    LambdaCompiler lambda = functions;
    LambdaIndex lambdaIndex =
        lambda == null ? LambdaIndex.EMPTY : lambda.compile(store, region, newProblems);
    Map<String, String> before = problems;
    newProblems.forEach(
        (what, why) -> {
          if (!why.equals(before.get(what))) {
            problemLog.accept(
                "turnpike: ERROR " + what + ": " + why); // once per new problem, not per compile
          }
        });
    problems = Map.copyOf(newProblems);
    return new GatewaySnapshot(
        revision,
        compiled,
        round == null ? KeyIndex.EMPTY : round.finish(),
        custom.domains(),
        custom.certificates(),
        iamIndex,
        lambdaIndex,
        pools,
        http);
  }

  /**
   * An API's current configuration ({@code draft}, frozen as {@code CreateDeployment} freezes it)
   * compiled as stage {@code stageName} with {@code variables} would serve it, for {@code
   * TestInvokeMethod}: compiled afresh (a draft changes with every edit) and never cached; no
   * metering, no access log.
   */
  public CompiledStage compileDraft(
      String accountId,
      DeployedApi draft,
      String stageName,
      String deploymentId,
      Map<String, String> variables) {
    CompiledDeployment dep = deployments.compile(draft);
    return new CompiledStage(
        draft.api().id(),
        accountId,
        stageName,
        deploymentId,
        dep.executeApiEndpointDisabled(),
        variables,
        dep.tree(),
        dep.gatewayResponses(),
        null,
        StageMetering.NONE,
        0,
        dep.content());
  }

  /**
   * Compiles the stored Lambda functions (code under {@code directory}) for Lambda integrations;
   * without it the snapshot has none.
   */
  public SnapshotCompiler withFunctions(FunctionDirectory directory) {
    this.functions = new LambdaCompiler(directory);
    return this;
  }

  /**
   * Runs the JWT authorizers of HTTP APIs with the issuers' keys in {@code cache} (one for the
   * process); without it their routes answer 500.
   */
  public SnapshotCompiler withOidc(OidcKeyCache cache) {
    httpApis.useOidc(cache);
    return this;
  }

  /** The region resource-policy shorthands ({@code execute-api:/…}) expand to. */
  public SnapshotCompiler withRegion(String newRegion) {
    this.region = newRegion;
    return this;
  }

  /**
   * Where a new compile problem is reported (one line when it first appears), e.g. the server log.
   */
  public SnapshotCompiler withProblemLog(Consumer<String> log) {
    this.problemLog = log;
    return this;
  }

  /** What the last compile had to skip, keyed by {@code apiId/stage}. */
  public Map<String, String> lastProblems() {
    return problems;
  }

  /** A stage's FlushStageAuthorizersCache count as the control plane stores it. */
  record FlushCount(long count) {}
}
