package dev.turnpike.control.apigatewayv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Ids;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.HttpIntegration;
import dev.turnpike.model.HttpRoute;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * CreateIntegration, GetIntegration(s), UpdateIntegration, DeleteIntegration for HTTP APIs: {@code
 * HTTP_PROXY} (an http(s) {@code integrationUri} and a method) and {@code AWS_PROXY} (a Lambda
 * function ARN, {@code payloadFormatVersion} 1.0 or 2.0); {@code timeoutInMillis} 50..30,000,
 * default 30,000 (botocore); parameter mappings checked for their key syntax.
 */
final class IntegrationOperations {
  static final int DEFAULT_TIMEOUT = 30_000;
  private static final Pattern REQUEST_PARAMETER =
      Pattern.compile("(append|overwrite|remove):(header\\.[^\\s]+|querystring\\.[^\\s]+|path)");
  private static final Pattern RESPONSE_PARAMETER =
      Pattern.compile("(append|overwrite|remove):(header\\.[^\\s]+|statuscode)");
  private static final Pattern STATUS = Pattern.compile("[1-5][0-9][0-9]");
  private final HttpApiRepository repo;

  IntegrationOperations(HttpApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("POST", "/v2/apis/{apiId}/integrations", this::create)
        .add("GET", "/v2/apis/{apiId}/integrations", this::list)
        .add("GET", "/v2/apis/{apiId}/integrations/{integrationId}", this::get)
        .add("PATCH", "/v2/apis/{apiId}/integrations/{integrationId}", this::update)
        .add("DELETE", "/v2/apis/{apiId}/integrations/{integrationId}", this::delete);
  }

  /** HTTP APIs keep a Lambda integration's URI as the function ARN given. */
  static String lambdaUri(String region, String target) {
    return target;
  }

  private ControlResponse create(ApiCall call) {
    String apiId = call.path("apiId");
    repo.api(call.accountId(), apiId);
    HttpIntegration in = read(call.body(), Ids.random(7), null);
    repo.commit(call.accountId(), apiId, List.of(write(call.accountId(), apiId, in)), true);
    return Bodies.json(201, in);
  }

  private ControlResponse list(ApiCall call) {
    String apiId = call.path("apiId");
    repo.api(call.accountId(), apiId);
    return Bodies.json(
        200,
        V2Page.of(
            repo.list(call.accountId(), Kinds.HTTP_INTEGRATION, apiId, HttpIntegration.class),
            call));
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(200, integration(call));
  }

  private ControlResponse update(ApiCall call) {
    HttpIntegration current = integration(call);
    String apiId = call.path("apiId");
    HttpIntegration in = read(call.body(), current.integrationId(), current);
    repo.commit(call.accountId(), apiId, List.of(write(call.accountId(), apiId, in)), true);
    return Bodies.json(200, in);
  }

  private ControlResponse delete(ApiCall call) {
    HttpIntegration in = integration(call);
    String apiId = call.path("apiId");
    for (HttpRoute r : repo.list(call.accountId(), Kinds.HTTP_ROUTE, apiId, HttpRoute.class)) {
      if (in.integrationId().equals(r.integrationId())) {
        throw ApiException.conflict(
            "Integration "
                + in.integrationId()
                + " is the target of route "
                + r.routeKey()
                + "; change or delete the route first");
      }
    }
    repo.commit(
        call.accountId(),
        apiId,
        List.of(
            Write.delete(
                HttpApiRepository.key(
                    call.accountId(), Kinds.HTTP_INTEGRATION, apiId, in.integrationId()))),
        true);
    return ControlResponse.empty(204);
  }

  private HttpIntegration integration(ApiCall call) {
    return repo.child(
        call.accountId(),
        Kinds.HTTP_INTEGRATION,
        call.path("apiId"),
        call.path("integrationId"),
        HttpIntegration.class,
        "Integration");
  }

  private static Write write(String account, String apiId, HttpIntegration in) {
    return HttpApiRepository.put(
        HttpApiRepository.key(account, Kinds.HTTP_INTEGRATION, apiId, in.integrationId()), in);
  }

