package dev.turnpike.control.logs;

import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code logs} service: operations routed by {@code X-Amz-Target} (the control plane turns it
 * into the path "/Logs_20140328.{Operation}"); errors in JSON 1.1's shape, {@code {"__type": ...,
 * "message": ...}}, with CloudWatch Logs' wording.
 */
public final class LogsService {
  /** The credential scope's service name. */
  public static final String SERVICE = "logs";

  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final String PREFIX = "/Logs_20140328.";

  private LogsService() {}

  /** {@code logsDir}: {@code <data-dir>/logs}, holding {@code execution/} and {@code lambda/}. */
  public static RouteTable<Operation> routes(ControlContext ctx, Path logsDir) {
    LogOperations ops = new LogOperations(new LogGroups(ctx.store(), logsDir, ctx.region()));
    RouteTable<Operation> routes = new RouteTable<>();
    add(routes, "DescribeLogGroups", ops::describeLogGroups);
    add(routes, "DescribeLogStreams", ops::describeLogStreams);
    add(routes, "GetLogEvents", ops::getLogEvents);
    add(routes, "FilterLogEvents", ops::filterLogEvents);
    return routes;
  }

  private static void add(RouteTable<Operation> routes, String name, Operation op) {
    routes.add(
        "POST",
        PREFIX + name,
        call -> {
          try {
            return op.handle(call);
          } catch (ApiException e) {
            return error(e);
          }
        });
  }

  static ControlResponse json(String body) {
    return new ControlResponse(
        200, Map.of("Content-Type", CONTENT_TYPE), body.getBytes(StandardCharsets.UTF_8));
  }

  static ControlResponse error(ApiException e) {
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

  static ApiException invalidParameter(String message) {
    return new ApiException(400, "InvalidParameterException", message);
  }

  static ApiException groupNotFound() {
    return new ApiException(
        400, "ResourceNotFoundException", "The specified log group does not exist.");
  }

  static ApiException streamNotFound() {
    return new ApiException(
        400, "ResourceNotFoundException", "The specified log stream does not exist.");
  }
}
