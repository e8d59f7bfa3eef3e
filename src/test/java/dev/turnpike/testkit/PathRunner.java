package dev.turnpike.testkit;

import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.RequestPath;
import dev.turnpike.pipeline.Stage;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs exchanges through the real {@link RequestPath} (its loop, its suspensions, its integration
 * call) on one shared event loop, so tests of stages and integrations exercise the code the server
 * runs instead of a copy of it.
 */
public final class PathRunner {
  /**
   * One daemon event loop for every test of the JVM: exchanges are loop-confined, as on a server.
   */
  public static final EventLoop LOOP =
      new DefaultEventLoop(
          r -> {
            Thread t = new Thread(r, "test-exchange-loop");
            t.setDaemon(true);
            return t;
          });

  private static final GatewayReply PASSED =
      GatewayReply.of(299, EmptyHttpHeaders.INSTANCE, new byte[0]);

  private PathRunner() {}

  /** The reply of {@code stages} and then the method's bound integration. */
  public static GatewayReply reply(List<Stage> stages, Exchange ex) {
    try {
      return new RequestPath(stages).run(ex, LOOP).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the request path did not answer within 10 s", e);
    }
  }

  /**
   * The refusal of {@code stages}, or null when every stage passed the exchange on (the integration
   * is not run).
   */
  public static @Nullable GatewayReply refusal(List<Stage> stages, Exchange ex) {
    List<Stage> withEnd = new ArrayList<>(stages);
    withEnd.add(e -> PASSED);
    GatewayReply r = reply(withEnd, ex);
    return r == PASSED ? null : r;
  }
}
