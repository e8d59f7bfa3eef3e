import dev.turnpike.lambda.FunctionConfig;
import dev.turnpike.lambda.InvokeResult;
import dev.turnpike.lambda.LocalLambdaInvoker;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The local Lambda invoker alone (no HTTP, no gateway): a warm Python function that returns a
 * constant, invoked the way the AWS_PROXY integration invokes it ({@code invokeFromEventLoop}; a
 * build without it is measured through {@code invoke}, what its integration called), one call at a
 * time with 5 ms between calls. Prints the round trip's p50/p99 and the round trip minus the
 * function's own REPORT Duration. For A/B runs against another build on the same core:
 *
 * <pre>
 * taskset -c 1 java -XX:ActiveProcessorCount=1 -cp target/turnpike.jar bench/lambda/InvokeLatency.java 2000
 * taskset -c 1 java -XX:ActiveProcessorCount=1 -cp /other/turnpike.jar bench/lambda/InvokeLatency.java 2000
 * </pre>
 */
public class InvokeLatency {
  private static final int WARMUP = 2000;

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    Path dir = Files.createTempDirectory("invoke-latency");
    Path code = Files.createDirectories(dir.resolve("code"));
    Files.writeString(
        code.resolve("app.py"),
        "def handler(event, context):\n    return {'statusCode': 200, 'body': 'x' * 99 + '\\n'}\n");
    LocalLambdaInvoker invoker =
        LocalLambdaInvoker.start(
            dir.resolve("runtime"),
            dir.resolve("logs"),
            LocalLambdaInvoker.locatePython(),
            Clock.systemUTC());
    FunctionConfig f =
        new FunctionConfig(
            "fn",
            "$LATEST",
            "python3.12",
            "app.handler",
            code,
            128,
            3,
            Map.of(),
            "arn:aws:lambda:us-east-1:123456789012:function:fn",
            "us-east-1",
            10,
            null);
    Method fromLoop = null;
    try {
      fromLoop = invoker.getClass().getMethod("invokeFromEventLoop", FunctionConfig.class, byte[].class);
    } catch (NoSuchMethodException e) {
      // an older build: its integration called invoke
    }
    byte[] payload = "{\"path\":\"/bench\",\"headers\":{}}".getBytes(StandardCharsets.UTF_8);
    long[] roundTrip = new long[n];
    long[] added = new long[n];
    for (int i = -WARMUP; i < n; i++) {
      long t0 = System.nanoTime();
      @SuppressWarnings("unchecked")
      CompletableFuture<InvokeResult> call =
          fromLoop != null
              ? (CompletableFuture<InvokeResult>) fromLoop.invoke(invoker, f, payload)
              : invoker.invoke(f, payload);
      InvokeResult r = call.join();
      long micros = (System.nanoTime() - t0) / 1000;
      if (r.outcome() != InvokeResult.Outcome.SUCCESS) {
        throw new IllegalStateException(r.outcome() + ": " + r.payloadText());
      }
      if (i >= 0) {
        roundTrip[i] = micros;
        added[i] = micros - (long) (r.durationMs() * 1000);
      }
      Thread.sleep(5);
    }
    invoker.close();
    Arrays.sort(roundTrip);
    Arrays.sort(added);
    System.out.printf(
        "%s n=%d round trip p50 %d us p99 %d us; minus REPORT Duration p50 %d us p99 %d us%n",
        fromLoop != null ? "invokeFromEventLoop" : "invoke",
        n,
        roundTrip[n / 2],
        roundTrip[n * 99 / 100],
        added[n / 2],
        added[n * 99 / 100]);
  }
}
