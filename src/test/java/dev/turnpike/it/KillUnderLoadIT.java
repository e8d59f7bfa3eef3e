package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.RestApi;

/**
 * Issue 22, durability under failure: a real {@code serve} process takes CreateRestApi calls from
 * four concurrent AWS SDK clients and is killed with SIGKILL at a random moment; after a restart on
 * the same data directory every write the SDK saw acknowledged (201) is there, and the store opened
 * without repair (the process reached "ready" and answers). {@code -Dturnpike.killRuns=20} runs the
 * full 20 rounds (docs/reliability.md); the default is bounded for the IT suite.
 */
class KillUnderLoadIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;

  @BeforeAll
  static void start() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  private static Set<String> storedNames(ApiGatewayClient sdk) {
    Set<String> names = new HashSet<>();
    for (RestApi api : sdk.getRestApisPaginator(r -> r.limit(500)).items()) {
      names.add(api.name());
    }
    return names;
  }

  @Test
  void killDashNineUnderConcurrentWrites_issue22_everyAcknowledgedWriteSurvives() throws Exception {
    int runs = Integer.getInteger("turnpike.killRuns", 3);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger refused = new AtomicInteger();
    for (int run = 0; run < runs; run++) {
      ApiGatewayClient sdk = Sdk.connect(turnpike);
      AtomicBoolean go = new AtomicBoolean(true);
      int round = run;
      Thread[] writers = new Thread[4];
      for (int w = 0; w < writers.length; w++) {
        int writer = w;
        writers[w] =
            new Thread(
                () -> {
                  for (int i = 0; go.get(); i++) {
                    String name = "r" + round + "-w" + writer + "-" + i;
                    try {
                      sdk.createRestApi(r -> r.name(name));
                      acknowledged.add(name); // only after the 201 reached the client
                    } catch (RuntimeException e) {
                      refused.incrementAndGet(); // the process died mid-call: not acknowledged
                      return;
                    }
                  }
                },
                "writer-" + w);
        writers[w].start();
      }
      Thread.sleep(300 + ThreadLocalRandom.current().nextInt(1200));
      turnpike.kill();
      go.set(false);
      for (Thread t : writers) {
        t.join(30_000);
      }
      sdk.close();
      turnpike.restart();
      ApiGatewayClient after = Sdk.connect(turnpike);
      Set<String> stored = storedNames(after);
      List<String> lost = acknowledged.stream().filter(n -> !stored.contains(n)).toList();
      assertThat(lost).as("acknowledged writes lost after kill -9 in run %d", run).isEmpty();
      after.close();
    }
    assertThat(acknowledged.size())
        .as("writes acknowledged across %d runs", runs)
        .isGreaterThan(runs);
    System.out.println(
        "KillUnderLoadIT: "
            + runs
            + " kill -9 runs, "
            + acknowledged.size()
            + " acknowledged writes all present, "
            + refused.get()
            + " calls cut by the kill");
  }
}
