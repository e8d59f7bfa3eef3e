package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import dev.turnpike.auth.sigv4.SigV4Request;
import dev.turnpike.auth.sigv4.SigV4Signer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Functions that stay where they are: a function tagged {@code turnpike:forward-to} with the base
 * URL of a Lambda Invoke API ({@code sam local start-lambda}, another emulator, another Turnpike,
 * or Lambda itself) is invoked there, under the same name, instead of as a local process. The
 * request is signed with the credentials of Turnpike's own environment ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}) when it has them, as an SDK would; the
 * remote's log tail lands in the local function log. Nothing here runs on an event loop.
 */
final class RemoteInvoker {
  private final HttpClient client;
  private final @Nullable SigV4Signer signer;
  private final Clock clock;

  RemoteInvoker(Executor executor, Map<String, String> environment, Clock clock) {
    this.client =
        HttpClient.newBuilder()
            .executor(executor)
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    String key = environment.get("AWS_ACCESS_KEY_ID");
    String secret = environment.get("AWS_SECRET_ACCESS_KEY");
    this.signer =
        key != null && secret != null
            ? new SigV4Signer(key, secret, environment.get("AWS_SESSION_TOKEN"))
            : null;
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Invokes {@code f} at its endpoint; completes with Lambda's answer as an {@link InvokeResult}.
   */
  CompletableFuture<InvokeResult> invoke(
      FunctionConfig f, String endpoint, byte[] payload, String requestId, FunctionLog log) {
    URI uri =
        URI.create(
            endpoint.replaceAll("/+$", "")
                + "/2015-03-31/functions/"
                + f.name()
                + (f.version().equals("$LATEST") ? "" : "%3A" + f.version())
                + "/invocations");
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Host", uri.getRawAuthority()));
    headers.add(Map.entry("Content-Type", "application/json"));
    headers.add(Map.entry("X-Amz-Invocation-Type", "RequestResponse"));
    headers.add(Map.entry("X-Amz-Log-Type", "Tail"));
    if (signer != null) {
      SigV4Request signed =
          signer.sign(
              new SigV4Request("POST", uri.getRawPath(), "", headers, payload),
              f.region(),
              "lambda",
              clock.instant());
      headers = signed.headers();
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(f.timeoutSeconds() + 10L))
            .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
    for (Map.Entry<String, String> h : headers) {
      if (!h.getKey().equalsIgnoreCase("Host")) { // the client writes Host from the URI
        b.header(h.getKey(), h.getValue());
      }
    }
    long started = System.nanoTime();
    return client
        .sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(r -> result(r, requestId, (System.nanoTime() - started) / 1e6, log, uri));
  }

  private static InvokeResult result(
      HttpResponse<byte[]> r, String requestId, double ms, FunctionLog log, URI uri) {
    String id = r.headers().firstValue("x-amzn-RequestId").orElse(requestId);
    String tail =
        r.headers()
            .firstValue("X-Amz-Log-Result")
            .map(t -> new String(Base64.getMimeDecoder().decode(t), StandardCharsets.UTF_8))
            .orElse("");
    if (!tail.isEmpty()) {
      log.append(tail.endsWith("\n") ? tail : tail + "\n");
    }
    if (r.statusCode() == 429) {
      return new InvokeResult(id, InvokeResult.Outcome.THROTTLED, r.body(), null, tail, ms, null);
    }
    if (r.statusCode() != 200) {
      throw new CompletionException(
          new IOException(
              uri
                  + " answered "
                  + r.statusCode()
                  + ": "
                  + new String(r.body(), StandardCharsets.UTF_8)));
    }
    String error = r.headers().firstValue("X-Amz-Function-Error").orElse(null);
    return new InvokeResult(
        id,
        error == null ? InvokeResult.Outcome.SUCCESS : InvokeResult.Outcome.FUNCTION_ERROR,
        r.body(),
        error,
        tail,
        ms,
        null);
  }
}
