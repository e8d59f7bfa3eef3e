package dev.turnpike.control.apigatewayv2;

import dev.turnpike.control.ControlContext;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.control.domain.CustomDomains;

/**
 * The {@code apigatewayv2} operations. botocore signs them for the service {@code apigateway} (the
 * model's {@code signingName}) on v1's endpoint, under {@code /v2/...}, so they join v1's route
 * table.
 */
public final class ApiGatewayV2Service {
  private ApiGatewayV2Service() {}

  /** Adds the v2 routes to {@code routes} (the {@code apigateway} table) and returns it. */
  public static RouteTable<Operation> register(
      RouteTable<Operation> routes, ControlContext ctx, String domainSuffix) {
    CustomDomains domains = new CustomDomains(ctx, domainSuffix);
    new V2DomainNameOperations(domains).register(routes);
    new ApiMappingOperations(domains).register(routes);
    HttpApiRepository apis = new HttpApiRepository(ctx);
    new HttpApiOperations(apis, domainSuffix).register(routes);
    new RouteOperations(apis).register(routes);
    new IntegrationOperations(apis).register(routes);
    new AuthorizerOperations(apis).register(routes);
    new StageOperations(apis).register(routes);
    new TagOperations(apis).register(routes);
    return routes;
  }
}
