package dev.turnpike.integration;

import dev.turnpike.pipeline.Exchange;
import dev.turnpike.routing.ResourceTree;
import dev.turnpike.routing.RouteMatch;
import dev.turnpike.snapshot.CompiledGatewayResponses;
import dev.turnpike.snapshot.CompiledIntegration;
import dev.turnpike.snapshot.CompiledIntegrationResponse;
import dev.turnpike.snapshot.CompiledMethod;
import dev.turnpike.snapshot.CompiledStage;
import dev.turnpike.snapshot.GatewaySnapshot;
import dev.turnpike.template.CompiledTemplate;
import dev.turnpike.template.TemplateEngine;
import dev.turnpike.template.TemplateException;
import dev.turnpike.testkit.TestExchanges;
import java.util.List;
import java.util.Map;

/** Hand-built compiled integrations and routed exchanges for this package's tests. */
final class IntegrationFixtures {
  static final TemplateEngine ENGINE = TemplateEngine.create();

  private IntegrationFixtures() {}

  static CompiledTemplate template(String source) {
    try {
      return ENGINE.compile("test", source);
    } catch (TemplateException e) {
      throw new AssertionError(e);
    }
  }

  static CompiledIntegration integration(
      String type,
      String uri,
      String passthrough,
      Map<String, String> requestParameters,
      Map<String, CompiledTemplate> requestTemplates,
      List<CompiledIntegrationResponse> responses) {
    return new CompiledIntegration(
        type,
        "GET",
        uri,
        29_000,
        passthrough,
        requestParameters,
        requestTemplates,
        responses,
        null);
  }

  static CompiledIntegrationResponse defaultResponse(int status, String template) {
    return new CompiledIntegrationResponse(
        status, null, Map.of("application/json", template(template)), Map.of());
  }

  /**
   * An exchange routed to {@code integration} on resource {@code resourcePath} with the given path
   * params.
   */
  static Exchange routed(
      CompiledIntegration integration,
      String resourcePath,
      Map<String, String> pathParams,
      Map<String, String> stageVariables,
      String method,
      String pathAndQuery,
      String body,
      String... headers) {
    Exchange ex =
        TestExchanges.of(GatewaySnapshot.empty(), "abc123", method, pathAndQuery, body, headers);
    CompiledMethod m = new CompiledMethod(method, resourcePath, "NONE", false, integration);
    ex.stage =
        new CompiledStage(
            "abc123",
            "123456789012",
            "dev",
            "dep1",
            false,
            stageVariables,
            ResourceTree.compile(List.of(), r -> Map.of()),
            CompiledGatewayResponses.builtIn(),
            null);
    ex.stagePath = pathAndQuery;
    ex.route = new RouteMatch<>(m, resourcePath, "res1", pathParams);
    return ex;
  }
}