  private static HttpIntegration read(
      ObjectNode body, String id, @Nullable HttpIntegration current) {
    String type =
        current == null
            ? Bodies.requiredString(body, "integrationType")
            : HttpApiOperations.orElse(
                Bodies.string(body, "integrationType"), current.integrationType());
    if (!type.equals("HTTP_PROXY") && !type.equals("AWS_PROXY")) {
      throw ApiException.badRequest(
          "Unsupported integration type "
              + type
              + " for an HTTP API: expected HTTP_PROXY or AWS_PROXY");
    }
    String uri =
        body.has("integrationUri")
            ? Bodies.string(body, "integrationUri")
            : current == null ? null : current.integrationUri();
    if (uri == null || uri.isEmpty()) {
      throw ApiException.badRequest("IntegrationUri must be specified for " + type);
    }
    String method =
        body.has("integrationMethod")
            ? Bodies.string(body, "integrationMethod")
            : current == null ? null : current.integrationMethod();
    String payload =
        body.has("payloadFormatVersion")
            ? Bodies.string(body, "payloadFormatVersion")
            : current == null ? null : current.payloadFormatVersion();
    if (type.equals("HTTP_PROXY")) {
      checkHttpUri(uri);
      if (method == null) {
        throw ApiException.badRequest("IntegrationMethod must be specified for HTTP_PROXY");
      }
      if (payload == null) {
        payload = "1.0";
      } else if (!payload.equals("1.0")) {
        throw ApiException.badRequest(
            "Invalid payloadFormatVersion " + payload + ": HTTP_PROXY integrations use 1.0");
      }
    } else {
      if (!uri.startsWith("arn:")) {
        throw ApiException.badRequest(
            "Invalid integrationUri for AWS_PROXY: expected a Lambda function ARN: " + uri);
      }
      if (method == null) {
        method = "POST";
      }
      if (payload == null) {
        throw ApiException.badRequest(
            "PayloadFormatVersion must be specified for AWS_PROXY integrations (1.0 or 2.0)");
      }
      if (!payload.equals("1.0") && !payload.equals("2.0")) {
        throw ApiException.badRequest(
            "Invalid payloadFormatVersion " + payload + ": expected 1.0 or 2.0");
      }
    }
    Integer timeout = Bodies.integer(body, "timeoutInMillis");
    int t =
        timeout != null ? timeout : current == null ? DEFAULT_TIMEOUT : current.timeoutInMillis();
    if (t < 50 || t > 30_000) {
      throw ApiException.badRequest(
          "Invalid timeoutInMillis " + t + ": expected a value between 50 and 30000");
    }
    Map<String, String> requestParameters =
        body.has("requestParameters")
            ? checkRequestParameters(Bodies.stringMap(body, "requestParameters"))
            : current == null ? null : current.requestParameters();
    Map<String, Map<String, String>> responseParameters =
        body.has("responseParameters")
            ? responseParameters(body.get("responseParameters"))
            : current == null ? null : current.responseParameters();
    return new HttpIntegration(
        id,
        type,
        uri,
        method,
        payload,
        t,
        HttpApiOperations.orElse(
            Bodies.string(body, "connectionType"),
            current == null ? "INTERNET" : current.connectionType()),
        current == null ? null : current.connectionId(),
        body.has("credentialsArn")
            ? Bodies.string(body, "credentialsArn")
            : current == null ? null : current.credentialsArn(),
        body.has("description")
            ? Bodies.string(body, "description")
            : current == null ? null : current.description(),
        null,
        requestParameters,
        responseParameters,
        current == null ? null : current.apiGatewayManaged());
  }

  private static void checkHttpUri(String uri) {
    try {
      URI u = URI.create(uri.replace("{", "%7B").replace("}", "%7D").replace("$", "%24"));
      String scheme = u.getScheme();
      if (u.getHost() == null
          || scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "Invalid integrationUri for HTTP_PROXY: expected an http or https URL: " + uri);
    }
  }

  private static @Nullable Map<String, String> checkRequestParameters(
      @Nullable Map<String, String> params) {
    if (params == null) {
      return null;
    }
    for (String k : params.keySet()) {
      if (!REQUEST_PARAMETER.matcher(k).matches()) {
        throw ApiException.badRequest(
            "Invalid mapping expression specified: "
                + k
                + " (expected append|overwrite|remove:header.{name}, :querystring.{name} or"
                + " overwrite:path)");
      }
    }
    return params;
  }

  private static @Nullable Map<String, Map<String, String>> responseParameters(
      @Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw ApiException.badRequest("Invalid value for responseParameters: expected a map");
    }
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    var fields = n.fields();
    while (fields.hasNext()) {
      var e = fields.next();
      if (!STATUS.matcher(e.getKey()).matches() || !e.getValue().isObject()) {
        throw ApiException.badRequest(
            "Invalid responseParameters key " + e.getKey() + ": expected a status code");
      }
      Map<String, String> m = new LinkedHashMap<>();
      var inner = e.getValue().fields();
      while (inner.hasNext()) {
        var p = inner.next();
        if (!RESPONSE_PARAMETER.matcher(p.getKey()).matches() || !p.getValue().isTextual()) {
          throw ApiException.badRequest("Invalid mapping expression specified: " + p.getKey());
        }
        m.put(p.getKey(), p.getValue().asText());
      }
      out.put(e.getKey(), m);
    }
    return out;
  }
}
