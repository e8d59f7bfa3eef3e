package dev.turnpike.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.lambda.InvokeResult.Outcome;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Runtime API on a loop it shares with its caller (what {@code serve} does with a gateway
 * loop): a real Python function invoked from that loop answers on it (no hand-off either way), its
 * lines stay in order, and stopping the invoker before the loop leaves nothing running.
 */
class SharedLoopInvokerTest {
  @TempDir Path dir;

  @Test
  void invokeFromTheSharedLoop_answersOnThatLoop_linesInOrder() throws Exception {
    Path code = Files.createDirectories(dir.resolve("code"));
    Files.writeString(
        code.resolve("app.py"),
        "def handler(event, context):\n"
            + "    print('hello from ' + context.aws_request_id)\n"
            + "    return {'n': event['n']}\n");
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoop loop = group.next();
    LocalLambdaInvoker invoker =
        LocalLambdaInvoker.start(
            dir.resolve("runtime"),
            dir.resolve("logs"),
            LocalLambdaInvoker.locatePython(),
            Clock.systemUTC(),
            EventRetries.AWS,
            line -> {},
            loop,
            NioServerSocketChannel.class);
    try {
      FunctionConfig f =
          new FunctionConfig(
              "shared",
              "$LATEST",
              "python3.12",
              "app.handler",
              code,
              128,
              3,
              Map.of(),
              "arn:aws:lambda:us-east-1:123456789012:function:shared",
              "us-east-1",
              1,
              new FunctionConfig.Credentials("ASIAEXAMPLE", "secret", "token"));
      assertThat(invoker.invoke(f, "{\"n\":0}".getBytes(StandardCharsets.UTF_8)).join().outcome())
          .isEqualTo(Outcome.SUCCESS); // the cold start, on an invoker thread
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        byte[] event = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Boolean> onLoop = new CompletableFuture<>();
        CompletableFuture<InvokeResult> result =
            loop.submit( // the answer needs the loop, so it cannot complete before this task ends
                    () ->
                        invoker
                            .invokeFromEventLoop(f, event)
                            .whenComplete((r, e) -> onLoop.complete(loop.inEventLoop())))
                .get(5, TimeUnit.SECONDS);
        InvokeResult r = result.get(10, TimeUnit.SECONDS);
        assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"n\": " + i + "}");
        assertThat(onLoop.get(5, TimeUnit.SECONDS)).as("completed on the shared loop").isTrue();
        ids.add(r.requestId());
      }
      InvokeResult last = invoker.invoke(f, "{\"n\":11}".getBytes(StandardCharsets.UTF_8)).join();
      assertThat(last.logTail()).startsWith("START RequestId: " + last.requestId());
      String log = Files.readString(dir.resolve("logs/shared.log"));
      for (String id : ids) {
        assertThat(log)
            .contains(
                "START RequestId: "
                    + id
                    + " Version: $LATEST\nhello from "
                    + id
                    + "\nEND RequestId: "
                    + id
                    + "\nREPORT RequestId: "
                    + id);
      }
    } finally {
      invoker.close(); // before the loop, as serve stops them
      assertThat(group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS))
          .isTrue();
    }
  }

  @Test
  void vmHwm_isReadFromTheStatusText() {
    byte[] status =
        ("Name:\tpython3\nVmPeak:\t  30000 kB\nVmHWM:\t   15872 kB\nVmRSS:\t  15000 kB\n")
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(FunctionInstance.vmHwmMb(status)).isEqualTo(15);
    assertThat(FunctionInstance.vmHwmMb("VmHWM:\t 100 kB\n".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(1); // at least 1 MB, as Lambda reports
    assertThat(FunctionInstance.vmHwmMb("Name:\tx\n".getBytes(StandardCharsets.US_ASCII))).isZero();
    assertThat(FunctionInstance.vmHwmMb("XVmHWM:\t 9999 kB\n".getBytes(StandardCharsets.US_ASCII)))
        .isZero(); // only at a line's start
  }
}
