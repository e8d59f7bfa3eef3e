package dev.turnpike.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.StoreException;
import dev.turnpike.store.Write;
import dev.turnpike.template.TemplateEngine;
import dev.turnpike.testkit.ControlPlaneDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotPublisherTest {
  @TempDir Path dir;
  ControlPlaneDriver cp;
  SnapshotPublisher publisher;
  final List<Throwable> errors = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    cp = new ControlPlaneDriver(dir);
    publisher =
        new SnapshotPublisher(cp.store, new SnapshotCompiler(TemplateEngine.create()), errors::add);
  }

  @AfterEach
  void tearDown() {
    publisher.close();
    cp.close();
  }

  /** A bounded wait: polls the condition until it holds or the timeout passes. */
  private static boolean within(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(5);
    }
    return condition.getAsBoolean();
  }

  private String deployedApi() {
    String[] api = cp.createApi();
    String r = cp.createResource(api[0], api[1], "a");
    cp.mockMethod(api[0], r, "GET", "{\"statusCode\":200}", "a");
    cp.deploy(api[0], "dev");
    return api[0];
  }

  @Test
  void start_existingConfiguration_compiledSynchronously() {
    String apiId = deployedApi();
    publisher.start();
    assertThat(publisher.current().api(apiId)).isNotNull();
    assertThat(publisher.current().revision()).isEqualTo(cp.store.revision());
  }

  @Test
  void requestRebuild_afterCommit_visibleWithinOneSecond() throws InterruptedException {
    publisher.start();
    assertThat(publisher.current().apis()).isEmpty();
    String apiId = deployedApi();
    long revision = cp.store.revision();
    publisher.requestRebuild();
    assertThat(within(Duration.ofSeconds(1), () -> publisher.current().revision() == revision))
        .isTrue();
    assertThat(publisher.current().api(apiId).stage("dev")).isNotNull();
    assertThat(errors).isEmpty();
  }

  @Test
  void requestRebuild_compileFails_keepsPreviousSnapshotAndReportsError()
      throws InterruptedException {
    String apiId = deployedApi();
    publisher.start();
    GatewaySnapshot before = publisher.current();
    // An unreadable REST API document makes the whole compile throw.
    cp.store.commit(
        List.of(
            Write.put(
                DocumentKey.of(ControlPlaneDriver.ACCOUNT, Kinds.REST_API, "broken"),
                "{not json")));
    publisher.requestRebuild();

    assertThat(within(Duration.ofSeconds(1), () -> !errors.isEmpty())).isTrue();
    assertThat(errors.get(0)).isInstanceOf(StoreException.class);
    assertThat(publisher.current()).isSameAs(before);
    assertThat(publisher.current().api(apiId)).isNotNull();
  }

  @Test
  void current_beforeStart_isEmpty() {
    assertThat(publisher.current().apis()).isEmpty();
    assertThat(publisher.current().revision()).isEqualTo(-1);
  }
}
