package dev.turnpike.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.store.DocumentSealer;
import dev.turnpike.store.JdbcConfigStore;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.StoreLocation;
import dev.turnpike.store.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Nodes of a cluster starting at the same moment (a Kubernetes Deployment's pods) on one real
 * PostgreSQL database all ensure the {@code default} account: one account, one administrator.
 */
class AccountsClusterTest {
  @Test
  void fourNodesEnsureDefaultAtOnce_oneAccount() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      List<JdbcConfigStore> stores = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        stores.add(JdbcConfigStore.shared(StoreLocation.parse(db.uri()), DocumentSealer.NONE));
      }
      ExecutorService pool = Executors.newFixedThreadPool(stores.size());
      CountDownLatch go = new CountDownLatch(1);
      try {
        List<Future<Accounts.AdminCredentials>> started = new ArrayList<>();
        for (JdbcConfigStore s : stores) {
          started.add(
              pool.submit(
                  () -> {
                    go.await();
                    return new Accounts(s, Clock.systemUTC()).ensureAccount("default", null, null);
                  }));
        }
        go.countDown();
        List<Accounts.AdminCredentials> admins = new ArrayList<>();
        for (Future<Accounts.AdminCredentials> f : started) {
          admins.add(f.get());
        }
        assertThat(admins.stream().map(Accounts.AdminCredentials::accountId).distinct()).hasSize(1);
        assertThat(admins.stream().map(Accounts.AdminCredentials::accessKeyId).distinct())
            .hasSize(1);
        assertThat(stores.get(0).listKind(Kinds.ACCOUNT)).hasSize(1);
      } finally {
        pool.shutdownNow();
        for (JdbcConfigStore s : stores) {
          s.close();
        }
      }
    }
  }
}
