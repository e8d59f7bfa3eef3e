package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.Method;
import dev.turnpike.model.Resource;
import dev.turnpike.store.Documents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TestInvokeMethod ({@code POST /restapis/{id}/resources/{id}/methods/{verb}}): the method of the
 * API's current configuration, not a stage's deployment, run through its integration without
 * authorization, API keys or throttles, as AWS runs a test. The control thread only finds the
 * method and freezes the configuration; the {@link MethodTester} runs it, and the answer comes
 * {@link ControlResponse#deferred later}.
 *
 * <p>Shapes (botocore {@code TestInvokeMethodRequest}/{@code Response}; LocalStack's recorded
 * {@code test_invoke_test_method}): {@code {status, body, headers, multiValueHeaders, log,
 * latency}}; a missing API or resource is "Invalid Resource identifier specified", a missing method
 * "Invalid Method identifier specified" (404 NotFoundException).
 */
final class TestInvokeOperations {
  private final ApiRepository repo;
  private final MethodTester tester;

  TestInvokeOperations(ApiRepository repo, MethodTester tester) {
    this.repo = repo;
    this.tester = tester;
  }

  void register(RouteTable<Operation> routes) {
    routes.add(
        "POST", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}", this::test);
  }

  private ControlResponse test(ApiCall call) {
    ApiRepository.MethodAddress at = repo.address(call);
    Resource resource = at.resource();
    Map<String, Method> methods = resource.resourceMethods();
    if (methods == null || !methods.containsKey(at.httpMethod())) {
      throw ApiException.notFound("Invalid Method identifier specified");
    }
    ObjectNode body = call.body();
    String path = Bodies.string(body, "pathWithQueryString");
    String requestBody = Bodies.string(body, "body");
    Map<String, String> variables = Bodies.stringMap(body, "stageVariables");
    MethodTester.Request request =
        new MethodTester.Request(
            at.account(),
            repo.draft(at.account(), at.apiId()),
            resource.id(),
            at.httpMethod(),
            path == null || path.isEmpty() ? resource.path() : path,
            headers(body),
            requestBody == null ? new byte[0] : requestBody.getBytes(StandardCharsets.UTF_8),
            variables == null ? Map.of() : variables);
    return ControlResponse.deferred(tester.test(request).thenApply(TestInvokeOperations::render));
  }

  /**
   * {@code multiValueHeaders}, then {@code headers} (a single value replaces the list of the same
   * name, as the data plane's last-wins view does).
   */
  private static Map<String, List<String>> headers(ObjectNode body) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    JsonNode multi = body.get("multiValueHeaders");
    if (multi != null && !multi.isNull()) {
      if (!multi.isObject()) {
        throw ApiException.badRequest("Invalid value for multiValueHeaders: expected a map");
      }
      multi
          .fields()
          .forEachRemaining(
              e -> {
                List<String> values = new ArrayList<>();
                for (JsonNode v : e.getValue()) {
                  values.add(v.asText());
                }
                out.put(e.getKey(), values);
              });
    }
    Map<String, String> single = Bodies.stringMap(body, "headers");
    if (single != null) {
      single.forEach((k, v) -> out.put(k, List.of(v)));
    }
    return out;
  }

  private static ControlResponse render(MethodTester.Result r) {
    ObjectNode out = Documents.MAPPER.createObjectNode();
    out.put("status", r.status());
    out.put("body", new String(r.body(), StandardCharsets.UTF_8));
    ObjectNode headers = out.putObject("headers");
    ObjectNode multi = out.putObject("multiValueHeaders");
    r.headers()
        .forEach(
            (name, values) -> {
              headers.put(name, String.join(",", values));
              ArrayNode list = multi.putArray(name);
              values.forEach(list::add);
            });
    out.put("log", r.log());
    out.put("latency", r.latencyMillis());
    return ControlResponse.json(200, out.toString());
  }
}
