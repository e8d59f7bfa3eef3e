package dev.turnpike.control.apigateway;

import dev.turnpike.control.ControlContext;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.control.domain.CustomDomains;
import dev.turnpike.counters.Counters;
import dev.turnpike.counters.Ticker;
import dev.turnpike.counters.UsageSink;

/** The {@code apigateway} service: every operation group's routes in one table. */
public final class ApiGatewayService {
  private ApiGatewayService() {}

  /**
   * The store-backed sink that makes usage meters durable (wired by the runtime to its flusher).
   */
  public static UsageSink usageSink(ControlContext ctx) {
    return new SharedUsage(ctx);
  }

  public static RouteTable<Operation> routes(ControlContext ctx) {
    return routes(
        ctx,
        Counters.local(Ticker.system(), ctx.clock()),
        "localhost",
        MethodTester.NONE,
        AuthorizerTester.NONE);
  }

  /**
   * The routes, with the live usage counters that GetUsage reads and UpdateUsage adjusts, and the
   * execute-api {@code domainSuffix} for custom domains' {@code d-xxxx.execute-api...} targets, and
   * what runs {@code TestInvokeMethod}'s integrations ({@code tester}) and TestInvokeAuthorizer's
   * authorizers ({@code authorizerTester}).
   */
  public static RouteTable<Operation> routes(
      ControlContext ctx,
      Counters counters,
      String domainSuffix,
      MethodTester tester,
      AuthorizerTester authorizerTester) {
    ApiRepository repo = new ApiRepository(ctx);
    RouteTable<Operation> routes = new RouteTable<>();
    ImportOperations imports = new ImportOperations(repo);
    new RestApiOperations(repo, imports).register(routes);
    imports.register(routes);
    new ExportOperations(repo).register(routes);
    new ModelOperations(repo).register(routes);
    new RequestValidatorOperations(repo).register(routes);
    new DocumentationPartOperations(repo).register(routes);
    new AuthorizerOperations(repo, authorizerTester).register(routes);
    new ResourceOperations(repo).register(routes);
    new MethodOperations(repo).register(routes);
    new MethodResponseOperations(repo).register(routes);
    new IntegrationOperations(repo).register(routes);
    new IntegrationResponseOperations(repo).register(routes);
    new TestInvokeOperations(repo, tester).register(routes);
    new GatewayResponseOperations(repo).register(routes);
    new DeploymentOperations(repo).register(routes);
    new StageOperations(repo).register(routes);
    new TagOperations(repo).register(routes);
    UsageRepository usage = new UsageRepository(ctx);
    new ApiKeyOperations(usage).register(routes);
    new UsagePlanOperations(usage).register(routes);
    new UsagePlanKeyOperations(usage).register(routes);
    new UsageOperations(usage, counters).register(routes);
    CustomDomains customDomains = new CustomDomains(ctx, domainSuffix);
    DomainNameOperations domains = new DomainNameOperations(customDomains);
    domains.register(routes);
    new BasePathMappingOperations(domains, customDomains.mappings()).register(routes);
    return routes;
  }
}
