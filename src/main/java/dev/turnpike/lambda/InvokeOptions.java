package dev.turnpike.lambda;

import org.jspecify.annotations.Nullable;

/**
 * What an Invoke call may pass besides the payload, handed to the runtime as headers of {@code
 * /invocation/next}.
 *
 * @param clientContext the decoded {@code X-Amz-Client-Context} JSON ({@code
 *     Lambda-Runtime-Client-Context}), or null
 * @param cognitoIdentity the caller's Cognito identity JSON ({@code
 *     Lambda-Runtime-Cognito-Identity}), or null
 * @param requestId the request id to run under (an event's retries keep its first), or null for a
 *     new one
 */
public record InvokeOptions(
    @Nullable String clientContext, @Nullable String cognitoIdentity, @Nullable String requestId) {
  /** None. */
  public static final InvokeOptions NONE = new InvokeOptions(null, null, null);

  public InvokeOptions(@Nullable String clientContext, @Nullable String cognitoIdentity) {
    this(clientContext, cognitoIdentity, null);
  }

  /** These options under {@code requestId}. */
  public InvokeOptions withRequestId(String requestId) {
    return new InvokeOptions(clientContext, cognitoIdentity, requestId);
  }
}
