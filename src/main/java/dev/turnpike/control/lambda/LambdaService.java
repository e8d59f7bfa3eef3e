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
  private static final String CONCURRENCY = "/2017-10-31/functions";
  private static final String GET_CONCURRENCY = "/2019-09-30/functions";
  private static final String ACCOUNT_SETTINGS = "/2016-08-19/account-settings";

  private LambdaService() {}

  /** The operations; {@code directory} holds each function's unpacked code. */
  public static RouteTable<Operation> routes(
      ControlContext ctx, LambdaInvoker invoker, FunctionDirectory directory) {
    StoredFunctions functions = new StoredFunctions(ctx);
    VersionOperations versions = new VersionOperations(ctx, functions);
    AliasOperations aliases = new AliasOperations(ctx, functions);
    FunctionOperations ops =
        new FunctionOperations(ctx, functions, invoker, directory, versions, aliases);
    InvokeOperation invoke = new InvokeOperation(functions, invoker, directory);
    PermissionOperations permissions = new PermissionOperations(ctx, functions);
    ConcurrencyOperations concurrency = new ConcurrencyOperations(ctx, functions, invoker);
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
    routes.add("POST", FUNCTIONS + "/{FunctionName}/versions", versions::publish);
    routes.add("GET", FUNCTIONS + "/{FunctionName}/versions", versions::list);
    routes.add("POST", FUNCTIONS + "/{FunctionName}/aliases", aliases::create);
    routes.add("GET", FUNCTIONS + "/{FunctionName}/aliases", aliases::list);
    routes.add("GET", FUNCTIONS + "/{FunctionName}/aliases/{Name}", aliases::get);
    routes.add("PUT", FUNCTIONS + "/{FunctionName}/aliases/{Name}", aliases::update);
    routes.add("DELETE", FUNCTIONS + "/{FunctionName}/aliases/{Name}", aliases::delete);
    routes.add("POST", FUNCTIONS + "/{FunctionName}/policy", permissions::add);
    routes.add("GET", FUNCTIONS + "/{FunctionName}/policy", permissions::get);
    routes.add("DELETE", FUNCTIONS + "/{FunctionName}/policy/{StatementId}", permissions::remove);
    // Concurrency and account settings live under other API versions, as botocore routes them.
    routes.add("PUT", CONCURRENCY + "/{FunctionName}/concurrency", concurrency::put);
    routes.add("DELETE", CONCURRENCY + "/{FunctionName}/concurrency", concurrency::delete);
    routes.add("GET", GET_CONCURRENCY + "/{FunctionName}/concurrency", concurrency::get);
    routes.add("GET", ACCOUNT_SETTINGS, concurrency::accountSettings);
    routes.add("GET", ACCOUNT_SETTINGS + "/", concurrency::accountSettings);
    return routes;
  }

  /** The IAM action of a {@code lambda} call ({@code lambda:InvokeFunction}), or null. */
  public static @Nullable String action(String method, String rawPath) {
    String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    if (path.startsWith(ACCOUNT_SETTINGS)) {
      return "lambda:GetAccountSettings";
    }
    if (path.endsWith("/concurrency")
        && (path.startsWith(CONCURRENCY) || path.startsWith(GET_CONCURRENCY))) {
      return switch (method) {
        case "PUT" -> "lambda:PutFunctionConcurrency";
        case "DELETE" -> "lambda:DeleteFunctionConcurrency";
        default -> "lambda:GetFunctionConcurrency";
      };
    }
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
    if (rest.endsWith("/versions")) {
      return method.equals("POST") ? "lambda:PublishVersion" : "lambda:ListVersionsByFunction";
    }
    if (rest.endsWith("/aliases")) {
      return method.equals("POST") ? "lambda:CreateAlias" : "lambda:ListAliases";
    }
    if (rest.contains("/aliases/")) {
      return switch (method) {
        case "PUT" -> "lambda:UpdateAlias";
        case "DELETE" -> "lambda:DeleteAlias";
        default -> "lambda:GetAlias";
      };
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
    String prefix =
        path.startsWith(CONCURRENCY)
            ? CONCURRENCY
            : path.startsWith(GET_CONCURRENCY) ? GET_CONCURRENCY : FUNCTIONS;
    String rest = path.startsWith(prefix) ? path.substring(prefix.length()) : "";
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
