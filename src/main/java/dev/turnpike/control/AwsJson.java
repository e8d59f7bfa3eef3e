package dev.turnpike.control;

import dev.turnpike.model.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The AWS JSON 1.1 protocol's framing, one home for the services that speak it ({@code acm}, {@code
 * cognito-idp}, {@code logs}): operations routed by {@code X-Amz-Target} (the control plane turns
 * it into the path {@code /{prefix}{Operation}}), bodies as {@code application/x-amz-json-1.1},
 * errors as {@code {"__type": …, "message": …}} with {@code x-amzn-ErrorType}.
 */
public final class AwsJson {
  public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private AwsJson() {}

  /**
   * Routes {@code POST /{prefix}{name}} to {@code op}; an {@link ApiException} it throws becomes
   * the protocol's error.
   */
  public static void route(RouteTable<Operation> routes, String prefix, String name, Operation op) {
    routes.add(
        "POST",
        prefix + name,
        call -> {
          try {
            return op.handle(call);
          } catch (ApiException e) {
            return error(e);
          }
        });
  }

  /** A 200 with a JSON body. */
  public static ControlResponse ok(String body) {
    return new ControlResponse(
        200, Map.of("Content-Type", CONTENT_TYPE), body.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code e} in the protocol's error shape. */
  public static ControlResponse error(ApiException e) {
    String body =
        "{\"__type\":"
            + Json.quote(e.errorType())
            + ",\"message\":"
            + Json.quote(e.getMessage())
            + "}";
    return new ControlResponse(
        e.status(),
        Map.of("Content-Type", CONTENT_TYPE, "x-amzn-ErrorType", e.errorType()),
        body.getBytes(StandardCharsets.UTF_8));
  }
}
