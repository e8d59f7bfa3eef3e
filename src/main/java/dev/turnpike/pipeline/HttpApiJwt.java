package dev.turnpike.pipeline;

import dev.turnpike.oidc.IdentitySource;
import dev.turnpike.oidc.JwtAuthorizer;
import dev.turnpike.oidc.JwtOutcome;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The JWT step of an HTTP API route on the request path: the token read where the authorizer's
 * identity source says, {@link JwtAuthorizer#tryNow} on the event loop, and only when the issuer's
 * keys must be fetched a suspension resumed on the exchange's loop when {@link
 * JwtAuthorizer#authorize} completes (never a blocking wait). Refusals are rendered as AWS sends
 * them ({@link #refusal}).
 */
public final class HttpApiJwt {
  /** Longer than the discovery and JWKS timeouts together (1,500 ms each). */
  static final long TIMEOUT_MILLIS = 5_000;

  private HttpApiJwt() {}

  /** The identity source's value in the request, null when absent. */
  public static @Nullable String identity(Exchange ex, IdentitySource source) {
    if (source.fromHeader()) {
      return ex.headers.get(source.name());
    }
    if (ex.rawQuery.isEmpty()) {
      return null;
    }
    List<String> values =
        new QueryStringDecoder(ex.rawQuery, StandardCharsets.UTF_8, false)
            .parameters()
            .get(source.name());
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * AWS's reply to a refused token: the status, {@code {"message":"Unauthorized"}} or {@code
   * {"message":"Forbidden"}}, {@code Content-Type: application/json} and {@code www-authenticate}.
   */
  public static GatewayReply refusal(JwtOutcome.Refused r) {
    HttpHeaders headers = new DefaultHttpHeaders();
    headers.set("Content-Type", "application/json");
    headers.set("www-authenticate", r.wwwAuthenticate());
    // $context.error.message is the body's message, as for every HTTP API refusal; the detail
    // (which check failed) goes to the decision record, never to the access log.
    return new GatewayReply(
        r.status(),
        headers,
        r.body().getBytes(StandardCharsets.UTF_8),
        null,
        r.status() == 403 ? "Forbidden" : "Unauthorized");
  }

  /**
   * Runs a JWT authorizer for the exchange's route.
   *
   * @param authorized called on the event loop with the claims before the path continues
   * @param refuse renders a refusal (the caller records its cause, typically via {@link #refusal})
   * @return null to continue, a refusal, or {@link Stage#SUSPENDED}
   */
  public static @Nullable GatewayReply run(
      Exchange ex,
      JwtAuthorizer authorizer,
      List<String> routeScopes,
      BiConsumer<Exchange, JwtOutcome.Authorized> authorized,
      BiFunction<Exchange, JwtOutcome.Refused, GatewayReply> refuse) {
    String identity = identity(ex, authorizer.identitySource());
    JwtOutcome now = authorizer.tryNow(identity, routeScopes);
    if (now != null) {
      return settle(ex, now, authorized, refuse);
    }
    CompletableFuture<JwtOutcome> pending = authorizer.authorize(identity, routeScopes);
    Suspension s =
        ex.suspend(
            TIMEOUT_MILLIS,
            e ->
                refuse.apply(
                    e,
                    new JwtOutcome.Refused(
                        401,
                        "{\"message\":\"Unauthorized\"}",
                        "Bearer",
                        JwtOutcome.Reason.KEYS_UNAVAILABLE,
                        "the issuer's keys did not arrive within " + TIMEOUT_MILLIS + " ms")));
    pending.whenCompleteAsync(
        (outcome, error) -> {
          try {
            if (error != null) {
              s.fail(error);
              return;
            }
            GatewayReply reply = settle(ex, outcome, authorized, refuse);
            if (reply == null) {
              s.proceed();
            } else {
              s.refuse(reply);
            }
          } catch (RuntimeException e) {
            s.fail(e);
          }
        },
        ex.eventLoop());
    return Stage.SUSPENDED;
  }

  private static @Nullable GatewayReply settle(
      Exchange ex,
      JwtOutcome outcome,
      BiConsumer<Exchange, JwtOutcome.Authorized> authorized,
      BiFunction<Exchange, JwtOutcome.Refused, GatewayReply> refuse) {
    if (outcome instanceof JwtOutcome.Authorized a) {
      authorized.accept(ex, a);
      return null;
    }
    return refuse.apply(ex, (JwtOutcome.Refused) outcome);
  }
}
