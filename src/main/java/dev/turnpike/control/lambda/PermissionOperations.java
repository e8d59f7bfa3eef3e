package dev.turnpike.control.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.auth.iam.MalformedPolicyException;
import dev.turnpike.auth.iam.PolicyParser;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.model.LambdaFunction;
import dev.turnpike.model.LambdaPolicy;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Write;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * AddPermission, RemovePermission and GetPolicy (spec 9.2, 9.6): a function's resource policy, one
 * statement per AddPermission, as Lambda writes it ({@code SourceArn} becomes an {@code ArnLike}
 * condition on {@code AWS:SourceArn}, {@code SourceAccount} a {@code StringEquals} on {@code
 * AWS:SourceAccount}). The snapshot compiles it, and API Gateway's Lambda integrations evaluate it
 * with the one policy evaluator.
 */
final class PermissionOperations {
  private static final Pattern STATEMENT_ID = Pattern.compile("[a-zA-Z0-9-_.]{1,100}");
  private static final Pattern ACTION = Pattern.compile("(lambda:[*]|lambda:[a-zA-Z]+|[*])");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  private final ControlContext ctx;
  private final StoredFunctions functions;

  PermissionOperations(ControlContext ctx, StoredFunctions functions) {
    this.ctx = ctx;
    this.functions = functions;
  }

  /** AddPermission: 201 {@code {"Statement": "<the statement as JSON text>"}}. */
  ControlResponse add(ApiCall call) {
    StoredFunctions.Target t = target(call);
    LambdaFunction f = t.latest();
    String qualifier = t.qualifier();
    ObjectNode b = call.body();
    String sid = require(b, "StatementId", "statementId");
    if (!STATEMENT_ID.matcher(sid).matches()) {
      throw LambdaInputs.validation(
          "1 validation error detected: Value '"
              + sid
              + "' at 'statementId' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: ([a-zA-Z0-9-_.]+)");
    }
    String action = require(b, "Action", "action");
    if (!ACTION.matcher(action).matches()) {
      throw LambdaInputs.validation(
          "1 validation error detected: Value '"
              + action
              + "' at 'action' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])");
    }
    String principal = require(b, "Principal", "principal");
    LambdaPolicy stored = stored(call.accountId(), f.functionName(), qualifier);
    String revision = LambdaInputs.text(b, "RevisionId");
    if (revision != null && !revision.equals(revisionOf(t, stored))) {
      throw new ApiException(
          412,
          "PreconditionFailedException",
          "The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API"
              + " to retrieve the latest Revision Id");
    }
    ObjectNode document = stored == null ? emptyPolicy() : parse(stored.policy());
    ArrayNode statements = (ArrayNode) document.get("Statement");
    for (JsonNode s : statements) {
      if (sid.equals(s.path("Sid").asText())) {
        throw new ApiException(
            409,
            "ResourceConflictException",
            "The statement id ("
                + sid
                + ") provided already exists. Please provide a new statement id, or remove the"
                + " existing statement.");
      }
    }
    ObjectNode statement = statements.addObject();
    statement.put("Sid", sid);
    statement.put("Effect", "Allow");
    principal(statement, principal);
    statement.put("Action", action);
    statement.put(
        "Resource",
        StoredFunctions.arn(call, f.functionName()) + (qualifier == null ? "" : ":" + qualifier));
    String sourceArn = LambdaInputs.text(b, "SourceArn");
    String sourceAccount = LambdaInputs.text(b, "SourceAccount");
    if (sourceArn != null || sourceAccount != null) {
      ObjectNode condition = statement.putObject("Condition");
      if (sourceAccount != null) {
        condition.putObject("StringEquals").put("AWS:SourceAccount", sourceAccount);
      }
      if (sourceArn != null) {
        condition.putObject("ArnLike").put("AWS:SourceArn", sourceArn);
      }
    }
    String policy = document.toString();
    try {
      PolicyParser.parse(policy, PolicyParser.Kind.RESOURCE);
    } catch (MalformedPolicyException e) {
      throw LambdaInputs.invalidParameter(
          "The provided principal was invalid. Please check the principal and try again.");
    }
    commit(call.accountId(), f.functionName(), qualifier, policy);
    ObjectNode out = Documents.MAPPER.createObjectNode();
    out.put("Statement", statement.toString());
    return ControlResponse.json(201, out.toString());
  }

