package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.testkit.Prerequisite;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, slow and many clients: per-phase deadlines that a trickle of bytes does not extend, a
 * connection cap that refuses at once, an admin listener that still answers when the data plane is
 * full, and the start-up warning under a low open-file limit. Raw sockets, exact bytes.
 */
class ConnectionLimitsIT {
  private static final int CAP = 20;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;

  @BeforeAll
  static void start() throws Exception {
    turnpike =
        TurnpikeProcess.start(
            tmp.resolve("data"),
            "--max-connections",
            Integer.toString(CAP),
            "--header-timeout",
            "2",
            "--body-timeout",
            "3");
  }

  @AfterAll
  static void stop() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  /** A request Turnpike answers at once (403: no such API), keeping the connection open. */
  private static String request() {
    return "GET /prod/x HTTP/1.1\r\nHost: nosuchapi.execute-api.us-east-1.localhost\r\n\r\n";
  }

  /**
   * Sends {@code bytes} one at a time every {@code everyMillis} until the server closes the
   * connection; the seconds that took, or -1 when it was still open after {@code giveUp}.
   */
  private static double trickleUntilClosed(
      RawHttp c, String bytes, long everyMillis, Duration giveUp) throws IOException {
    long start = System.nanoTime();
    int i = 0;
    while (System.nanoTime() - start < giveUp.toNanos()) {
      try {
        c.send(bytes.substring(i % bytes.length(), i % bytes.length() + 1));
      } catch (IOException e) {
        return (System.nanoTime() - start) / 1e9; // broken pipe: closed
      }
      i++;
      if (c.closedByPeer(Duration.ofMillis(everyMillis))) {
        return (System.nanoTime() - start) / 1e9;
      }
    }
    return -1;
  }

  @Test
  void slowlorisHeaders_issue22_closedAtHeaderTimeoutWhateverTheTrickle() throws Exception {
    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      c.send("GET /prod/x HTTP/1.1\r\nHost: a.execute-api.us-east-1.localhost\r\n");
      // A header byte every 250 ms: before issue 22 each byte reset the only (350 s) timer.
      double closedAfter = trickleUntilClosed(c, "X-Slow: 1\r\n", 250, Duration.ofSeconds(10));
      assertThat(closedAfter).isBetween(1.0, 4.0);
    }
  }

  @Test
  void silentNewConnection_issue22_closedAtHeaderTimeout() throws Exception {
    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      long start = System.nanoTime();
      assertThat(c.closedByPeer(Duration.ofSeconds(8))).isTrue();
      assertThat((System.nanoTime() - start) / 1e9).isBetween(1.5, 4.0);
    }
  }

  @Test
  void slowlorisOnAdminListener_issue22_closedAtHeaderTimeout() throws Exception {
    try (RawHttp c = RawHttp.connect(turnpike.adminPort())) {
      c.send("GET /_turnpike/kb HTTP/1.1\r\nHost: localhost\r\n");
      double closedAfter = trickleUntilClosed(c, "X-Slow: 1\r\n", 250, Duration.ofSeconds(10));
      assertThat(closedAfter).isBetween(1.0, 4.0);
    }
    // and a prompt client on the admin listener is still served, on a kept-alive connection
    try (RawHttp c = RawHttp.connect(turnpike.adminPort())) {
      for (int i = 0; i < 2; i++) {
        c.send("GET /_turnpike/kb HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(c.read().status()).isEqualTo(200);
      }
    }
  }

  @Test
  void slowBody_issue22_closedAtBodyTimeoutWhateverTheTrickle() throws Exception {
    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      c.send(
          "POST /prod/x HTTP/1.1\r\nHost: a.execute-api.us-east-1.localhost\r\n"
              + "Content-Length: 1000\r\n\r\n");
      double closedAfter = trickleUntilClosed(c, "abcdefgh", 250, Duration.ofSeconds(12));
      assertThat(closedAfter).isBetween(2.0, 5.0);
    }
  }

  @Test
  void keepAliveBetweenRequests_issue22_notCutByHeaderTimeout() throws Exception {
    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      c.send(request());
      assertThat(c.read().status()).isEqualTo(403);
      // Quiet for longer than the header timeout: idle, not a slow head.
      assertThat(c.closedByPeer(Duration.ofSeconds(3))).isFalse();
      c.send(request());
      assertThat(c.read().status()).isEqualTo(403);
    }
  }

  @Test
  void connectionCap_issue22_refusesAtOnceAndAdminStillAnswers() throws Exception {
    List<RawHttp> held = new ArrayList<>();
    try {
      // Each held connection has had a request answered, so it is idle, not a slow head.
      for (int i = 0; i < CAP; i++) {
        RawHttp c = RawHttp.connect(turnpike.httpPort());
        held.add(c);
        c.send(request());
        assertThat(c.read().status()).as("connection %d", i).isEqualTo(403);
      }
      try (RawHttp over = RawHttp.connect(turnpike.httpPort())) {
        long start = System.nanoTime();
        assertThat(over.closedByPeer(Duration.ofSeconds(5))).isTrue();
        assertThat((System.nanoTime() - start) / 1e9).as("refused at once").isLessThan(1.0);
      }
      // The admin listener has descriptors and a cap of its own.
      HttpResponse<String> kb =
          Invoke.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + turnpike.adminPort() + "/_turnpike/kb"))
                  .timeout(Duration.ofSeconds(10))
                  .build());
      assertThat(kb.statusCode()).isEqualTo(200);
      // A freed slot is taken by the next connection.
      held.remove(0).close();
      RawHttp.Response again = null;
      for (int attempt = 0; attempt < 50 && again == null; attempt++) {
        try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
          c.send(request());
          again = c.read();
        } catch (IOException refusedStill) {
          Thread.sleep(100); // the server counts the close on its own loop
        }
      }
      assertThat(again).isNotNull();
      assertThat(again.status()).isEqualTo(403);
      assertThat(turnpike.output()).contains("holds its maximum of " + CAP + " connections");
    } finally {
      for (RawHttp c : held) {
        c.close();
      }
    }
  }

  @Test
  void lowOpenFileLimit_issue22_warnsAndLowersTheCap() throws Exception {
    // util-linux's prlimit starts the JVM under a lower open-file limit (.ci/install-deps has it).
    Prerequisite.PRLIMIT.require();
    try (TurnpikeProcess low =
        TurnpikeProcess.startWrapped(tmp.resolve("low"), List.of("prlimit", "--nofile=900:900"))) {
      String out = low.output();
      assertThat(out)
          .contains("turnpike: WARN the open-file limit is 900 (ulimit -n)")
          .contains("at most 258 connections instead of 10000");
      try (RawHttp c = RawHttp.connect(low.httpPort())) {
        c.send(request());
        assertThat(c.read().status()).isEqualTo(403);
      }
      assertThat(out.getBytes(StandardCharsets.UTF_8).length).isPositive();
    }
  }
}
