package dev.turnpike.control.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.lambda.FunctionDirectory;
import dev.turnpike.lambda.LambdaInvoker;
import dev.turnpike.model.LambdaFunction;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions, UpdateFunctionCode,
 * UpdateFunctionConfiguration and DeleteFunction (Invoke is {@link InvokeOperation}).
 */
final class FunctionOperations {
  static final List<String> RUNTIMES =
      List.of(
          "python3.9",
          "python3.10",
          "python3.11",
          "python3.12",
          "python3.13",
          "nodejs18.x",
          "nodejs20.x",
          "nodejs22.x",
          "java17",
          "java21",
          "provided.al2",
          "provided.al2023");
  private static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  private final ControlContext ctx;
  private final StoredFunctions functions;
  private final LambdaInvoker invoker;
  private final FunctionDirectory directory;

  FunctionOperations(
      ControlContext ctx,
      StoredFunctions functions,
      LambdaInvoker invoker,
      FunctionDirectory directory) {
    this.ctx = ctx;
    this.functions = functions;
    this.invoker = invoker;
    this.directory = directory;
  }

  ControlResponse create(ApiCall call) {
    ObjectNode b = call.body();
    String name = text(b, "FunctionName");
    if (name == null || !name.matches("[a-zA-Z0-9_-]{1,64}")) {
      throw validation(
          "1 validation error detected: Value '"
              + (name == null ? "null" : name)
              + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: [a-zA-Z0-9-_]+");
    }
    String runtime = checkRuntime(text(b, "Runtime"));
    String handler = text(b, "Handler");
    if (handler == null || handler.isEmpty()) {
      throw invalidParameter(
          "Runtime and Handler are mandatory parameters for functions created with deployment"
              + " packages.");
    }
    String role = text(b, "Role");
    if (role == null || !roleExists(call.accountId(), role)) {
      // AWS: a role Lambda cannot assume (missing, or not the caller's) is InvalidParameterValue.
      throw invalidParameter("The role defined for the function cannot be assumed by Lambda.");
    }
    int timeout = intValue(b, "Timeout", 3, 1, 900, "timeout");
    int memory = intValue(b, "MemorySize", 128, 128, 10_240, "memorySize");
    JsonNode code = b.path("Code");
    String zipText = text(code, "ZipFile");
    if (zipText == null) {
      throw invalidParameter("Please provide a source for function code.");
    }
    byte[] zip = FunctionCode.decode(zipText);
    if (functions.find(call.accountId(), name) != null) {
      throw new ApiException(409, "ResourceConflictException", "Function already exist: " + name);
    }
    String codeRevision = UUID.randomUUID().toString();
    FunctionCode.unzip(zip, directory.codeDir(name, codeRevision));
    LambdaFunction f =
        new LambdaFunction(
            name,
            runtime,
            role,
            handler,
            zip.length,
            FunctionCode.sha256(zip),
            b.path("Description").asText(""),
            timeout,
            memory,
            stringMap(b.path("Environment").path("Variables")),
            stringMap(b.path("Tags")),
            now(),
            UUID.randomUUID().toString(),
            codeRevision,
            null);
    ctx.commit(List.of(Write.create(key(call.accountId(), name), Documents.write(f))));
    return ControlResponse.json(201, configuration(call, f).toString());
  }

  /** UpdateFunctionCode: new code in a new revision directory; running instances retired. */
  ControlResponse updateCode(ApiCall call) {
    LambdaFunction f = require(call);
    ObjectNode b = call.body();
    checkRevision(b, f);
    String zipText = text(b, "ZipFile");
    if (zipText == null) {
      throw invalidParameter("Please provide a source for function code.");
    }
    byte[] zip = FunctionCode.decode(zipText);
    String codeRevision = UUID.randomUUID().toString();
    FunctionCode.unzip(zip, directory.codeDir(f.functionName(), codeRevision));
    LambdaFunction updated =
        new LambdaFunction(
            f.functionName(),
            f.runtime(),
            f.role(),
            f.handler(),
            zip.length,
            FunctionCode.sha256(zip),
            f.description(),
            f.timeout(),
            f.memorySize(),
            f.environment(),
            f.tags(),
            now(),
            UUID.randomUUID().toString(),
            codeRevision,
            f.reservedConcurrentExecutions());
    ctx.commit(
        List.of(Write.put(key(call.accountId(), f.functionName()), Documents.write(updated))));
    invoker.retire(f.functionName());
    FunctionCode.deleteTree(codeDir(f));
    return ControlResponse.json(200, configuration(call, updated).toString());
  }

  /** UpdateFunctionConfiguration: the members sent replace the stored ones; instances retired. */
  ControlResponse updateConfiguration(ApiCall call) {
    LambdaFunction f = require(call);
    ObjectNode b = call.body();
    checkRevision(b, f);
    String runtime = text(b, "Runtime");
    if (runtime != null) {
      checkRuntime(runtime);
    }
    String role = text(b, "Role");
    if (role != null && !roleExists(call.accountId(), role)) {
      throw invalidParameter("The role defined for the function cannot be assumed by Lambda.");
    }
    String handler = text(b, "Handler");
    String description = text(b, "Description");
    JsonNode env = b.path("Environment");
    LambdaFunction updated =
        new LambdaFunction(
            f.functionName(),
            runtime == null ? f.runtime() : runtime,
            role == null ? f.role() : role,
            handler == null || handler.isEmpty() ? f.handler() : handler,
            f.codeSize(),
            f.codeSha256(),
            description == null ? f.description() : description,
            intValue(b, "Timeout", f.timeout(), 1, 900, "timeout"),
            intValue(b, "MemorySize", f.memorySize(), 128, 10_240, "memorySize"),
            env.isObject() ? stringMap(env.path("Variables")) : f.environment(),
            f.tags(),
            now(),
            UUID.randomUUID().toString(),
            f.codeRevision(),
            f.reservedConcurrentExecutions());
    ctx.commit(
        List.of(Write.put(key(call.accountId(), f.functionName()), Documents.write(updated))));
    invoker.retire(f.functionName());
    return ControlResponse.json(200, configuration(call, updated).toString());
  }

  private static void checkRevision(ObjectNode b, LambdaFunction f) {
    String revision = text(b, "RevisionId");
    if (revision != null && !revision.equals(f.revisionId())) {
      // AWS: a stale RevisionId is 412 PreconditionFailedException.
      throw new ApiException(
          412,
          "PreconditionFailedException",
          "The Revision Id provided does not match the latest Revision Id. Call the"
              + " GetFunction/GetAlias API to retrieve the latest Revision Id");
    }
  }

  private String now() {
    return LAST_MODIFIED.format(Instant.ofEpochMilli(ctx.clock().millis()));
  }

  private static String checkRuntime(@Nullable String runtime) {
    if (runtime == null || !RUNTIMES.contains(runtime)) {
      throw invalidParameter(
          "Value "
              + runtime
              + " at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: "
              + RUNTIMES
              + " or be a valid ARN");
    }
    return runtime;
  }

  ControlResponse get(ApiCall call) {
    LambdaFunction f = require(call);
    ObjectNode out = Documents.MAPPER.createObjectNode();
    out.set("Configuration", configuration(call, f));
    ObjectNode code = out.putObject("Code");
    code.put("RepositoryType", "S3");
    code.put("Location", codeDir(f).toUri().toString());
    if (f.reservedConcurrentExecutions() != null) {
      out.putObject("Concurrency")
          .put("ReservedConcurrentExecutions", f.reservedConcurrentExecutions());
    }
    if (f.tags() != null && !f.tags().isEmpty()) {
      ObjectNode tags = out.putObject("Tags");
      f.tags().forEach(tags::put);
    }
    return ControlResponse.json(200, out.toString());
  }

  ControlResponse getConfiguration(ApiCall call) {
    return ControlResponse.json(200, configuration(call, require(call)).toString());
  }

  ControlResponse list(ApiCall call) {
    List<LambdaFunction> all = new ArrayList<>();
    for (Document d : ctx.store().list(call.accountId(), Kinds.LAMBDA_FUNCTION, "")) {
      all.add(Documents.read(d, LambdaFunction.class));
    }
    all.sort(Comparator.comparing(LambdaFunction::functionName));
    String marker = call.query("Marker");
    int max = 50;
    String maxItems = call.query("MaxItems");
    if (maxItems != null) {
      try {
        max = Integer.parseInt(maxItems);
      } catch (NumberFormatException e) {
        max = -1;
      }
      if (max < 1 || max > 10_000) {
        throw validation(
            "1 validation error detected: Value '"
                + maxItems
                + "' at 'maxItems' failed to satisfy constraint: Member must have value between 1"
                + " and 10000");
      }
    }
    ObjectNode out = Documents.MAPPER.createObjectNode();
    ArrayNode functions = out.putArray("Functions");
    int count = 0;
    String last = null;
    boolean more = false;
    for (LambdaFunction f : all) {
      if (marker != null && f.functionName().compareTo(marker) <= 0) {
        continue;
      }
      if (count == max) {
        more = true;
        break;
      }
      functions.add(configuration(call, f));
      last = f.functionName();
      count++;
    }
    if (more && last != null) {
      out.put("NextMarker", last);
    }
    return ControlResponse.json(200, out.toString());
  }

  ControlResponse delete(ApiCall call) {
    LambdaFunction f = require(call);
    List<Write> writes = new ArrayList<>();
    writes.add(Write.delete(key(call.accountId(), f.functionName())));
    if (ctx.store()
        .get(StoredFunctions.policyKey(call.accountId(), f.functionName()))
        .isPresent()) {
      writes.add(Write.delete(StoredFunctions.policyKey(call.accountId(), f.functionName())));
    }
    ctx.commit(writes);
    invoker.retire(f.functionName());
    FunctionCode.deleteTree(directory.root().resolve(f.functionName()));
    return ControlResponse.empty(204);
  }

  private ObjectNode configuration(ApiCall call, LambdaFunction f) {
    ObjectNode c = Documents.MAPPER.createObjectNode();
    c.put("FunctionName", f.functionName());
    c.put("FunctionArn", arn(call, f.functionName()));
    c.put("Runtime", f.runtime());
    c.put("Role", f.role());
    c.put("Handler", f.handler());
    c.put("CodeSize", f.codeSize());
    c.put("Description", f.description());
    c.put("Timeout", f.timeout());
    c.put("MemorySize", f.memorySize());
    c.put("LastModified", f.lastModified());
    c.put("CodeSha256", f.codeSha256());
    c.put("Version", "$LATEST");
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
    return c;
  }

  private boolean roleExists(String account, String roleArn) {
    String prefix = "arn:aws:iam::" + account + ":role/";
    if (!roleArn.startsWith(prefix)) {
      return false;
    }
    String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    return !name.isEmpty()
        && ctx.store().get(DocumentKey.of(account, Kinds.IAM_ROLE, name)).isPresent();
  }

  private Path codeDir(LambdaFunction f) {
    return directory.codeDir(f.functionName(), f.codeRevision());
  }

  private LambdaFunction require(ApiCall call) {
    return functions.require(call);
  }

  private static String arn(ApiCall call, String name) {
    return StoredFunctions.arn(call, name);
  }

  private static DocumentKey key(String account, String name) {
    return StoredFunctions.key(account, name);
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static int intValue(JsonNode b, String field, int dflt, int min, int max, String member) {
    JsonNode v = b.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    int n = v.asInt();
    if (n < min) {
      throw validation(
          "1 validation error detected: Value '"
              + n
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must have value greater than or equal to "
              + min);
    }
    if (n > max) {
      throw validation(
          "1 validation error detected: Value '"
              + n
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must have value less than or equal to "
              + max);
    }
    return n;
  }

  private static @Nullable Map<String, String> stringMap(JsonNode node) {
    if (!node.isObject()) {
      return null;
    }
    Map<String, String> m = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(e.getKey(), e.getValue().asText());
    }
    return m;
  }

  static ApiException invalidParameter(String message) {
    return new ApiException(400, "InvalidParameterValueException", message);
  }

  static ApiException validation(String message) {
    return new ApiException(400, "ValidationException", message);
  }

  static Set<String> runtimes() {
    return Set.copyOf(RUNTIMES);
  }
}
