package dev.turnpike.pipeline;

import dev.turnpike.cors.CorsRules;
import dev.turnpike.counters.Ticker;
import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionLog;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.observe.AccessLog;
import dev.turnpike.observe.AccessLogEntry;
import dev.turnpike.snapshot.CompiledHttpStage;
import dev.turnpike.snapshot.CompiledIntegration;
import io.netty.channel.EventLoop;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The whole request path for one exchange: the ordered stages, then the method's integration, then
 * the access-log line and the decision record. Shared by every connection of a listener; each
 * exchange runs on its connection's event loop from start to end.
 *
 * <p>The common path allocates nothing to run the stages: a plain loop over an array, {@code null}
 * meaning "continue". A stage that waits ({@link Stage#SUSPENDED}) makes one {@link Suspension},
 * which runs the rest of the stages and the integration when it is settled. The integration is
 * bound to the method when the deployment is compiled ({@link CompiledIntegration#binding()}); the
 * path only calls it.
 */
public final class RequestPath {
  private final Stage[] stages;

  /** The HTTP API stages, run after {@link HttpApiEntry#HANDOFF} (empty: HTTP APIs not served). */
  private final Stage[] httpApiStages;

  private final @Nullable AccessLog accessLog;
  private final @Nullable DecisionLog decisions;
  private final ExchangeObserver observer;
  private final Ticker ticker;
  private final Clock clock;

  /**
   * Exchanges started minus finished; read only by graceful shutdown. A LongAdder: no contended
   * cache line.
   */
  private final LongAdder inFlight = new LongAdder();

  /**
   * {@code $context.requestTime} of the current second: the text changes once a second, and
   * formatting it with a {@code DateTimeFormatter} for every request cost more than the rest of the
   * access-log entry. Racy by design: a stale read only formats again; the record is immutable.
   */
  private volatile SecondText requestTime = new SecondText(Long.MIN_VALUE, "");

  /**
   * With decision records ({@code decisions} non-null: one per finished exchange); latencies
   * measured on {@code ticker}, request times read from {@code clock}.
   */
  public RequestPath(
      List<Stage> stages,
      @Nullable AccessLog accessLog,
      @Nullable DecisionLog decisions,
      Ticker ticker,
      Clock clock) {
    this(stages, accessLog, decisions, ExchangeObserver.NONE, ticker, clock);
  }

  /** As above, with {@code observer} told about every finished exchange (request metrics). */
  public RequestPath(
      List<Stage> stages,
      @Nullable AccessLog accessLog,
      @Nullable DecisionLog decisions,
      ExchangeObserver observer,
      Ticker ticker,
      Clock clock) {
    this(stages, List.of(), accessLog, decisions, observer, ticker, clock);
  }

  /**
   * As above, with {@code httpApiStages} ({@link Stages#forHttpApi}) serving the exchanges that
   * {@link ResolveApiStage} hands over to HTTP APIs.
   */
  public RequestPath(
      List<Stage> stages,
      List<Stage> httpApiStages,
      @Nullable AccessLog accessLog,
      @Nullable DecisionLog decisions,
      ExchangeObserver observer,
      Ticker ticker,
      Clock clock) {
    this.stages = stages.toArray(new Stage[0]);
    this.httpApiStages = httpApiStages.toArray(new Stage[0]);
    this.accessLog = accessLog;
    this.decisions = decisions;
    this.observer = observer;
    this.ticker = ticker;
    this.clock = clock;
  }

  /**
   * Without access log and decision records, on the system's ticker and clock (tests and tools).
   */
  public RequestPath(List<Stage> stages) {
    this(stages, null, null, Ticker.system(), Clock.systemUTC());
  }

  /** The monotonic time source of latencies: an exchange's {@code startNanos} must come from it. */
  public Ticker ticker() {
    return ticker;
  }

  /**
   * The wall clock of {@code $context.requestTimeEpoch}: an exchange's {@code
   * requestTimeEpochMillis} comes from it.
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Runs {@code ex} on {@code loop}: the future completes with the reply to write (on the loop, or
   * on the thread of an integration that answered elsewhere). Never completes exceptionally: a
   * failure is a 500 reply.
   */
  public CompletableFuture<GatewayReply> run(Exchange ex, EventLoop loop) {
    inFlight.increment();
    ex.path = this;
    ex.loop = loop;
    if (!loop.inEventLoop()) {
      // The path and its suspensions are loop-confined; a caller on another thread (a test) hops
      // over first.
      CompletableFuture<GatewayReply> hopped = new CompletableFuture<>();
      loop.execute(
          () ->
              withCors(ex, runFrom(ex, 0))
                  .whenComplete(
                      (r, e) -> hopped.complete(r != null ? r : InternalErrors.reply(ex, e))));
      return hopped;
    }
    return withCors(ex, runFrom(ex, 0));
  }

  /**
   * An HTTP API exchange whose API has a {@code corsConfiguration}: its reply, when it comes, gets
   * the CORS headers ({@link HttpApiCors#finish}). Everything else (REST, HTTP APIs without CORS)
   * returns {@code reply} itself: no allocation.
   */
  private static CompletableFuture<GatewayReply> withCors(
      Exchange ex, CompletableFuture<GatewayReply> reply) {
    CompiledHttpStage stage = ex.httpStage;
    CorsRules rules = stage == null ? null : stage.cors();
    return rules == null ? reply : reply.thenApply(r -> HttpApiCors.finish(rules, ex, r));
  }

  /**
   * Runs the stages from index {@code from}, then the integration. On the exchange's event loop.
   */
  CompletableFuture<GatewayReply> runFrom(Exchange ex, int from) {
    // An exchange handed to an HTTP API runs that API's stages (a resumed one too).
    Stage[] stages = ex.httpApi == null ? this.stages : httpApiStages;
    try {
      for (int i = from; i < stages.length; i++) {
        GatewayReply reply = stages[i].apply(ex);
        if (reply == null) {
          continue;
        }
        if (reply == Stage.SUSPENDED) {
          Suspension waiting = ex.suspension;
          if (waiting == null || waiting.resumeAt >= 0) {
            throw new IllegalStateException(
                stages[i].getClass().getSimpleName()
                    + " returned SUSPENDED without Exchange.suspend");
          }
          waiting.resumeAt = i + 1;
          ex.suspension = null;
          return waiting.result;
        }
        if (ex.suspension != null) {
          throw new IllegalStateException(
              stages[i].getClass().getSimpleName()
                  + " suspended the exchange but did not return SUSPENDED");
        }
        if (reply == HttpApiEntry.HANDOFF) {
          if (httpApiStages.length == 0) {
            throw new IllegalStateException("this request path does not serve HTTP APIs");
          }
          return runFrom(ex, 0);
        }
        return CompletableFuture.completedFuture(reply);
      }
      return integrate(ex);
    } catch (RuntimeException e) {
      if (ex.suspension != null) {
        ex.suspension.cancel();
        ex.suspension = null;
      }
      return CompletableFuture.completedFuture(InternalErrors.reply(ex, e));
    }
  }

  private static CompletableFuture<GatewayReply> integrate(Exchange ex) {
    if (ex.httpApi != null) {
      return HttpApiIntegration.run(ex);
    }
    CompiledIntegration in = ex.method().integration();
    // No integration (AWS refuses to deploy that), one that could not be compiled (a broken
    // template), or a type
    // Turnpike does not serve: a 500, as AWS answers for an integration it cannot call.
    if (in == null
        || in.configurationError() != null
        || !(in.binding() instanceof Integration integration)) {
      if (ex.executionTrace != null) {
        ex.executionTrace.error(
            ex,
            "Execution failed due to configuration error: "
                + (in == null
                    ? "No integration defined for method"
                    : in.configurationError() != null
                        ? in.configurationError()
                        : "Integration type " + in.type() + " is not served"));
      }
      return CompletableFuture.completedFuture(
          GatewayResponses.refuse(
              ex,
              GatewayResponseType.API_CONFIGURATION_ERROR,
              Cause.CONFIGURATION_ERROR,
              null,
              "Internal server error",
              null));
    }
    CompletableFuture<GatewayReply> reply = integration.invoke(ex, in, ex.eventLoop());
    return ex.stage().content().compresses()
        ? reply.thenApply(r -> ResponseCompression.apply(ex, r))
        : reply;
  }

  /** Exchanges whose reply has not been written yet. */
  public long inFlight() {
    return inFlight.sum();
  }

  /**
   * Called once per exchange when its reply was handed to the connection (or the connection was
   * gone).
   */
  public void finished(Exchange ex, GatewayReply reply, long responseLength) {
    inFlight.decrement();
    if (ex.executionTrace != null) {
      ex.executionTrace.completed(ex, reply.status());
    }
    long latencyNanos = ticker.read() - ex.startNanos;
    long latencyMillis = latencyNanos / 1_000_000;
    logAccess(ex, reply, responseLength, latencyMillis);
    if (decisions != null) {
      decisions.add(Decisions.record(ex, reply, latencyMillis));
    }
    observer.finished(ex, reply, latencyNanos);
  }

  private void logAccess(Exchange ex, GatewayReply reply, long responseLength, long latencyMillis) {
    if (accessLog == null) {
      return;
    }
    accessLog.log(
        new AccessLogEntry(
            // An HTTP API's $context.requestId is its apigw-requestid (the extended id's form).
            ex.httpApi != null ? ex.extendedRequestId : ex.requestId,
            ex.extendedRequestId,
            ex.sourceIp,
            ex.method,
            ex.route != null
                ? ex.route.resourcePath()
                : ex.httpRoute != null ? ex.httpRoute.route().routeKey() : null,
            ex.rawPath,
            reply.status(),
            ex.protocol,
            responseLength,
            requestTime(ex.requestTimeEpochMillis),
            ex.requestTimeEpochMillis,
            ex.api != null ? ex.api.apiId() : ex.httpApi != null ? ex.httpApi.apiId() : null,
            ex.stage != null
                ? ex.stage.stageName()
                : ex.httpStage != null ? ex.httpStage.stageName() : null,
            ex.api != null
                ? ex.api.accountId()
                : ex.httpApi != null ? ex.httpApi.accountId() : null,
            ex.integrationLatencyMillis,
            latencyMillis,
            reply.errorMessage(),
            reply.errorType(),
            ex.stage != null
                ? ex.stage.accessLogFormat()
                : ex.httpStage != null ? ex.httpStage.accessLogFormat() : null,
            ex.clientCert,
            ex.authorizer == null ? null : ex.authorizer::value,
            ex.stage != null ? ex.stage.accessLogDestination() : null));
  }

  private String requestTime(long epochMillis) {
    long second = Math.floorDiv(epochMillis, 1000);
    SecondText t = requestTime;
    if (t.second() != second) {
      t = new SecondText(second, TemplateInputs.REQUEST_TIME.format(Instant.ofEpochSecond(second)));
      requestTime = t;
    }
    return t.text();
  }

  private record SecondText(long second, String text) {}
}
