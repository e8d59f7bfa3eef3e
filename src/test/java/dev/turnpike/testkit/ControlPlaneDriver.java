package dev.turnpike.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.control.apigateway.ApiGatewayService;
import dev.turnpike.store.Documents;
import dev.turnpike.store.JdbcConfigStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Configures a real embedded store through the control plane's own route table (no HTTP, no SigV4),
 * so tests of the snapshot and the request path see exactly the documents the control plane writes.
 */
public final class ControlPlaneDriver implements AutoCloseable {
  public static final String ACCOUNT = "123456789012";
  public static final String REGION = "us-east-1";

  public final JdbcConfigStore store;
  private final RouteTable<Operation> routes;

  public ControlPlaneDriver(Path dataDir) {
    store = JdbcConfigStore.embedded(dataDir);
    routes =
        ApiGatewayService.routes(
            new ControlContext(
                store,
                Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC),
                REGION,
                () -> {}));
  }

  /**
   * One call that must answer {@code expectedStatus}; returns the JSON body (empty object when
   * none).
   */
  public JsonNode call(int expectedStatus, String method, String path, String body) {
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
            Map.of(),
            body.getBytes(StandardCharsets.UTF_8));
    ControlResponse r;
    try {
      r = m.handler().handle(call);
    } catch (ApiException e) {
      r = ControlResponse.error(e);
    }
    String text = new String(r.body(), StandardCharsets.UTF_8);
    if (r.status() != expectedStatus) {
      throw new AssertionError(
          method
              + " "
              + path
              + ": expected "
              + expectedStatus
              + " but was "
              + r.status()
              + ": "
              + text);
    }
    try {
      return text.isEmpty() ? Documents.MAPPER.createObjectNode() : Documents.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * One call as the control plane answers it: an {@link ApiException} becomes its AWS answer, any
   * other exception propagates (the control plane would answer it with a 500).
   */
  public ControlResponse raw(String method, String path, String body) {
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
            Map.of(),
            body.getBytes(StandardCharsets.ISO_8859_1));
    try {
      return m.handler().handle(call);
    } catch (ApiException e) {
      return ControlResponse.error(e);
    }
  }

  /** Creates a REST API; returns {id, rootResourceId}. */
  public String[] createApi() {
    JsonNode api = call(201, "POST", "/restapis", "{\"name\":\"test\"}");
    return new String[] {api.get("id").asText(), api.get("rootResourceId").asText()};
  }

  public String createResource(String apiId, String parentId, String pathPart) {
    return call(
            201,
            "POST",
            "/restapis/" + apiId + "/resources/" + parentId,
            "{\"pathPart\":\"" + pathPart + "\"}")
        .get("id")
        .asText();
  }

  /**
   * A method with a MOCK integration whose request template is {@code requestTemplate} and whose
   * one default integration response (200) renders {@code responseTemplate}.
   */
  public void mockMethod(
      String apiId,
      String resourceId,
      String verb,
      String requestTemplate,
      String responseTemplate) {
    String m = "/restapis/" + apiId + "/resources/" + resourceId + "/methods/" + verb;
    call(201, "PUT", m, "{\"authorizationType\":\"NONE\"}");
    call(
        201,
        "PUT",
        m + "/integration",
        "{\"type\":\"MOCK\",\"requestTemplates\":{\"application/json\":"
            + Documents.write(requestTemplate)
            + "}}");
    call(201, "PUT", m + "/responses/200", "{}");
    call(
        201,
        "PUT",
        m + "/integration/responses/200",
        "{\"responseTemplates\":{\"application/json\":" + Documents.write(responseTemplate) + "}}");
  }

  /** CreateDeployment with a stage; returns the deployment id. */
  public String deploy(String apiId, String stageName) {
    return call(
            201,
            "POST",
            "/restapis/" + apiId + "/deployments",
            "{\"stageName\":\"" + stageName + "\"}")
        .get("id")
        .asText();
  }

  @Override
  public void close() {
    store.close();
  }
}
