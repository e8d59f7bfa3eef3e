package dev.turnpike.server;

import dev.turnpike.integration.Integrations;
import dev.turnpike.observe.AccessLog;
import dev.turnpike.observe.AccessLogEntry;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.Stage;
import dev.turnpike.pipeline.TemplateInputs;
import io.netty.channel.EventLoop;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * The whole request path for one exchange: the ordered stages (synchronous, on the event loop), then the
 * integration (the one asynchronous step), then the access-log line. Shared by every connection of a listener.
 */
public final class GatewayRequestPath {
  private final List<Stage> stages;
  private final Integrations integrations;
  private final AccessLog accessLog;
  private final dev.turnpike.decision.@org.jspecify.annotations.Nullable DecisionLog decisions;
  /** Exchanges started minus finished; read only by graceful shutdown. A LongAdder: no contended cache line. */
  private final LongAdder inFlight = new LongAdder();
  /**
   * {@code $context.requestTime} of the current second: the text changes once a second, and formatting it with a
   * {@code DateTimeFormatter} for every request cost more than the rest of the access-log entry. Racy by design: a
   * stale read only formats again; the record is immutable.
   */
  private volatile SecondText requestTime = new SecondText(Long.MIN_VALUE, "");

  public GatewayRequestPath(List<Stage> stages, Integrations integrations, AccessLog accessLog) {
    this(stages, integrations, accessLog, null);
  }

  /** With decision records: one per finished exchange goes to {@code decisions}. */
  public GatewayRequestPath(List<Stage> stages, Integrations integrations, AccessLog accessLog,
      dev.turnpike.decision.@org.jspecify.annotations.Nullable DecisionLog decisions) {
    this.stages = List.copyOf(stages);
    this.integrations = integrations;
    this.accessLog = accessLog;
    this.decisions = decisions;
  }

  CompletableFuture<GatewayReply> run(Exchange ex, EventLoop loop) {
    inFlight.increment();
    try {
      for (Stage s : stages) {
        GatewayReply refusal = s.apply(ex);
        if (refusal != null) {
          return CompletableFuture.completedFuture(refusal);
        }
      }
      return integrations.invoke(ex, loop);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(InternalErrors.reply(ex, e));
    }
  }

  /** Exchanges whose reply has not been written yet. */
  public long inFlight() {
    return inFlight.sum();
  }

  /** Called once per exchange when its reply was handed to the connection (or the connection was gone). */
  void finished(Exchange ex, GatewayReply reply, long responseLength) {
    inFlight.decrement();
    if (ex.executionTrace != null) {
      ex.executionTrace.completed(ex, reply.status());
    }
    logAccess(ex, reply, responseLength);
    if (decisions != null) {
      decisions.add(dev.turnpike.pipeline.Decisions.record(ex, reply, (System.nanoTime() - ex.startNanos) / 1_000_000));
    }
  }

  private void logAccess(Exchange ex, GatewayReply reply, long responseLength) {
    long latencyMillis = (System.nanoTime() - ex.startNanos) / 1_000_000;
    accessLog.log(new AccessLogEntry(ex.requestId, ex.extendedRequestId, ex.sourceIp, ex.method,
        ex.route == null ? null : ex.route.resourcePath(), ex.rawPath, reply.status(), ex.protocol, responseLength,
        requestTime(ex.requestTimeEpochMillis),
        ex.requestTimeEpochMillis, ex.api == null ? null : ex.api.apiId(),
        ex.stage == null ? null : ex.stage.stageName(), ex.api == null ? null : ex.api.accountId(),
        ex.integrationLatencyMillis, latencyMillis, reply.errorMessage(), reply.errorType(),
        ex.stage == null ? null : ex.stage.accessLogFormat(), ex.clientCert));
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
