package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.control.apigatewayv2.ApiGatewayV2Service;
import dev.turnpike.store.Documents;
import dev.turnpike.store.JdbcConfigStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A control plane over a real embedded store, driven by building {@link ApiCall}s directly (no
 * HTTP, no SigV4): the {@code apigateway} route table as the runtime builds it (v1 and the v2
 * routes signed for the same service).
 */
public final class ControlPlaneFixture implements AutoCloseable {
  public static final String ACCOUNT = "123456789012";
  public static final String REGION = "us-east-1";

  public final JdbcConfigStore store;
  public final ControlContext ctx;
  public final RouteTable<Operation> routes;

  public ControlPlaneFixture(Path dir) {
    store = JdbcConfigStore.embedded(dir);
    ctx =
        new ControlContext(
            store,
            Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC),
            REGION,
            () -> {});
    routes = ApiGatewayV2Service.register(ApiGatewayService.routes(ctx), ctx, "localhost");
  }

  /** One call: {@code path} is the raw (encoded) request path; {@code query} may repeat keys. */
  public Reply call(String method, String path, String body, Map<String, List<String>> query) {
    RouteTable.Match<Operation> m = routes.match(method, path);
    if (m == null) {
      throw new AssertionError("no route for " + method + " " + path);
    }
    ApiCall call =
        new ApiCall(
            ACCOUNT,
            "arn:aws:iam::" + ACCOUNT + ":root",
            REGION,
            m.pathParams(),
            query,
            body.getBytes(StandardCharsets.UTF_8));
    ControlResponse r;
    try {
      r = m.handler().handle(call);
    } catch (ApiException e) {
      r = ControlResponse.error(e);
    }
    return new Reply(r);
  }

  public Reply call(String method, String path, String body) {
    return call(method, path, body, Map.of());
  }

  public Reply call(String method, String path) {
    return call(method, path, "", Map.of());
  }

  /** Creates an API and returns {id, rootResourceId}. */
  public String[] newApi() {
    JsonNode api = call("POST", "/restapis", "{\"name\":\"pets\"}").ok(201);
    return new String[] {api.get("id").asText(), api.get("rootResourceId").asText()};
  }

  public String newResource(String apiId, String parentId, String pathPart) {
    return call(
            "POST",
            "/restapis/" + apiId + "/resources/" + parentId,
            "{\"pathPart\":\"" + pathPart + "\"}")
        .ok(201)
        .get("id")
        .asText();
  }

  /** GET method with a MOCK integration on {@code resourceId}. */
  public void mockMethod(String apiId, String resourceId) {
    String m = "/restapis/" + apiId + "/resources/" + resourceId + "/methods/GET";
    call("PUT", m, "{\"authorizationType\":\"NONE\"}").ok(201);
    call(
            "PUT",
            m + "/integration",
            "{\"type\":\"MOCK\",\"requestTemplates\":{\"application/json\":\"{\\\"statusCode\\\":200}\"}}")
        .ok(201);
  }

  public static String patch(String op, String path, String value) {
    return "{\"patchOperations\":[{\"op\":\""
        + op
        + "\",\"path\":\""
        + path
        + "\""
        + (value == null ? "" : ",\"value\":\"" + value + "\"")
        + "}]}";
  }

  @Override
  public void close() {
    store.close();
  }

  /** A response with its JSON body parsed. */
  public record Reply(ControlResponse response) {
    public int status() {
      return response.status();
    }

    public JsonNode json() {
      try {
        return response.body().length == 0
            ? Documents.MAPPER.createObjectNode()
            : Documents.MAPPER.readTree(response.body());
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }

    /** The body, after asserting the status. */
    public JsonNode ok(int expected) {
      if (status() != expected) {
        throw new AssertionError(
            "expected "
                + expected
                + " but was "
                + status()
                + ": "
                + new String(response.body(), StandardCharsets.UTF_8));
      }
      return json();
    }

    public String errorType() {
      return response.headers().get("x-amzn-ErrorType");
    }

    public String message() {
      return json().path("message").asText();
    }
  }
}
