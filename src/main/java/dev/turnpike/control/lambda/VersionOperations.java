package dev.turnpike.control.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.model.LambdaFunction;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * PublishVersion and ListVersionsByFunction. A version freezes {@code $LATEST}'s code and
 * configuration under the next number; numbers are never reused. As on AWS, publishing when nothing
 * changed since the last version returns that version instead of a new one.
 */
final class VersionOperations {
  private final ControlContext ctx;
  private final StoredFunctions functions;

  VersionOperations(ControlContext ctx, StoredFunctions functions) {
    this.ctx = ctx;
    this.functions = functions;
  }

  /** PublishVersion: 201 with the version's configuration. */
  ControlResponse publish(ApiCall call) {
    LambdaFunction latest = functions.require(call);
    ObjectNode b = call.body();
    String sha = LambdaInputs.text(b, "CodeSha256");
    if (sha != null && !sha.equals(latest.codeSha256())) {
      throw LambdaInputs.invalidParameter(
          "CodeSHA256 ("
              + sha
              + ") is different from current CodeSHA256 in $LATEST ("
              + latest.codeSha256()
              + "). Please try again with the CodeSHA256 in $LATEST.");
    }
    String revision = LambdaInputs.text(b, "RevisionId");
    if (revision != null && !revision.equals(latest.revisionId())) {
      throw LambdaInputs.staleRevision();
    }
    Published p = publish(call.accountId(), latest, LambdaInputs.text(b, "Description"));
    if (!p.writes().isEmpty()) {
      ctx.commit(p.writes());
    }
    return ControlResponse.json(201, FunctionShapes.configuration(call, p.version()).toString());
  }

  /**
   * The version publishing {@code latest} makes, and the writes that store it (none when the last
   * version already has this code and configuration).
   *
   * @param description the version's description; null takes {@code $LATEST}'s
   */
  Published publish(String account, LambdaFunction latest, @Nullable String description) {
    List<LambdaFunction> versions = functions.versions(account, latest.functionName());
    if (!versions.isEmpty()) {
      LambdaFunction last = versions.get(versions.size() - 1);
      if (sameCodeAndConfiguration(last, latest)) {
        return new Published(last, List.of());
      }
    }
    int number = latest.publishedCount() + 1;
    LambdaFunction version =
        latest.asVersion(
            number,
            description == null ? latest.description() : description,
            UUID.randomUUID().toString());
    List<Write> writes = new ArrayList<>();
    writes.add(
        Write.create(
            StoredFunctions.versionKey(account, latest.functionName(), version.versionName()),
            Documents.write(version)));
    writes.add(
        Write.put(
            StoredFunctions.key(account, latest.functionName()),
            Documents.write(latest.withLastPublished(number))));
    return new Published(version, writes);
  }

  /** A published version and the writes that store it. */
  record Published(LambdaFunction version, List<Write> writes) {}

  private static boolean sameCodeAndConfiguration(LambdaFunction v, LambdaFunction latest) {
    return v.codeSha256().equals(latest.codeSha256())
        && v.runtime().equals(latest.runtime())
        && v.handler().equals(latest.handler())
        && v.role().equals(latest.role())
        && v.timeout() == latest.timeout()
        && v.memorySize() == latest.memorySize()
        && Objects.equals(v.environment(), latest.environment());
  }

  /** ListVersionsByFunction: {@code $LATEST} first, then the versions by number. */
  ControlResponse list(ApiCall call) {
    LambdaFunction latest = functions.require(call);
    List<LambdaFunction> all = new ArrayList<>();
    all.add(latest);
    all.addAll(functions.versions(call.accountId(), latest.functionName()));
    int max = LambdaInputs.maxItems(call);
    String marker = call.query("Marker");
    int from = 0;
    if (marker != null) {
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).versionName().equals(marker)) {
          from = i + 1;
        }
      }
    }
    ObjectNode out = Documents.MAPPER.createObjectNode();
    ArrayNode versions = out.putArray("Versions");
    int to = Math.min(all.size(), from + max);
    for (int i = from; i < to; i++) {
      versions.add(FunctionShapes.configuration(call, all.get(i), true));
    }
    if (to < all.size()) {
      out.put("NextMarker", all.get(to - 1).versionName());
    }
    return ControlResponse.json(200, out.toString());
  }

  /** DeleteFunction with a version number: 409 while an alias points at it. */
  ControlResponse delete(ApiCall call, StoredFunctions.Target target, AliasOperations aliases) {
    LambdaFunction version = target.config();
    List<String> users = aliases.referencing(call.accountId(), version);
    if (!users.isEmpty()) {
      throw new ApiException(
          409,
          "ResourceConflictException",
          "Unable to delete version because the following aliases reference it: " + users);
    }
    String name = version.functionName();
    List<Write> writes = new ArrayList<>();
    writes.add(
        Write.delete(StoredFunctions.versionKey(call.accountId(), name, version.versionName())));
    if (ctx.store()
        .get(StoredFunctions.policyKey(call.accountId(), name, version.versionName()))
        .isPresent()) {
      writes.add(
          Write.delete(StoredFunctions.policyKey(call.accountId(), name, version.versionName())));
    }
    ctx.commit(writes);
    return ControlResponse.empty(204);
  }
}
