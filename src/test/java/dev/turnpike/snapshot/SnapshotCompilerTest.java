package dev.turnpike.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.model.Stage;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import dev.turnpike.template.TemplateEngine;
import dev.turnpike.testkit.ControlPlaneDriver;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotCompilerTest {
  private static final String OK = "{\"statusCode\":200}";

  @TempDir Path dir;
  ControlPlaneDriver cp;
  SnapshotCompiler compiler;
  String apiId;
  String rootId;

  @BeforeEach
  void setUp() {
    cp = new ControlPlaneDriver(dir);
    compiler = new SnapshotCompiler(TemplateEngine.create());
    String[] api = cp.createApi();
    apiId = api[0];
    rootId = api[1];
  }

  @AfterEach
  void tearDown() {
    cp.close();
  }

  private CompiledStage stage(GatewaySnapshot s, String name) {
    CompiledApi api = s.api(apiId);
    assertThat(api).as("api " + apiId).isNotNull();
    return api.stage(name);
  }

  @Test
  void compile_stageAfterLiveEdit_servesItsDeployment() {
    // AWS: "you must deploy the API to make changes effective" (DG "how-to-deploy-api"); spec
    // DeployedApi doc.
    String a = cp.createResource(apiId, rootId, "a");
    cp.mockMethod(apiId, a, "GET", OK, "a");
    cp.deploy(apiId, "dev");
    String b = cp.createResource(apiId, rootId, "b");
    cp.mockMethod(apiId, b, "GET", OK, "b");

    CompiledStage dev = stage(compiler.compile(cp.store), "dev");
    assertThat(dev.tree().match("GET", "/a")).isNotNull();
    assertThat(dev.tree().match("GET", "/b")).isNull();

    cp.deploy(apiId, "dev");
    assertThat(stage(compiler.compile(cp.store), "dev").tree().match("GET", "/b")).isNotNull();
  }

  @Test
  void compile_snapshot_carriesStoreRevisionAndOwner() {
    String a = cp.createResource(apiId, rootId, "a");
    cp.mockMethod(apiId, a, "GET", OK, "a");
    String deploymentId = cp.deploy(apiId, "dev");
    GatewaySnapshot s = compiler.compile(cp.store);
    assertThat(s.revision()).isEqualTo(cp.store.revision());
    assertThat(s.api(apiId).accountId()).isEqualTo(ControlPlaneDriver.ACCOUNT);
    CompiledStage dev = stage(s, "dev");
    assertThat(dev.deploymentId()).isEqualTo(deploymentId);
    assertThat(dev.stageName()).isEqualTo("dev");
    assertThat(dev.tree().match("GET", "/a").method().integration().type()).isEqualTo("MOCK");
  }

  @Test
  void compile_brokenRequestTemplate_compilesAndMarksConfigurationError() {
    // Spec 6.8 / CompiledIntegration: a mapping failure answers API_CONFIGURATION_ERROR rather than
    // hiding the API.
    String a = cp.createResource(apiId, rootId, "a");
    cp.mockMethod(apiId, a, "GET", "#if($foo", "a");
    String ok = cp.createResource(apiId, rootId, "ok");
    cp.mockMethod(apiId, ok, "GET", OK, "ok");
    cp.deploy(apiId, "dev");

    CompiledStage dev = stage(compiler.compile(cp.store), "dev");
    assertThat(dev).isNotNull();
    CompiledIntegration broken = dev.tree().match("GET", "/a").method().integration();
    assertThat(broken.configurationError()).isNotNull().contains("template");
    assertThat(dev.tree().match("GET", "/ok").method().integration().configurationError()).isNull();
    assertThat(compiler.lastProblems()).isEmpty();
  }

  @Test
  void compile_deletedApi_removedFromSnapshot() {
    String a = cp.createResource(apiId, rootId, "a");
    cp.mockMethod(apiId, a, "GET", OK, "a");
    cp.deploy(apiId, "dev");
    assertThat(compiler.compile(cp.store).api(apiId)).isNotNull();

    cp.call(202, "DELETE", "/restapis/" + apiId, "");
    GatewaySnapshot s = compiler.compile(cp.store);
    assertThat(s.api(apiId)).isNull();
    assertThat(s.apis()).isEmpty();
  }

  @Test
  void compile_unchangedDeployment_reusesCompiledTree() {
    // DESIGN 4.2: compiled once per change (Envoy FilterConfig); deployments are immutable.
    String a = cp.createResource(apiId, rootId, "a");
    cp.mockMethod(apiId, a, "GET", OK, "a");
    cp.deploy(apiId, "dev");
    CompiledStage first = stage(compiler.compile(cp.store), "dev");

    cp.createResource(apiId, rootId, "live-edit-only");
    CompiledStage second = stage(compiler.compile(cp.store), "dev");

    assertThat(second.tree()).isSameAs(first.tree());
    assertThat(second.gatewayResponses()).isSameAs(first.gatewayResponses());
  }

  @Test
  void compile_twoStagesOnOneDeployment_shareTree() {
    String a = cp.createResource(apiId, rootId, "a");
    cp.mockMethod(apiId, a, "GET", OK, "a");
    String deploymentId = cp.deploy(apiId, "dev");
    cp.call(
        201,
        "POST",
        "/restapis/" + apiId + "/stages",
        "{\"stageName\":\"prod\",\"deploymentId\":\"" + deploymentId + "\"}");
    GatewaySnapshot s = compiler.compile(cp.store);
    assertThat(stage(s, "prod").tree()).isSameAs(stage(s, "dev").tree());
  }

  @Test
  void compile_newDeployment_compilesNewTree() {
    String a = cp.createResource(apiId, rootId, "a");
    cp.mockMethod(apiId, a, "GET", OK, "a");
    cp.deploy(apiId, "dev");
    CompiledStage first = stage(compiler.compile(cp.store), "dev");
    cp.deploy(apiId, "dev");
    assertThat(stage(compiler.compile(cp.store), "dev").tree()).isNotSameAs(first.tree());
  }

  @Test
  void compile_stageWithMissingDeployment_skippedAndReported() {
    String a = cp.createResource(apiId, rootId, "a");
    cp.mockMethod(apiId, a, "GET", OK, "a");
    cp.deploy(apiId, "dev");
    Stage orphan =
        new Stage(
            "ghost",
            "nosuchdep",
            null,
            null,
            false,
            null,
            null,
            null,
            null,
            null,
            false,
            null,
            0,
            0);
    cp.store.commit(
        List.of(
            Write.put(
                new DocumentKey(ControlPlaneDriver.ACCOUNT, Kinds.STAGE, apiId, "ghost"),
                Documents.write(orphan))));

    GatewaySnapshot s = compiler.compile(cp.store);
    assertThat(stage(s, "dev")).isNotNull();
    assertThat(stage(s, "ghost")).isNull();
    assertThat(compiler.lastProblems()).containsKey(apiId + "/ghost");
  }

  @Test
  void compile_customizedGatewayResponse_frozenAtDeployment() {
    // Spec 1.4: gateway responses are part of what a deployment freezes.
    String a = cp.createResource(apiId, rootId, "a");
    cp.mockMethod(apiId, a, "GET", OK, "a");
    cp.call(
        201,
        "PUT",
        "/restapis/" + apiId + "/gatewayresponses/DEFAULT_4XX",
        "{\"statusCode\":\"404\"}");
    cp.deploy(apiId, "dev");
    cp.call(
        201,
        "PUT",
        "/restapis/" + apiId + "/gatewayresponses/DEFAULT_4XX",
        "{\"statusCode\":\"410\"}");

    CompiledGatewayResponses gr = stage(compiler.compile(cp.store), "dev").gatewayResponses();
    assertThat(gr.get(dev.turnpike.model.GatewayResponseType.MISSING_AUTHENTICATION_TOKEN).status())
        .isEqualTo(404);
  }
}
