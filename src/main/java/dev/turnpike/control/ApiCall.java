package dev.turnpike.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.store.Documents;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One authenticated control-plane call: who is calling (account and principal), the path parameters
 * of the matched operation, the query parameters, the request's headers and the JSON body.
 */
public final class ApiCall {
  private final String accountId;
  private final String principalArn;
  private final String region;
  private final Map<String, String> pathParams;
  private final Map<String, List<String>> query;
  private final byte[] body;
  private final Function<String, @Nullable String> headers;
  private @Nullable ObjectNode json;

  public ApiCall(
      String accountId,
      String principalArn,
      String region,
      Map<String, String> pathParams,
      Map<String, List<String>> query,
      byte[] body) {
    this(accountId, principalArn, region, pathParams, query, body, name -> null);
  }

  /**
   * With the request's headers, looked up by name (case-insensitively, as {@code ControlRequest}).
   */
  public ApiCall(
      String accountId,
      String principalArn,
      String region,
      Map<String, String> pathParams,
      Map<String, List<String>> query,
      byte[] body,
      Function<String, @Nullable String> headers) {
    this.accountId = accountId;
    this.principalArn = principalArn;
    this.region = region;
    this.pathParams = Map.copyOf(pathParams);
    this.query = Map.copyOf(query);
    this.body = body;
    this.headers = headers;
  }

  /** A request header (e.g. Lambda Invoke's {@code X-Amz-Invocation-Type}), null when absent. */
  public @Nullable String header(String name) {
    return headers.apply(name);
  }

  public String accountId() {
    return accountId;
  }

  public String principalArn() {
    return principalArn;
  }

  public String region() {
    return region;
  }

  /** A path parameter of the operation's URI template (always present when the route matched). */
  public String path(String name) {
    String v = pathParams.get(name);
    if (v == null) {
      throw new IllegalStateException("no path parameter " + name);
    }
    return v;
  }

  public @Nullable String query(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  public List<String> queryAll(String name) {
    return query.getOrDefault(name, List.of());
  }

  /**
   * The request body as sent (ImportApiKeys takes CSV; Query-protocol services decode it as a
   * form).
   */
  public byte[] rawBody() {
    return body.clone();
  }

  /**
   * The request body as a JSON object; an empty body is an empty object. Malformed JSON is a 400.
   */
  public ObjectNode body() {
    if (json == null) {
      if (body.length == 0) {
        json = JsonNodeFactory.instance.objectNode();
      } else {
        try {
          JsonNode node = Documents.MAPPER.readTree(body);
          if (node == null || node.isMissingNode()) {
            json = JsonNodeFactory.instance.objectNode();
          } else if (!(node instanceof ObjectNode o)) {
            throw ApiException.badRequest(
                "Could not parse request body into json: expected a JSON object");
          } else {
            json = o;
          }
        } catch (JsonProcessingException e) {
          throw ApiException.badRequest(
              "Could not parse request body into json: " + e.getOriginalMessage());
        } catch (IOException e) {
          throw ApiException.badRequest("Could not read request body");
        }
      }
    }
    return json;
  }
}
