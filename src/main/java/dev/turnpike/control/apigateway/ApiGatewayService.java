package dev.turnpike.control.apigateway;

import dev.turnpike.control.ControlContext;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;

/** The {@code apigateway} service: every operation group's routes in one table. */
public final class ApiGatewayService {
  private ApiGatewayService() {}

  public static RouteTable<Operation> routes(ControlContext ctx) {
    return routes(ctx, "localhost");
  }

  /** {@code domainSuffix}: the execute-api suffix, for custom domains' {@code d-xxxx.execute-api...} targets. */
  public static RouteTable<Operation> routes(ControlContext ctx, String domainSuffix) {
    ApiRepository repo = new ApiRepository(ctx);
    RouteTable<Operation> routes = new RouteTable<>();
    new RestApiOperations(repo).register(routes);
    new ResourceOperations(repo).register(routes);
    new MethodOperations(repo).register(routes);
    new MethodResponseOperations(repo).register(routes);
    new IntegrationOperations(repo).register(routes);
    new IntegrationResponseOperations(repo).register(routes);
    new GatewayResponseOperations(repo).register(routes);
    new DeploymentOperations(repo).register(routes);
    new StageOperations(repo).register(routes);
    new TagOperations(repo).register(routes);
    DomainNameOperations domains = new DomainNameOperations(repo, domainSuffix);
    domains.register(routes);
    new BasePathMappingOperations(repo, domains).register(routes);
    return routes;
  }
}
