package dev.turnpike.control.cloudwatch;

import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.observe.metrics.RequestMetrics;

/** The {@code monitoring} service (CloudWatch): its operations registered in one place. */
public final class CloudWatchService {
  /** The credential scope's service name. */
  public static final String SERVICE = "monitoring";

  private CloudWatchService() {}

  public static RouteTable<Operation> routes(ControlContext ctx, RequestMetrics metrics) {
    MetricOperations ops = new MetricOperations(ctx.store(), metrics, ctx.clock());
    RouteTable<Operation> routes = new RouteTable<>();
    add(routes, "ListMetrics", ops::listMetrics);
    add(routes, "GetMetricStatistics", ops::getMetricStatistics);
    return routes;
  }

  private static void add(RouteTable<Operation> routes, String name, Operation op) {
    routes.add(
        "POST",
        JsonProtocol.PREFIX + name,
        call -> {
          try {
            return op.handle(call);
          } catch (ApiException e) {
            return JsonProtocol.error(e);
          }
        });
  }

  static ApiException invalidParameter(String message) {
    return new ApiException(400, "InvalidParameterValue", message);
  }

  static ApiException missingParameter(String message) {
    return new ApiException(400, "MissingParameter", message);
  }
}
