package dev.turnpike.control.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.model.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * CloudWatch's AWS JSON 1.0 protocol, the one botocore prefers among those CloudWatch offers (its
 * model lists Smithy RPC v2 CBOR, JSON and Query): {@code POST /} with {@code X-Amz-Target:
 * GraniteServiceVersion20100801.<Operation>} (routed as that path), timestamps as epoch seconds.
 * Errors are {@code {"__type", "message"}} with {@code x-amzn-query-error} carrying the Query
 * protocol's code, which the SDKs show (CloudWatch is {@code awsQueryCompatible}).
 */
final class JsonProtocol {
  static final String PREFIX = "/GraniteServiceVersion20100801.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  private JsonProtocol() {}

  static ObjectNode read(ApiCall call) {
    return call.rawBody().length == 0 ? JsonNodeFactory.instance.objectNode() : call.body();
  }

  static ControlResponse ok(JsonNode tree) {
    return new ControlResponse(
        200,
        Map.of("Content-Type", CONTENT_TYPE),
        tree.toString().getBytes(StandardCharsets.UTF_8));
  }

  static ControlResponse error(ApiException e) {
    String body =
        "{\"__type\":"
            + Json.quote("com.amazonaws.cloudwatch#" + e.errorType())
            + ",\"message\":"
            + Json.quote(e.getMessage())
            + "}";
    return new ControlResponse(
        e.status(),
        Map.of(
            "Content-Type",
            CONTENT_TYPE,
            "x-amzn-query-error",
            e.errorType() + ";Sender",
            "x-amzn-ErrorType",
            e.errorType()),
        body.getBytes(StandardCharsets.UTF_8));
  }
}
