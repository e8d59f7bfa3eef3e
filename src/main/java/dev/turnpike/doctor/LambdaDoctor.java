package dev.turnpike.doctor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.integration.lambda.LambdaPermission;
import dev.turnpike.integration.lambda.LambdaTarget;
import dev.turnpike.lambda.FunctionConfig;
import dev.turnpike.routing.ResourceTree;
import dev.turnpike.snapshot.CompiledIntegration;
import dev.turnpike.snapshot.CompiledMethod;
import dev.turnpike.snapshot.CompiledStage;
import dev.turnpike.snapshot.GatewaySnapshot;
import dev.turnpike.snapshot.LambdaIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * {@code turnpike doctor lambda}: for every method of a stage whose integration is Lambda ({@code
 * AWS_PROXY} or {@code AWS}), the checks behind a 500/502/504 that AWS users otherwise make by
 * hand: the function exists; API Gateway may invoke it for this API, stage and method (the resource
 * policy's {@code AWS:SourceArn}, or the credentials role); the handler's code is where its runtime
 * will look; the function's timeout fits within the integration's.
 */
final class LambdaDoctor {
  private LambdaDoctor() {}

  static void check(Doctor.Report r, GatewaySnapshot snapshot, CompiledStage stage, String region) {
    ArrayNode methods = r.root.putArray("methods");
    int lambdas = 0;
    for (ResourceTree.Entry<CompiledMethod> e : stage.tree().entries()) {
      CompiledIntegration in = e.method().integration();
      if (in == null || !(in.type().equals("AWS_PROXY") || in.type().equals("AWS"))) {
        continue;
      }
      LambdaTarget target = LambdaTarget.parse(in.uri());
      if (target == null && in.type().equals("AWS")) {
        continue; // another AWS service
      }
      lambdas++;
      String method = e.httpMethod() + " " + e.resourcePath();
      ObjectNode m = methods.addObject();
      m.put("method", method).put("integrationType", in.type()).put("uri", in.uri());
      if (target == null) {
        r.add(
            2,
            method + ": the integration URI names no Lambda function: " + in.uri(),
            "aws apigateway put-integration … --uri arn:aws:apigateway:"
                + region
                + ":lambda:path/2015-03-31/functions/FUNCTION_ARN/invocations",
            "lambda-invalid-permissions");
        continue;
      }
      m.put("function", target.functionArn());
      LambdaIndex.Function function =
          snapshot.functions().function(target.accountId(), target.name());
      if (function == null || target.qualifier() != null) {
        r.add(
            2,
            method + ": no function " + target.functionArn() + " (requests get 500)",
            "aws lambda create-function --function-name " + target.name() + " …",
            "lambda-invalid-permissions");
        continue;
      }
      String sourceArn =
          LambdaPermission.sourceArn(
              region,
              stage.accountId(),
              stage.apiId(),
              stage.stageName(),
              e.httpMethod(),
              e.resourcePath());
      m.put("sourceArn", sourceArn);
      String denied =
          "arn:aws:iam::*:user/*".equals(in.credentials())
              ? null // decided per caller
              : LambdaPermission.check(
                  snapshot.iam(),
                  function,
                  target.functionArn(),
                  sourceArn,
                  stage.accountId(),
                  in.credentials(),
                  null);
      if (denied != null) {
        r.add(
            2,
            method + ": API Gateway may not invoke " + target.name() + ": " + denied,
            "aws lambda add-permission --function-name "
                + target.name()
                + " --statement-id apigateway-"
                + stage.stageName()
                + " --action lambda:InvokeFunction --principal apigateway.amazonaws.com"
                + " --source-arn '"
                + sourceArn
                + "'",
            "lambda-invalid-permissions");
      }
      FunctionConfig f = function.config();
      m.put("runtime", f.runtime()).put("timeoutSeconds", f.timeoutSeconds());
      String missing = missingCode(f);
      if (missing != null) {
        r.add(
            2,
            method + ": " + target.name() + "'s handler will not start: " + missing,
            "aws lambda update-function-code --function-name " + target.name() + " --zip-file …",
            "lambda-function-error");
      }
      if (f.timeoutSeconds() * 1000L > in.timeoutMillis()) {
        r.add(
            1,
            method
                + ": "
                + target.name()
                + " may run "
                + f.timeoutSeconds()
                + " s, the integration waits "
                + in.timeoutMillis()
                + " ms: a slow invocation is answered 504 and keeps running",
            "aws lambda update-function-configuration --function-name "
                + target.name()
                + " --timeout "
                + Math.max(1, in.timeoutMillis() / 1000),
            "integration-timeout-504");
      }
      if (f.reservedConcurrency() == 0) {
        r.add(
            2,
            method + ": " + target.name() + " has a reserved concurrency of 0 (every call is 500)",
            "aws lambda delete-function-concurrency --function-name " + target.name(),
            "lambda-throttled");
      }
    }
    r.root.put("lambdaMethods", lambdas);
  }

  /**
   * Where the runtime will look for the handler, when it is not there: {@code module.function} for
   * Python ({@code module.py} or a package) and Node ({@code module.js|mjs|cjs}), an executable
   * {@code bootstrap} for custom runtimes. Other runtimes are not checked (null).
   */
  static @Nullable String missingCode(FunctionConfig f) {
    Path dir = f.codeDir();
    if (!Files.isDirectory(dir)) {
      return "its code directory " + dir + " is gone";
    }
    String runtime = f.runtime();
    if (runtime.startsWith("provided")) {
      Path bootstrap = dir.resolve("bootstrap");
      return Files.isExecutable(bootstrap) ? null : "no executable bootstrap in the zip";
    }
    int dot = f.handler().lastIndexOf('.');
    if (dot <= 0) {
      return "the handler '" + f.handler() + "' is not module.function";
    }
    String module = f.handler().substring(0, dot);
    if (runtime.startsWith("python")) {
      String path = module.replace('.', '/');
      return Files.isRegularFile(dir.resolve(path + ".py")) || Files.isDirectory(dir.resolve(path))
          ? null
          : "no " + path + ".py in the zip";
    }
    if (runtime.startsWith("nodejs")) {
      for (String ext : new String[] {".js", ".mjs", ".cjs"}) {
        if (Files.isRegularFile(dir.resolve(module + ext))) {
          return null;
        }
      }
      return "no " + module + ".js, .mjs or .cjs in the zip";
    }
    return null;
  }
}
