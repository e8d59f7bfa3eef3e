package dev.turnpike.doctor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.integration.lambda.LambdaPermission;
import dev.turnpike.integration.lambda.LambdaTarget;
import dev.turnpike.lambda.FunctionConfig;
import dev.turnpike.lambda.FunctionDirectory;
import dev.turnpike.pipeline.StageVariables;
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
      LambdaTarget target =
          LambdaTarget.parse(StageVariables.substitute(in.uri(), stage.variables()));
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
          snapshot.functions().function(target.accountId(), target.name(), target.qualifier());
      String qualifier = qualifierOf(target);
      if (function == null) {
        boolean functionExists =
            snapshot.functions().function(target.accountId(), target.name()) != null;
        r.add(
            2,
            method
                + ": no "
                + (functionExists ? "version or alias " + qualifier + " of " : "function ")
                + (functionExists ? target.name() : target.functionArn())
                + " (requests get 500)",
            functionExists
                ? "aws lambda create-alias --function-name "
                    + target.name()
                    + " --name "
                    + qualifier
                    + " --function-version VERSION"
                : "aws lambda create-function --function-name " + target.name() + " …",
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
                  target.permissionArn(),
                  sourceArn,
                  stage.accountId(),
                  in.credentials(),
                  null);
      if (denied != null) {
        LambdaIndex.Function unqualified =
            snapshot.functions().function(target.accountId(), target.name());
        String unqualifiedOnly =
            qualifier != null
                    && unqualified != null
                    && LambdaPermission.check(
                            snapshot.iam(),
                            unqualified,
                            FunctionDirectory.arn(
                                target.region(), target.accountId(), target.name()),
                            sourceArn,
                            stage.accountId(),
                            in.credentials(),
                            null)
                        == null
                ? " (the permission on the unqualified function does not cover "
                    + target.name()
                    + ":"
                    + qualifier
                    + ": each version and alias has its own policy)"
                : "";
        r.add(
            2,
            method
                + ": API Gateway may not invoke "
                + target.name()
                + (qualifier == null ? "" : ":" + qualifier)
                + ": "
                + denied
                + unqualifiedOnly,
            "aws lambda add-permission --function-name "
                + target.name()
                + (qualifier == null ? "" : " --qualifier " + qualifier)
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

  /** The version or alias the integration names, or null for the function itself. */
  private static @Nullable String qualifierOf(LambdaTarget target) {
    String q = target.qualifier();
    return q == null || q.equals("$LATEST") ? null : q;
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
