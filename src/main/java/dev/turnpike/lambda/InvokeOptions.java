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
 */
public record InvokeOptions(@Nullable String clientContext, @Nullable String cognitoIdentity) {
  /** Neither. */
  public static final InvokeOptions NONE = new InvokeOptions(null, null);
}
