package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.server.ControlPlaneEndpoint;
import dev.turnpike.store.JdbcConfigStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTest {
  @TempDir Path dir;

  static String body(ControlPlaneEndpoint.Response r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void ready_storeAnswers_200WithRevisions() {
    try (JdbcConfigStore store = JdbcConfigStore.embedded(dir)) {
      Health health = new Health(store, () -> 0);
      ControlPlaneEndpoint.Response r = health.answer("/_turnpike/health/ready");
      assertThat(r.status()).isEqualTo(200);
      assertThat(body(r)).contains("\"status\":\"READY\"").contains("\"storeRevision\":0");
    }
  }

  @Test
  void ready_storeUnreachable_503SayingWhy_whileLiveStays200() {
    JdbcConfigStore store = JdbcConfigStore.embedded(dir);
    store.close(); // an H2 store closed under it stands in for a PostgreSQL that went away
    Health health = new Health(store, () -> 7);
    ControlPlaneEndpoint.Response ready = health.answer("/_turnpike/health/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(body(ready)).contains("the configuration store is unreachable");
    assertThat(health.answer("/_turnpike/health/live").status()).isEqualTo(200);
  }
}