  /** GetPolicy: {@code {"Policy": "<document>", "RevisionId": …}}, or 404 without one. */
  ControlResponse get(ApiCall call) {
    StoredFunctions.Target t = target(call);
    LambdaPolicy stored = stored(call.accountId(), t.latest().functionName(), t.qualifier());
    if (stored == null) {
      throw new ApiException(
          404, "ResourceNotFoundException", "The resource you requested does not exist.");
    }
    ObjectNode out = Documents.MAPPER.createObjectNode();
    out.put("Policy", stored.policy());
    out.put("RevisionId", stored.revisionId());
    return ControlResponse.json(200, out.toString());
  }

  /** RemovePermission: 204; the policy goes away with its last statement. */
  ControlResponse remove(ApiCall call) {
    StoredFunctions.Target t = target(call);
    LambdaFunction f = t.latest();
    String qualifier = t.qualifier();
    String sid = call.path("StatementId");
    LambdaPolicy stored = stored(call.accountId(), f.functionName(), qualifier);
    if (stored == null) {
      throw new ApiException(
          404, "ResourceNotFoundException", "No policy is associated with the given resource.");
    }
    String revision = call.query("RevisionId");
    if (revision != null && !revision.equals(stored.revisionId())) {
      throw new ApiException(
          412,
          "PreconditionFailedException",
          "The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API"
              + " to retrieve the latest Revision Id");
    }
    ObjectNode document = parse(stored.policy());
    ArrayNode statements = (ArrayNode) document.get("Statement");
    for (int i = 0; i < statements.size(); i++) {
      if (sid.equals(statements.get(i).path("Sid").asText())) {
        statements.remove(i);
        if (statements.isEmpty()) {
          ctx.commit(
              List.of(
                  Write.delete(
                      StoredFunctions.policyKey(call.accountId(), f.functionName(), qualifier))));
        } else {
          commit(call.accountId(), f.functionName(), qualifier, document.toString());
        }
        return ControlResponse.empty(204);
      }
    }
    throw new ApiException(
        404, "ResourceNotFoundException", "Statement " + sid + " is not found in resource policy.");
  }

  private void commit(
      String account, String functionName, @Nullable String qualifier, String policy) {
    LambdaPolicy updated =
        new LambdaPolicy(functionName, policy, UUID.randomUUID().toString(), qualifier);
    ctx.commit(
        List.of(
            Write.put(
                StoredFunctions.policyKey(account, functionName, qualifier),
                Documents.write(updated))));
  }

  private @Nullable LambdaPolicy stored(
      String account, String functionName, @Nullable String qualifier) {
    return ctx.store()
        .get(StoredFunctions.policyKey(account, functionName, qualifier))
        .map(d -> Documents.read(d, LambdaPolicy.class))
        .orElse(null);
  }

  private static String revisionOf(StoredFunctions.Target t, @Nullable LambdaPolicy stored) {
    if (stored != null) {
      return stored.revisionId();
    }
    return t.alias() != null ? t.alias().revisionId() : t.config().revisionId();
  }

  /**
   * The function, version or alias whose policy the call reads or changes. Each version and alias
   * has its own policy; Lambda refuses {@code $LATEST} by name (the unqualified policy is its).
   */
  private StoredFunctions.Target target(ApiCall call) {
    StoredFunctions.Target t = functions.resolve(call);
    if ("$LATEST".equals(t.qualifier())) {
      throw LambdaInputs.invalidParameter(
          "We currently do not support adding policies for $LATEST.");
    }
    return t;
  }

  /** Lambda's principal forms: {@code *}, an account id or ARN, or a service principal. */
  private static void principal(ObjectNode statement, String principal) {
    if (principal.equals("*")) {
      statement.put("Principal", "*");
    } else if (ACCOUNT.matcher(principal).matches()) {
      statement.putObject("Principal").put("AWS", "arn:aws:iam::" + principal + ":root");
    } else if (principal.startsWith("arn:")) {
      statement.putObject("Principal").put("AWS", principal);
    } else {
      statement.putObject("Principal").put("Service", principal);
    }
  }

  private static ObjectNode emptyPolicy() {
    ObjectNode p = Documents.MAPPER.createObjectNode();
    p.put("Version", "2012-10-17");
    p.put("Id", "default");
    p.putArray("Statement");
    return p;
  }

  private static ObjectNode parse(String policy) {
    try {
      return (ObjectNode) Documents.MAPPER.readTree(policy);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored Lambda policy is not JSON", e);
    }
  }

  private static String require(ObjectNode b, String field, String member) {
    String v = LambdaInputs.text(b, field);
    if (v == null || v.isEmpty()) {
      throw LambdaInputs.validation(
          "1 validation error detected: Value null at '"
              + member
              + "' failed to satisfy constraint: Member must not be null");
    }
    return v;
  }
}
