package dev.turnpike.control.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.auth.sigv4.SigV4Verifier;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlPlane;
import dev.turnpike.control.ControlRequest;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.store.Documents;
import dev.turnpike.store.JdbcConfigStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The {@code cognito-idp} routes over a real embedded store with a clock tests move: signed calls
 * go straight to the routes (as the control plane would after SigV4), unsigned ones through a real
 * {@link ControlPlane} that knows no access key, so only its unsigned routes can answer.
 */
final class CognitoFixture implements AutoCloseable {
  static final String ACCOUNT = "123456789012";
  static final String REGION = "us-east-1";

  final JdbcConfigStore store;
  final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T12:00:00Z"));
  final ControlContext ctx;
  final RouteTable<Operation> routes;
  final ControlPlane plane;

  CognitoFixture(Path dir) {
    store = JdbcConfigStore.embedded(dir);
    ctx = new ControlContext(store, clock, REGION, () -> {});
    routes = CognitoService.routes(ctx);
    plane =
        new ControlPlane(
            new SigV4Verifier(clock, SigV4Verifier.resolverOf(Map.of())),
            Map.of(CognitoService.SERVICE, routes),
            REGION,
            (caller, service, request) -> {},
            CognitoService.unsignedRoutes(ctx));
  }

  /** A reply: status, error type (null on success) and the JSON body. */
  record Reply(int status, String errorType, JsonNode json, String text) {
    static Reply of(ControlResponse r) {
      String text = new String(r.body(), StandardCharsets.UTF_8);
      try {
        JsonNode json = Documents.MAPPER.readTree(text.isEmpty() ? "{}" : text);
        return new Reply(r.status(), r.headers().getOrDefault("x-amzn-ErrorType", ""), json, text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String message() {
      return json.path("message").asText();
    }
  }

  /** A signed call, by the account's root, after SigV4. */
  Reply call(String operation, String body) {
    RouteTable.Match<Operation> m =
        routes.match("POST", "/AWSCognitoIdentityProviderService." + operation);
    if (m == null) {
      throw new AssertionError("no route for " + operation);
    }
    return Reply.of(
        m.handler()
            .handle(
                new ApiCall(
                    ACCOUNT,
                    "arn:aws:iam::" + ACCOUNT + ":root",
                    REGION,
                    m.pathParams(),
                    Map.of(),
                    body.getBytes(StandardCharsets.UTF_8))));
  }

  /** An unsigned request through the control plane's front door, as the CLI sends it. */
  Reply unsigned(String operation, String body) {
    return Reply.of(
        plane.handle(
            new ControlRequest(
                "POST",
                "/",
                "",
                List.of(
                    Map.entry("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation),
                    Map.entry("Content-Type", "application/x-amz-json-1.1")),
                body.getBytes(StandardCharsets.UTF_8),
                "127.0.0.1")));
  }

  Reply unsignedGet(String path) {
    return Reply.of(
        plane.handle(new ControlRequest("GET", path, "", List.of(), new byte[0], "127.0.0.1")));
  }

  @Override
  public void close() {
    store.close();
  }

  /** A wall clock that moves only when told to. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
