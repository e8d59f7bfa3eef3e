package dev.turnpike.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.model.Authorizer;
import dev.turnpike.snapshot.CompiledAuthorizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The authorizer result cache (spec 8.1/8.3) driven by an injected clock. */
class ResultCacheTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final ResultCache cache = new ResultCache(now::get);
  private final CompiledAuthorizer token = authorizer(300);

  @Test
  void aResultIsCachedForTheTtl_thenAskedForAgain() {
    AtomicInteger calls = new AtomicInteger();
    ResultCache.Key key = new ResultCache.Key(token, "api", "prod", 0, "tok");
    assertThat(cache.get(key, () -> call(calls)).cached()).isFalse();
    now.addAndGet(299_000_000_000L);
    ResultCache.Lookup hit = cache.get(key, () -> call(calls));
    assertThat(hit.cached()).isTrue();
    assertThat(cache.ageMillis(hit.result().join())).isEqualTo(299_000);
    now.addAndGet(1_000_000_001L);
    assertThat(cache.get(key, () -> call(calls)).cached()).isFalse();
    assertThat(calls).hasValue(2);
  }

  @Test
  void anotherStageFlushCountOrDeployment_isAnotherEntry() {
    AtomicInteger calls = new AtomicInteger();
    cache.get(new ResultCache.Key(token, "api", "prod", 0, "tok"), () -> call(calls));
    cache.get(new ResultCache.Key(token, "api", "dev", 0, "tok"), () -> call(calls));
    cache.get(new ResultCache.Key(token, "api", "prod", 1, "tok"), () -> call(calls));
    cache.get(new ResultCache.Key(authorizer(300), "api", "prod", 0, "tok"), () -> call(calls));
    assertThat(calls).hasValue(4);
  }

  @Test
  void aFailedCall_isNotCached() {
    AtomicInteger calls = new AtomicInteger();
    ResultCache.Key key = new ResultCache.Key(token, "api", "prod", 0, "tok");
    CompletableFuture<AuthorizerResult> failed =
        cache
            .get(
                key,
                () -> {
                  calls.incrementAndGet();
                  return CompletableFuture.failedFuture(
                      AuthorizerFailure.configuration("boom", "Authorizer error"));
                })
            .result();
    assertThat(failed).isCompletedExceptionally();
    assertThat(cache.get(key, () -> call(calls)).cached()).isFalse();
    assertThat(calls).hasValue(2);
  }

  @Test
  void aThunderingHerdOnAColdCache_callsTheAuthorizerOncePerKey() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CompletableFuture<AuthorizerResult> slow = new CompletableFuture<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<ResultCache.Lookup>> lookups = new ArrayList<>();
    try {
      for (int i = 0; i < 64; i++) {
        String identity = "tok" + (i % 2);
        lookups.add(
            pool.submit(
                () -> {
                  start.await();
                  return cache.get(
                      new ResultCache.Key(token, "api", "prod", 0, identity),
                      () -> {
                        calls.incrementAndGet();
                        return slow;
                      });
                }));
      }
      start.countDown();
      for (Future<ResultCache.Lookup> f : lookups) {
        f.get(10, TimeUnit.SECONDS);
      }
      slow.complete(result());
      assertThat(calls).hasValue(2);
      for (Future<ResultCache.Lookup> f : lookups) {
        assertThat(f.get().result().join().principalId()).isEqualTo("p");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private CompletableFuture<AuthorizerResult> call(AtomicInteger calls) {
    calls.incrementAndGet();
    return CompletableFuture.completedFuture(result());
  }

  private AuthorizerResult result() {
    return AuthorizerResult.parse(
        ("{\"principalId\":\"p\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":\"*\"}]}}")
            .getBytes(StandardCharsets.UTF_8),
        now.get(),
        3);
  }

  static CompiledAuthorizer authorizer(int ttl) {
    return java.util.Objects.requireNonNull(
        CompiledAuthorizer.compile(
            new Authorizer(
                "abc123",
                "token",
                "TOKEN",
                null,
                "custom",
                "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                    + "arn:aws:lambda:us-east-1:123456789012:function:auth/invocations",
                null,
                "method.request.header.Authorization",
                null,
                ttl),
            new java.util.ArrayList<>()));
  }
}
