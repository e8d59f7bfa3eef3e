package dev.turnpike.control.lambda;

import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.lambda.FunctionDirectory;
import dev.turnpike.model.LambdaFunction;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import org.jspecify.annotations.Nullable;

/**
 * The functions of an account as the store holds them: lookup by the {@code FunctionName} path
 * member (a name, a partial or full ARN) with Lambda's 404, and their keys and ARNs. Shared by the
 * function, invoke and permission operations.
 */
final class StoredFunctions {
  private final ControlContext ctx;

  StoredFunctions(ControlContext ctx) {
    this.ctx = ctx;
  }

  /** The function the call names, or Lambda's 404 {@code Function not found: {arn}}. */
  LambdaFunction require(ApiCall call) {
    String name = functionName(call.path("FunctionName"));
    LambdaFunction f = find(call.accountId(), name);
    if (f == null) {
      throw new ApiException(
          404, "ResourceNotFoundException", "Function not found: " + arn(call, name));
    }
    return f;
  }

  @Nullable LambdaFunction find(String account, String name) {
    return ctx.store()
        .get(key(account, name))
        .map(d -> Documents.read(d, LambdaFunction.class))
        .orElse(null);
  }

  /** A name, or a function ARN ({@code arn:aws:lambda:r:a:function:name[:qualifier]}): its name. */
  static String functionName(String nameOrArn) {
    if (nameOrArn.startsWith("arn:")) {
      String[] parts = nameOrArn.split(":", -1);
      if (parts.length >= 7) {
        return parts[6];
      }
    }
    int colon = nameOrArn.indexOf(":function:");
    if (colon >= 0) { // {account}:function:{name}
      String rest = nameOrArn.substring(colon + ":function:".length());
      int q = rest.indexOf(':');
      return q < 0 ? rest : rest.substring(0, q);
    }
    return nameOrArn;
  }

  static String arn(ApiCall call, String name) {
    return FunctionDirectory.arn(call.region(), call.accountId(), name);
  }

  static DocumentKey key(String account, String name) {
    return DocumentKey.of(account, Kinds.LAMBDA_FUNCTION, name);
  }

  static DocumentKey policyKey(String account, String name) {
    return DocumentKey.of(account, Kinds.LAMBDA_POLICY, name);
  }
}
