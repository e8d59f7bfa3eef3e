package dev.turnpike.control.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.model.LambdaAlias;
import dev.turnpike.model.LambdaFunction;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * CreateAlias, GetAlias, UpdateAlias, DeleteAlias and ListAliases. An alias names a published
 * version (or {@code $LATEST}), optionally with a second version taking a weighted share of the
 * invocations; API Gateway integrations name an alias in the function ARN ({@code fn:live}) and
 * need a permission on that alias.
 */
final class AliasOperations {
  private static final Pattern NAME = Pattern.compile("(?!^[0-9]+$)([a-zA-Z0-9-_]+)");

  private final ControlContext ctx;
  private final StoredFunctions functions;

  AliasOperations(ControlContext ctx, StoredFunctions functions) {
    this.ctx = ctx;
    this.functions = functions;
  }

  /** CreateAlias: 201 with the alias. */
  ControlResponse create(ApiCall call) {
    LambdaFunction latest = functions.require(call);
    ObjectNode b = call.body();
    String name = LambdaInputs.text(b, "Name");
    if (name == null || name.length() > 128 || !NAME.matcher(name).matches()) {
      throw LambdaInputs.validation(
          "1 validation error detected: Value '"
              + name
              + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression"
              + " pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
    }
    String version = requireVersion(call, latest, LambdaInputs.text(b, "FunctionVersion"));
    if (functions.alias(call.accountId(), latest.functionName(), name) != null) {
      throw new ApiException(
          409,
          "ResourceConflictException",
          "Alias already exists: " + aliasArn(call, latest.functionName(), name));
    }
    LambdaAlias alias =
        new LambdaAlias(
            latest.functionName(),
            name,
            version,
            b.path("Description").asText(""),
            weights(call, latest, version, b.path("RoutingConfig")),
            UUID.randomUUID().toString());
    ctx.commit(List.of(Write.create(key(call, alias), Documents.write(alias))));
    return ControlResponse.json(201, FunctionShapes.alias(call, alias).toString());
  }

  ControlResponse get(ApiCall call) {
    return ControlResponse.json(200, FunctionShapes.alias(call, require(call)).toString());
  }

  /** UpdateAlias: the members sent replace the stored ones; a stale RevisionId is 412. */
  ControlResponse update(ApiCall call) {
    LambdaAlias a = require(call);
    LambdaFunction latest = functions.require(call);
    ObjectNode b = call.body();
    String revision = LambdaInputs.text(b, "RevisionId");
    if (revision != null && !revision.equals(a.revisionId())) {
      throw LambdaInputs.staleRevision();
    }
    String versionText = LambdaInputs.text(b, "FunctionVersion");
    String version =
        versionText == null ? a.functionVersion() : requireVersion(call, latest, versionText);
    String description = LambdaInputs.text(b, "Description");
    JsonNode routing = b.path("RoutingConfig");
    LambdaAlias updated =
        new LambdaAlias(
            a.functionName(),
            a.name(),
            version,
            description == null ? a.description() : description,
            routing.isObject()
                ? weights(call, latest, version, routing)
                : a.additionalVersionWeights(),
            UUID.randomUUID().toString());
    ctx.commit(List.of(Write.put(key(call, updated), Documents.write(updated))));
    return ControlResponse.json(200, FunctionShapes.alias(call, updated).toString());
  }

  /** DeleteAlias: 204, with the alias's own resource policy. */
  ControlResponse delete(ApiCall call) {
    LambdaAlias a = require(call);
    List<Write> writes = new ArrayList<>();
    writes.add(Write.delete(key(call, a)));
    var policy = StoredFunctions.policyKey(call.accountId(), a.functionName(), a.name());
    if (ctx.store().get(policy).isPresent()) {
      writes.add(Write.delete(policy));
    }
    ctx.commit(writes);
    return ControlResponse.empty(204);
  }

  /** ListAliases, optionally only those pointing at {@code ?FunctionVersion}. */
  ControlResponse list(ApiCall call) {
    LambdaFunction latest = functions.require(call);
    String only = call.query("FunctionVersion");
    List<LambdaAlias> all = new ArrayList<>();
    for (LambdaAlias a : functions.aliases(call.accountId(), latest.functionName())) {
      if (only == null || only.equals(a.functionVersion())) {
        all.add(a);
      }
    }
    int max = LambdaInputs.maxItems(call);
    String marker = call.query("Marker");
    ObjectNode out = Documents.MAPPER.createObjectNode();
    ArrayNode aliases = out.putArray("Aliases");
    String last = null;
    int count = 0;
    for (LambdaAlias a : all) {
      if (marker != null && a.name().compareTo(marker) <= 0) {
        continue;
      }
      if (count == max) {
        out.put("NextMarker", last);
        break;
      }
      aliases.add(FunctionShapes.alias(call, a));
      last = a.name();
      count++;
    }
    return ControlResponse.json(200, out.toString());
  }

  /** The aliases that route to {@code version} (primary or weighted), by name. */
  List<String> referencing(String account, LambdaFunction version) {
    List<String> users = new ArrayList<>();
    for (LambdaAlias a : functions.aliases(account, version.functionName())) {
      Map<String, Double> w = a.additionalVersionWeights();
      if (a.functionVersion().equals(version.versionName())
          || (w != null && w.containsKey(version.versionName()))) {
        users.add(a.name());
      }
    }
    return users;
  }

  private LambdaAlias require(ApiCall call) {
    LambdaFunction latest = functions.require(call);
    String name = call.path("Name");
    LambdaAlias a = functions.alias(call.accountId(), latest.functionName(), name);
    if (a == null) {
      throw new ApiException(
          404,
          "ResourceNotFoundException",
          "Cannot find alias arn: " + aliasArn(call, latest.functionName(), name));
    }
    return a;
  }

  /** {@code $LATEST} or a published version of the function, else Lambda's 404. */
  private String requireVersion(ApiCall call, LambdaFunction latest, @Nullable String version) {
    if (version == null || version.isEmpty()) {
      throw LambdaInputs.validation(
          "1 validation error detected: Value null at 'functionVersion' failed to satisfy"
              + " constraint: Member must not be null");
    }
    if (!version.equals("$LATEST")
        && (!StoredFunctions.isVersionNumber(version)
            || functions.version(call.accountId(), latest.functionName(), version) == null)) {
      throw StoredFunctions.notFound(
          StoredFunctions.arn(call, latest.functionName()) + ":" + version);
    }
    return version;
  }

  /**
   * {@code RoutingConfig.AdditionalVersionWeights}: one published version other than the primary,
   * weighted in [0, 1]. Null when none is given.
   */
  private @Nullable Map<String, Double> weights(
      ApiCall call, LambdaFunction latest, String primary, JsonNode routing) {
    JsonNode w = routing.path("AdditionalVersionWeights");
    if (!w.isObject() || w.isEmpty()) {
      return null;
    }
    if (w.size() > 1) {
      throw LambdaInputs.validation(
          "1 validation error detected: Value '"
              + w
              + "' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map"
              + " value must satisfy constraint: [Member must have length less than or equal to"
              + " 1]");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = w.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String version = e.getKey();
      double weight = e.getValue().asDouble(-1);
      if (!e.getValue().isNumber() || weight < 0 || weight > 1) {
        throw LambdaInputs.validation(
            "1 validation error detected: Value '"
                + e.getValue().asText()
                + "' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint:"
                + " Map value must satisfy constraint: [Member must have value less than or equal"
                + " to 1.0, Member must have value greater than or equal to 0.0]");
      }
      if (primary.equals("$LATEST") || version.equals("$LATEST")) {
        throw LambdaInputs.invalidParameter(
            "$LATEST is not supported for an alias pointing to more than 1 version");
      }
      if (version.equals(primary)) {
        throw LambdaInputs.invalidParameter(
            "Invalid function version "
                + version
                + ". Function version "
                + version
                + " is already included in routing configuration.");
      }
      requireVersion(call, latest, version);
      out.put(version, weight);
    }
    return out;
  }

  private static DocumentKey key(ApiCall call, LambdaAlias a) {
    return StoredFunctions.aliasKey(call.accountId(), a.functionName(), a.name());
  }

  private static String aliasArn(ApiCall call, String function, String alias) {
    return StoredFunctions.arn(call, function) + ":" + alias;
  }
}
