package dev.turnpike.control.logs;

import dev.turnpike.control.ApiException;
import dev.turnpike.control.AwsJson;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import java.nio.file.Path;

/**
 * The {@code logs} service: operations routed by {@code X-Amz-Target} (the control plane turns it
 * into the path "/Logs_20140328.{Operation}"); errors in JSON 1.1's shape, {@code {"__type": ...,
 * "message": ...}}, with CloudWatch Logs' wording.
 */
public final class LogsService {
  /** The credential scope's service name. */
  public static final String SERVICE = "logs";

  private static final String PREFIX = "/Logs_20140328.";

  private LogsService() {}

  /** {@code logsDir}: {@code <data-dir>/logs}, holding {@code execution/} and {@code lambda/}. */
  public static RouteTable<Operation> routes(ControlContext ctx, Path logsDir) {
    LogOperations ops = new LogOperations(new LogGroups(ctx.store(), logsDir, ctx.region()));
    RouteTable<Operation> routes = new RouteTable<>();
    AwsJson.route(routes, PREFIX, "DescribeLogGroups", ops::describeLogGroups);
    AwsJson.route(routes, PREFIX, "DescribeLogStreams", ops::describeLogStreams);
    AwsJson.route(routes, PREFIX, "GetLogEvents", ops::getLogEvents);
    AwsJson.route(routes, PREFIX, "FilterLogEvents", ops::filterLogEvents);
    return routes;
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
