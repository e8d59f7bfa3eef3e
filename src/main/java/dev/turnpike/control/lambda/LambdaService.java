package dev.turnpike.control.lambda;

import dev.turnpike.control.ControlContext;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.lambda.FunctionDirectory;
import dev.turnpike.lambda.LambdaInvoker;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** The {@code lambda} service (REST-JSON, API version 2015-03-31). */
public final class LambdaService {
  public static final String SERVICE = "lambda";
  private static final String FUNCTIONS = "/2015-03-31/functions";

  private LambdaService() {}

  /** The operations; {@code directory} holds each function's unpacked code. */
  public static RouteTable<Operation> routes(
      ControlContext ctx, LambdaInvoker invoker, FunctionDirectory directory) {
    StoredFunctions functions = new StoredFunctions(ctx);
    FunctionOperations ops = new FunctionOperations(ctx, functions, invoker, directory);
    InvokeOperation invoke = new InvokeOperation(functions, invoker, directory);
    PermissionOperations permissions = new PermissionOperations(ctx, functions);
    RouteTable<Operation> routes = new RouteTable<>();
    routes.add("POST", FUNCTIONS, ops::create);
    routes.add("GET", FUNCTIONS, ops::list);
    routes.add("GET", FUNCTIONS + "/", ops::list);
    routes.add("GET", FUNCTIONS + "/{FunctionName}", ops::get);
    routes.add("GET", FUNCTIONS + "/{FunctionName}/configuration", ops::getConfiguration);
    routes.add("PUT", FUNCTIONS + "/{FunctionName}/code", ops::updateCode);
    routes.add("PUT", FUNCTIONS + "/{FunctionName}/configuration", ops::updateConfiguration);
    routes.add("DELETE", FUNCTIONS + "/{FunctionName}", ops::delete);
    routes.add("POST", FUNCTIONS + "/{FunctionName}/invocations", invoke::invoke);
    routes.add("POST", FUNCTIONS + "/{FunctionName}/policy", permissions::add);
    routes.add("GET", FUNCTIONS + "/{FunctionName}/policy", permissions::get);
    routes.add("DELETE", FUNCTIONS + "/{FunctionName}/policy/{StatementId}", permissions::remove);
    return routes;
  }

  /** The IAM action of a {@code lambda} call ({@code lambda:InvokeFunction}), or null. */
  public static @Nullable String action(String method, String rawPath) {
    String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    if (!path.startsWith(FUNCTIONS)) {
      return null;
    }
    String rest = path.substring(FUNCTIONS.length());
    if (rest.isEmpty() || rest.equals("/")) {
      return method.equals("POST") ? "lambda:CreateFunction" : "lambda:ListFunctions";
    }
    if (rest.endsWith("/invocations")) {
      return "lambda:InvokeFunction";
    }
    if (rest.endsWith("/policy")) {
      return method.equals("POST") ? "lambda:AddPermission" : "lambda:GetPolicy";
    }
    if (rest.contains("/policy/")) {
      return "lambda:RemovePermission";
    }
    if (rest.endsWith("/code")) {
      return "lambda:UpdateFunctionCode";
    }
    if (rest.endsWith("/configuration")) {
      return method.equals("PUT")
          ? "lambda:UpdateFunctionConfiguration"
          : "lambda:GetFunctionConfiguration";
    }
    return method.equals("DELETE") ? "lambda:DeleteFunction" : "lambda:GetFunction";
  }

  /** The resource an action applies to: the function's ARN, or {@code *} for list. */
  public static String resource(String region, String account, String rawPath) {
    String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    String rest = path.startsWith(FUNCTIONS) ? path.substring(FUNCTIONS.length()) : "";
    String name;
    if (rest.length() > 1) {
      name = rest.substring(1).split("/", -1)[0];
    } else {
      return "*";
    }
    if (name.startsWith("arn:")) {
      return name;
    }
    return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
  }
}
