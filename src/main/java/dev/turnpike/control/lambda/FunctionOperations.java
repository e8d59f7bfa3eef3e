package dev.turnpike.control.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.lambda.FunctionConfig;
import dev.turnpike.lambda.FunctionDirectory;
import dev.turnpike.lambda.LambdaInvoker;
import dev.turnpike.model.LambdaFunction;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
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
  private final VersionOperations versions;
  private final AliasOperations aliases;

  FunctionOperations(
      ControlContext ctx,
      StoredFunctions functions,
      LambdaInvoker invoker,
      FunctionDirectory directory,
      VersionOperations versions,
      AliasOperations aliases) {
    this.ctx = ctx;
    this.functions = functions;
    this.invoker = invoker;
    this.directory = directory;
    this.versions = versions;
    this.aliases = aliases;
  }

  ControlResponse create(ApiCall call) {
    ObjectNode b = call.body();
    String name = LambdaInputs.text(b, "FunctionName");
    if (name == null || !name.matches("[a-zA-Z0-9_-]{1,64}")) {
      throw LambdaInputs.validation(
          "1 validation error detected: Value '"
              + (name == null ? "null" : name)
              + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: [a-zA-Z0-9-_]+");
    }
    String runtime = checkRuntime(LambdaInputs.text(b, "Runtime"));
    String handler = LambdaInputs.text(b, "Handler");
    if (handler == null || handler.isEmpty()) {
      throw LambdaInputs.invalidParameter(
          "Runtime and Handler are mandatory parameters for functions created with deployment"
              + " packages.");
    }
    String role = LambdaInputs.text(b, "Role");
    if (role == null || !roleExists(call.accountId(), role)) {
      // AWS: a role Lambda cannot assume (missing, or not the caller's) is InvalidParameterValue.
      throw LambdaInputs.invalidParameter(
          "The role defined for the function cannot be assumed by Lambda.");
    }
    int timeout = LambdaInputs.intValue(b, "Timeout", 3, 1, 900, "timeout");
    int memory = LambdaInputs.intValue(b, "MemorySize", 128, 128, 10_240, "memorySize");
    JsonNode code = b.path("Code");
    String zipText = LambdaInputs.text(code, "ZipFile");
    if (zipText == null) {
      throw LambdaInputs.invalidParameter("Please provide a source for function code.");
    }
    byte[] zip = FunctionCode.decode(zipText);
    Map<String, String> tags = LambdaInputs.stringMap(b.path("Tags"));
    String forwardTo = tags == null ? null : tags.get(FunctionConfig.FORWARD_TAG);
    if (forwardTo != null && !forwardTo.matches("https?://[^/\\s]+(/\\S*)?")) {
      throw LambdaInputs.invalidParameter(
          "Tag "
              + FunctionConfig.FORWARD_TAG
              + " must be the http(s) URL of a Lambda Invoke API, not "
              + forwardTo);
    }
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
            LambdaInputs.stringMap(b.path("Environment").path("Variables")),
            tags,
            now(),
            UUID.randomUUID().toString(),
            codeRevision,
            null,
            null,
            null);
    if (b.path("Publish").asBoolean(false)) {
      // AWS: CreateFunction with Publish answers with version 1's configuration.
      VersionOperations.Published p = versions.publish(call.accountId(), f, null);
      List<Write> writes = new ArrayList<>();
      writes.add(
          Write.create(key(call.accountId(), name), Documents.write(f.withLastPublished(1))));
      writes.add(p.writes().get(0));
      ctx.commit(writes);
      return ControlResponse.json(201, configuration(call, p.version()).toString());
    }
    ctx.commit(List.of(Write.create(key(call.accountId(), name), Documents.write(f))));
    return ControlResponse.json(201, configuration(call, f).toString());
  }

  /** UpdateFunctionCode: new code in a new revision directory; running instances retired. */
  ControlResponse updateCode(ApiCall call) {
    LambdaFunction f = require(call);
    ObjectNode b = call.body();
    checkRevision(b, f);
    String zipText = LambdaInputs.text(b, "ZipFile");
    if (zipText == null) {
      throw LambdaInputs.invalidParameter("Please provide a source for function code.");
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
            f.reservedConcurrentExecutions(),
            null,
            f.lastPublishedVersion());
    LambdaFunction answer = updated;
    if (b.path("Publish").asBoolean(false)) {
      VersionOperations.Published p = versions.publish(call.accountId(), updated, null);
      List<Write> writes = new ArrayList<>(p.writes());
      if (writes.isEmpty()) { // nothing new to publish: $LATEST alone changes
        writes.add(Write.put(key(call.accountId(), f.functionName()), Documents.write(updated)));
      }
      ctx.commit(writes);
      answer = p.version();
    } else {
      ctx.commit(
          List.of(Write.put(key(call.accountId(), f.functionName()), Documents.write(updated))));
    }
    invoker.retire(f.functionName(), "$LATEST");
    pruneCode(call.accountId(), f.functionName());
    return ControlResponse.json(200, configuration(call, answer).toString());
  }

  /** UpdateFunctionConfiguration: the members sent replace the stored ones; instances retired. */
  ControlResponse updateConfiguration(ApiCall call) {
    LambdaFunction f = require(call);
    ObjectNode b = call.body();
    checkRevision(b, f);
    String runtime = LambdaInputs.text(b, "Runtime");
    if (runtime != null) {
      checkRuntime(runtime);
    }
    String role = LambdaInputs.text(b, "Role");
    if (role != null && !roleExists(call.accountId(), role)) {
      throw LambdaInputs.invalidParameter(
          "The role defined for the function cannot be assumed by Lambda.");
    }
    String handler = LambdaInputs.text(b, "Handler");
    String description = LambdaInputs.text(b, "Description");
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
            LambdaInputs.intValue(b, "Timeout", f.timeout(), 1, 900, "timeout"),
            LambdaInputs.intValue(b, "MemorySize", f.memorySize(), 128, 10_240, "memorySize"),
            env.isObject() ? LambdaInputs.stringMap(env.path("Variables")) : f.environment(),
            f.tags(),
            now(),
            UUID.randomUUID().toString(),
            f.codeRevision(),
            f.reservedConcurrentExecutions(),
            null,
            f.lastPublishedVersion());
    ctx.commit(
        List.of(Write.put(key(call.accountId(), f.functionName()), Documents.write(updated))));
    invoker.retire(f.functionName(), "$LATEST");
    return ControlResponse.json(200, configuration(call, updated).toString());
  }

  private static void checkRevision(ObjectNode b, LambdaFunction f) {
    String revision = LambdaInputs.text(b, "RevisionId");
    if (revision != null && !revision.equals(f.revisionId())) {
      throw LambdaInputs.staleRevision();
    }
  }

  private String now() {
    return LAST_MODIFIED.format(Instant.ofEpochMilli(ctx.clock().millis()));
  }

  private static String checkRuntime(@Nullable String runtime) {
    if (runtime == null || !RUNTIMES.contains(runtime)) {
      throw LambdaInputs.invalidParameter(
          "Value "
              + runtime
              + " at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: "
              + RUNTIMES
              + " or be a valid ARN");
    }
    return runtime;
  }

  ControlResponse get(ApiCall call) {
    StoredFunctions.Target t = functions.resolve(call);
    LambdaFunction f = t.config();
    ObjectNode out = Documents.MAPPER.createObjectNode();
    out.set("Configuration", configuration(call, t));
    ObjectNode code = out.putObject("Code");
    code.put("RepositoryType", "S3");
    code.put("Location", codeDir(f).toUri().toString());
    Integer reserved = t.latest().reservedConcurrentExecutions();
    if (reserved != null) {
      out.putObject("Concurrency").put("ReservedConcurrentExecutions", reserved);
    }
    Map<String, String> tags = t.latest().tags();
    if (tags != null && !tags.isEmpty()) {
      ObjectNode tagNode = out.putObject("Tags");
      tags.forEach(tagNode::put);
    }
    return ControlResponse.json(200, out.toString());
  }

  ControlResponse getConfiguration(ApiCall call) {
    return ControlResponse.json(200, configuration(call, functions.resolve(call)).toString());
  }

  /** A qualified call's configuration carries the ARN it was asked by (version or alias). */
  private static ObjectNode configuration(ApiCall call, StoredFunctions.Target t) {
    ObjectNode c = configuration(call, t.config());
    if (t.alias() != null) {
      c.put("FunctionArn", arn(call, t.latest().functionName()) + ":" + t.alias().name());
    }
    return c;
  }

  ControlResponse list(ApiCall call) {
    List<LambdaFunction> all = new ArrayList<>();
    for (Document d : ctx.store().list(call.accountId(), Kinds.LAMBDA_FUNCTION, "")) {
      all.add(Documents.read(d, LambdaFunction.class));
    }
    all.sort(Comparator.comparing(LambdaFunction::functionName));
    String marker = call.query("Marker");
    int max = LambdaInputs.maxItems(call);
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

  /**
   * DeleteFunction: the function with its versions, aliases and policies; with a version number as
   * qualifier, that version only (refused while an alias routes to it).
   */
  ControlResponse delete(ApiCall call) {
    StoredFunctions.Target t = functions.resolve(call);
    String name = t.latest().functionName();
    if (t.qualifier() != null) {
      if (t.qualifier().equals("$LATEST")) {
        throw LambdaInputs.invalidParameter(
            "$LATEST version cannot be deleted without deleting the function.");
      }
      if (t.alias() != null) {
        throw LambdaInputs.invalidParameter("Deletion of aliases is not currently supported.");
      }
      ControlResponse r = versions.delete(call, t, aliases);
      invoker.retire(name, t.config().versionName());
      pruneCode(call.accountId(), name);
      return r;
    }
    String account = call.accountId();
    List<Write> writes = new ArrayList<>();
    writes.add(Write.delete(key(account, name)));
    for (LambdaFunction v : functions.versions(account, name)) {
      writes.add(Write.delete(StoredFunctions.versionKey(account, name, v.versionName())));
    }
    for (var a : functions.aliases(account, name)) {
      writes.add(Write.delete(StoredFunctions.aliasKey(account, name, a.name())));
    }
    for (Document d : ctx.store().list(account, Kinds.LAMBDA_POLICY, "")) {
      String id = d.key().id();
      if (id.equals(name) || id.startsWith(name + ":")) {
        writes.add(Write.delete(d.key()));
      }
    }
    ctx.commit(writes);
    invoker.retire(name);
    FunctionCode.deleteTree(directory.root().resolve(name));
    return ControlResponse.empty(204);
  }

  /** Deletes the code revisions neither {@code $LATEST} nor a published version runs. */
  private void pruneCode(String account, String name) {
    LambdaFunction latest = functions.find(account, name);
    Set<String> kept = new HashSet<>();
    if (latest != null) {
      kept.add(latest.codeRevision());
    }
    for (LambdaFunction v : functions.versions(account, name)) {
      kept.add(v.codeRevision());
    }
    try (Stream<Path> dirs = Files.list(directory.root().resolve(name))) {
      for (Path d : (Iterable<Path>) dirs::iterator) {
        if (!kept.contains(String.valueOf(d.getFileName()))) {
          FunctionCode.deleteTree(d);
        }
      }
    } catch (IOException e) {
      // Unused code stays on disk; it is removed with the function.
    }
  }

  private static ObjectNode configuration(ApiCall call, LambdaFunction f) {
    return FunctionShapes.configuration(call, f);
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

  static Set<String> runtimes() {
    return Set.copyOf(RUNTIMES);
  }
}
