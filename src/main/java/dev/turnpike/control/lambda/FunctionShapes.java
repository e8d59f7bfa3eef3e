package dev.turnpike.control.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.model.LambdaAlias;
import dev.turnpike.model.LambdaFunction;
import dev.turnpike.store.Documents;
import java.util.Map;

/**
 * The wire shapes of Lambda's answers that several operations return: {@code FunctionConfiguration}
 * (of {@code $LATEST} or of a published version, whose {@code FunctionArn} carries its number) and
 * {@code AliasConfiguration}.
 */
final class FunctionShapes {
  private FunctionShapes() {}

  static ObjectNode configuration(ApiCall call, LambdaFunction f) {
    return configuration(call, f, false);
  }

  /**
   * @param qualifyLatest whether {@code $LATEST}'s ARN carries {@code :$LATEST}, as
   *     ListVersionsByFunction writes it
   */
  static ObjectNode configuration(ApiCall call, LambdaFunction f, boolean qualifyLatest) {
    ObjectNode c = Documents.MAPPER.createObjectNode();
    String arn = StoredFunctions.arn(call, f.functionName());
    c.put("FunctionName", f.functionName());
    c.put("FunctionArn", f.version() != null || qualifyLatest ? arn + ":" + f.versionName() : arn);
    c.put("Runtime", f.runtime());
    c.put("Role", f.role());
    c.put("Handler", f.handler());
    c.put("CodeSize", f.codeSize());
    c.put("Description", f.description());
    c.put("Timeout", f.timeout());
    c.put("MemorySize", f.memorySize());
    c.put("LastModified", f.lastModified());
    c.put("CodeSha256", f.codeSha256());
    c.put("Version", f.versionName());
    if (f.environment() != null) {
      ObjectNode vars = c.putObject("Environment").putObject("Variables");
      f.environment().forEach(vars::put);
    }
    c.putObject("TracingConfig").put("Mode", "PassThrough");
    c.put("RevisionId", f.revisionId());
    c.put("State", "Active");
    c.put("LastUpdateStatus", "Successful");
    c.put("PackageType", "Zip");
    c.putArray("Architectures").add("x86_64");
    c.putObject("EphemeralStorage").put("Size", 512);
    c.putObject("LoggingConfig")
        .put("LogFormat", "Text")
        .put("LogGroup", "/aws/lambda/" + f.functionName());
    return c;
  }

  static ObjectNode alias(ApiCall call, LambdaAlias a) {
    ObjectNode out = Documents.MAPPER.createObjectNode();
    out.put("AliasArn", StoredFunctions.arn(call, a.functionName()) + ":" + a.name());
    out.put("Name", a.name());
    out.put("FunctionVersion", a.functionVersion());
    out.put("Description", a.description());
    Map<String, Double> weights = a.additionalVersionWeights();
    if (weights != null && !weights.isEmpty()) {
      ObjectNode w = out.putObject("RoutingConfig").putObject("AdditionalVersionWeights");
      weights.forEach(w::put);
    }
    out.put("RevisionId", a.revisionId());
    return out;
  }
}
