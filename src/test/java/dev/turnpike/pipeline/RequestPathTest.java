package dev.turnpike.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.decision.Cause;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.snapshot.GatewaySnapshot;
import dev.turnpike.testkit.TestExchanges;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The request path's stage contract on a real event loop (issue 16): a stage that waits suspends
 * the exchange and the path resumes with the next stage on the same loop when the stage settles it
 * from another thread; a wait that outlasts its timeout ends with the stage's timeout reply; a
 * stage that refuses after waiting ends the exchange; the first settlement wins.
 */
class RequestPathTest {
  static final EventLoop LOOP = new DefaultEventLoop();

  /**
   * Where the "I/O" completes: a thread that is not the exchange's loop, as a Lambda or JWKS
   * client's would be.
   */
  static final ScheduledExecutorService IO = Executors.newSingleThreadScheduledExecutor();

  @AfterAll
  static void stop() {
    LOOP.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    IO.shutdownNow();
  }

  /** What each stage saw: its name and whether it ran on the exchange's loop. */
  final List<String> seen = new CopyOnWriteArrayList<>();

  Stage record(String name) {
    return ex -> {
      seen.add(name + (ex.eventLoop().inEventLoop() ? "@loop" : "@elsewhere"));
      return null;
    };
  }

  /**
   * Waits {@code delayMillis} on the I/O thread, then settles with {@code outcome} (null =
   * proceed).
   */
  Stage waiting(long delayMillis, long timeoutMillis, GatewayReplyMaker outcome) {
    return ex -> {
      Suspension s =
          ex.suspend(
              timeoutMillis,
              e ->
                  GatewayResponses.refuse(
                      e,
                      GatewayResponseType.AUTHORIZER_FAILURE,
                      Cause.OTHER_ERROR,
                      null,
                      "Authorizer timed out",
                      504));
      IO.schedule(
          () -> {
            GatewayReply r = outcome.make(ex);
            if (r == null) {
              s.proceed();
            } else {
              s.refuse(r);
            }
          },
          delayMillis,
          TimeUnit.MILLISECONDS);
      return Stage.SUSPENDED;
    };
  }

  interface GatewayReplyMaker {
    GatewayReply make(Exchange ex);
  }

  static Stage answer(String body) {
    return ex ->
        GatewayReply.of(200, new DefaultHttpHeaders(), body.getBytes(StandardCharsets.UTF_8));
  }

  static Exchange exchange() {
    return TestExchanges.of(GatewaySnapshot.empty(), "abc123", "GET", "/prod/x", "");
  }

  static GatewayReply run(List<Stage> stages, Exchange ex) throws Exception {
    CompletableFuture<GatewayReply> reply = new CompletableFuture<>();
    LOOP.execute(
        () -> new RequestPath(stages).run(ex, LOOP).whenComplete((r, e) -> reply.complete(r)));
    return reply.get(5, TimeUnit.SECONDS);
  }

  static String body(GatewayReply r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void run_stageThatWaits_resumesWithNextStageOnTheSameLoop() throws Exception {
    GatewayReply r =
        run(
            List.of(
                record("before"),
                waiting(30, 5_000, ex -> null),
                record("after"),
                answer("served")),
            exchange());
    assertThat(r.status()).isEqualTo(200);
    assertThat(body(r)).isEqualTo("served");
    assertThat(seen).containsExactly("before@loop", "after@loop");
  }

  @Test
  void run_twoStagesThatWait_bothResumeInOrder() throws Exception {
    GatewayReply r =
        run(
            List.of(
                waiting(10, 5_000, ex -> null),
                record("middle"),
                waiting(10, 5_000, ex -> null),
                record("last"),
                answer("served")),
            exchange());
    assertThat(body(r)).isEqualTo("served");
    assertThat(seen).containsExactly("middle@loop", "last@loop");
  }

  @Test
  void run_waitLongerThanTimeout_endsWithTheStagesTimeoutReplyAndSkipsTheRest() throws Exception {
    Exchange ex = exchange();
    GatewayReply r =
        run(List.of(waiting(2_000, 50, e -> null), record("after"), answer("served")), ex);
    assertThat(r.status()).isEqualTo(504);
    assertThat(body(r)).isEqualTo("{\"message\": \"Authorizer timed out\"}");
    assertThat(r.headers().get("x-amzn-ErrorType")).isEqualTo("InternalServerErrorException");
    assertThat(ex.cause).isEqualTo(Cause.OTHER_ERROR);
    assertThat(seen).isEmpty();
  }

  @Test
  void run_lateProceedAfterTimeout_isIgnored() throws Exception {
    Exchange ex = exchange();
    GatewayReply r =
        run(List.of(waiting(500, 30, e -> null), record("after"), answer("served")), ex);
    assertThat(r.status()).isEqualTo(504);
    // The stage settles 470 ms after its timeout: the path must not run the next stage for a
    // finished exchange.
    CompletableFuture<Void> later = new CompletableFuture<>();
    IO.schedule(() -> LOOP.execute(() -> later.complete(null)), 800, TimeUnit.MILLISECONDS);
    later.get(5, TimeUnit.SECONDS);
    assertThat(seen).isEmpty();
  }

  @Test
  void run_stageRefusesAfterWaiting_endsWithItsRefusalAndRecordsTheCause() throws Exception {
    Exchange ex = exchange();
    GatewayReply r =
        run(
            List.of(
                waiting(
                    20,
                    5_000,
                    e ->
                        GatewayResponses.refuse(
                            e, GatewayResponseType.UNAUTHORIZED, Cause.OTHER_ERROR, null)),
                record("after"),
                answer("served")),
            ex);
    assertThat(r.status()).isEqualTo(401);
    assertThat(body(r)).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(ex.cause).isEqualTo(Cause.OTHER_ERROR);
    assertThat(seen).isEmpty();
  }

  @Test
  void run_stageSettlesBeforeReturning_isNotReentered() throws Exception {
    Stage settlesAtOnce =
        ex -> {
          ex.suspend(5_000, e -> answer("timeout").apply(e)).proceed();
          seen.add("returning");
          return Stage.SUSPENDED;
        };
    GatewayReply r = run(List.of(settlesAtOnce, record("after"), answer("served")), exchange());
    assertThat(body(r)).isEqualTo("served");
    assertThat(seen).containsExactly("returning", "after@loop");
  }

  @Test
  void run_suspendedWithoutSuspend_answers500InAwsShape() throws Exception {
    GatewayReply r = run(List.of(ex -> Stage.SUSPENDED, answer("served")), exchange());
    assertThat(r.status()).isEqualTo(500);
    assertThat(body(r)).isEqualTo("{\"message\": \"Internal server error\"}");
  }

  @Test
  void run_syncStages_answerWithoutSuspension() throws Exception {
    Exchange ex = exchange();
    GatewayReply r = run(List.of(record("a"), record("b"), answer("served")), ex);
    assertThat(body(r)).isEqualTo("served");
    assertThat(seen).containsExactly("a@loop", "b@loop");
    assertThat(ex.suspension).isNull();
  }
}
