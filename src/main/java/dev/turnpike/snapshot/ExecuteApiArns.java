package dev.turnpike.snapshot;

import java.util.function.UnaryOperator;

/**
 * API Gateway's resource-policy shorthand: {@code execute-api:/stage/VERB/path} → the API's full
 * ARN.
 */
public final class ExecuteApiArns {
  private ExecuteApiArns() {}

  public static UnaryOperator<String> shorthand(String region, String accountId, String apiId) {
    return r ->
        r.startsWith("execute-api:/")
            ? "arn:aws:execute-api:"
                + region
                + ":"
                + accountId
                + ":"
                + apiId
                + r.substring("execute-api:".length())
            : r;
  }
}
