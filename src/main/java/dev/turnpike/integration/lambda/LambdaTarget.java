package dev.turnpike.integration.lambda;

import org.jspecify.annotations.Nullable;

/**
 * The function a Lambda integration's URI names: {@code
 * arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations}, where
 * {@code functionArn} is {@code arn:aws:lambda:{region}:{account}:function:{name}[:{qualifier}]}
 * (after stage variables are substituted, so the name or alias may come from the stage).
 *
 * @param functionArn the function ARN with its qualifier, as the URI names it
 * @param region the function's region
 * @param accountId the function's account
 * @param name the function name
 * @param qualifier a version or alias, or null for the unqualified function
 */
public record LambdaTarget(
    String functionArn, String region, String accountId, String name, @Nullable String qualifier) {
  private static final String PATH = ":lambda:path/2015-03-31/functions/";
  private static final String INVOCATIONS = "/invocations";

  /** The target of {@code uri}, or null when it is not a Lambda invocation URI. */
  public static @Nullable LambdaTarget parse(String uri) {
    int path = uri.indexOf(PATH);
    if (!uri.startsWith("arn:aws:apigateway:") || path < 0 || !uri.endsWith(INVOCATIONS)) {
      return null;
    }
    String arn = uri.substring(path + PATH.length(), uri.length() - INVOCATIONS.length());
    String[] p = arn.split(":", -1);
    // arn:aws:lambda:{region}:{account}:function:{name}[:{qualifier}]
    if (p.length < 7
        || p.length > 8
        || !p[0].equals("arn")
        || !p[2].equals("lambda")
        || !p[5].equals("function")
        || p[3].isEmpty()
        || !p[4].matches("\\d{12}")
        || p[6].isEmpty()) {
      return null;
    }
    String qualifier = p.length == 8 && !p[7].isEmpty() ? p[7] : null;
    return new LambdaTarget(arn, p[3], p[4], p[6], qualifier);
  }

  /**
   * The ARN a permission must name: the qualified one, except for {@code $LATEST}, which the
   * unqualified function's policy governs (Lambda takes no policy for {@code $LATEST}).
   */
  public String permissionArn() {
    return "$LATEST".equals(qualifier)
        ? functionArn.substring(0, functionArn.length() - ":$LATEST".length())
        : functionArn;
  }

  /** The Lambda Invoke URL API Gateway calls, as its execution log prints it. */
  public String invokeUrl() {
    return "https://lambda."
        + region
        + ".amazonaws.com/2015-03-31/functions/"
        + functionArn
        + INVOCATIONS;
  }
}
