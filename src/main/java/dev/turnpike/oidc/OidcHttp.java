package dev.turnpike.oidc;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * GETs of an issuer's discovery document and key set, as AWS bounds them: a timeout per request
 * (1,500 ms on AWS) and a size cap on the body (JWKS ≤ 150,000 bytes on AWS: limits.md). Runs on
 * the JDK {@code HttpClient} with the executor given, so its completions never run on a Netty loop.
 * Failures complete the future with an {@link OidcException} naming the URL and what failed.
 */
final class OidcHttp {
  private final HttpClient client;
  private final Duration timeout;
  private final int maxBytes;

  OidcHttp(Executor executor, Duration timeout, int maxBytes) {
    this.client =
        HttpClient.newBuilder()
            .executor(executor)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  /** The body of a 200 answer as UTF-8 text. */
  CompletableFuture<String> get(URI uri) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("User-Agent", "turnpike-jwt-authorizer")
            .GET()
            .build();
    return client
        .sendAsync(request, info -> limited(info.statusCode()))
        .handle(
            (response, error) -> {
              if (error != null) {
                throw new OidcException("GET " + uri + ": " + describe(error), error);
              }
              if (response.statusCode() != 200) {
                throw new OidcException("GET " + uri + ": HTTP " + response.statusCode());
              }
              return response.body();
            });
  }

  private BodySubscriber<String> limited(int status) {
    return new LimitedBody(maxBytes, status == 200);
  }

  private static String describe(Throwable error) {
    Throwable t = error;
    while ((t instanceof java.util.concurrent.CompletionException
            || t instanceof java.io.IOException && t.getCause() instanceof OidcException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof OidcException o) {
      return String.valueOf(o.getMessage());
    }
    if (t instanceof java.net.http.HttpTimeoutException) {
      return "timed out";
    }
    if (t instanceof java.net.ConnectException) {
      return "connection refused";
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
  }

  /**
   * Collects at most {@code limit} bytes of a 200 answer (a longer body fails the request without
   * reading on) and discards any other answer's body.
   */
  private static final class LimitedBody implements BodySubscriber<String> {
    private final int limit;
    private final boolean keep;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private Flow.@Nullable Subscription subscription;

    LimitedBody(int limit, boolean keep) {
      this.limit = limit;
      this.keep = keep;
    }

    @Override
    public CompletionStage<String> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        if (!keep) {
          b.position(b.limit());
          continue;
        }
        if (out.size() + b.remaining() > limit) {
          Flow.Subscription s = subscription;
          if (s != null) {
            s.cancel();
          }
          result.completeExceptionally(
              new OidcException("the document is larger than " + limit + " bytes"));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toString(StandardCharsets.UTF_8));
    }
  }
}
