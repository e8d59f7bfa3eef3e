package dev.turnpike.control.lambda;

import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.lambda.FunctionDirectory;
import dev.turnpike.model.LambdaAlias;
import dev.turnpike.model.LambdaFunction;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The functions of an account as the store holds them: lookup by the {@code FunctionName} path
 * member (a name, {@code name:qualifier}, a partial or full ARN) and {@code ?Qualifier} with
 * Lambda's 404s, their versions and aliases, and their keys and ARNs. Shared by every {@code
 * lambda} operation.
 */
final class StoredFunctions {
  private final ControlContext ctx;

  StoredFunctions(ControlContext ctx) {
    this.ctx = ctx;
  }

  /**
   * What a call names: the function's {@code $LATEST}, the configuration the qualifier selects (a
   * version's, an alias's primary version's, or {@code $LATEST} itself) and the alias when it is
   * one.
   *
   * @param qualifier the version number, alias name or {@code $LATEST} the call gave, or null
   */
  record Target(
      LambdaFunction latest,
      LambdaFunction config,
      @Nullable String qualifier,
      @Nullable LambdaAlias alias) {

    /** The qualifier as the function's ARN carries it, or null for the unqualified function. */
    boolean qualified() {
      return qualifier != null;
    }
  }

  /** The function the call names, ignoring any qualifier, or Lambda's 404. */
  LambdaFunction require(ApiCall call) {
    String name = functionName(call.path("FunctionName"));
    LambdaFunction f = find(call.accountId(), name);
    if (f == null) {
      throw notFound(arn(call, name));
    }
    return f;
  }

  /**
   * The function and the version or alias the call names ({@code name:q}, an ARN with a qualifier,
   * or {@code ?Qualifier=q}): Lambda's 404 {@code Function not found: {qualified ARN}} when either
   * is missing, 400 when the two forms disagree.
   */
  Target resolve(ApiCall call) {
    String member = call.path("FunctionName");
    String name = functionName(member);
    String inName = qualifier(member);
    String inQuery = call.query("Qualifier");
    if (inName != null && inQuery != null && !inName.equals(inQuery)) {
      throw LambdaInputs.invalidParameter(
          "The derived qualifier from the function name does not match the specified qualifier.");
    }
    String qualifier = inName != null ? inName : inQuery;
    LambdaFunction latest = find(call.accountId(), name);
    if (latest == null) {
      throw notFound(arn(call, name) + (qualifier == null ? "" : ":" + qualifier));
    }
    if (qualifier == null || qualifier.equals("$LATEST")) {
      return new Target(latest, latest, qualifier, null);
    }
    if (isVersionNumber(qualifier)) {
      LambdaFunction version = version(call.accountId(), name, qualifier);
      if (version == null) {
        throw notFound(arn(call, name) + ":" + qualifier);
      }
      return new Target(latest, version, qualifier, null);
    }
    LambdaAlias alias = alias(call.accountId(), name, qualifier);
    if (alias == null) {
      throw notFound(arn(call, name) + ":" + qualifier);
    }
    LambdaFunction config = configOf(call.accountId(), latest, alias.functionVersion());
    if (config == null) { // its version was deleted underneath it (DeleteFunction refuses that)
      throw notFound(arn(call, name) + ":" + alias.functionVersion());
    }
    return new Target(latest, config, qualifier, alias);
  }

  /** {@code $LATEST} or a published version of {@code latest}'s function, or null. */
  @Nullable LambdaFunction configOf(String account, LambdaFunction latest, String version) {
    return version.equals("$LATEST") ? latest : version(account, latest.functionName(), version);
  }

  @Nullable LambdaFunction find(String account, String name) {
    return ctx.store()
        .get(key(account, name))
        .map(d -> Documents.read(d, LambdaFunction.class))
        .orElse(null);
  }

  @Nullable LambdaFunction version(String account, String name, String version) {
    return ctx.store()
        .get(versionKey(account, name, version))
        .map(d -> Documents.read(d, LambdaFunction.class))
        .orElse(null);
  }

  /** The function's published versions, oldest first. */
  List<LambdaFunction> versions(String account, String name) {
    List<LambdaFunction> out = new ArrayList<>();
    for (Document d : ctx.store().list(account, Kinds.LAMBDA_VERSION, name)) {
      out.add(Documents.read(d, LambdaFunction.class));
    }
    out.sort(Comparator.comparingInt(v -> Integer.parseInt(v.versionName())));
    return out;
  }

  @Nullable LambdaAlias alias(String account, String name, String alias) {
    return ctx.store()
        .get(aliasKey(account, name, alias))
        .map(d -> Documents.read(d, LambdaAlias.class))
        .orElse(null);
  }

  /** The function's aliases by name. */
  List<LambdaAlias> aliases(String account, String name) {
    List<LambdaAlias> out = new ArrayList<>();
    for (Document d : ctx.store().list(account, Kinds.LAMBDA_ALIAS, name)) {
      out.add(Documents.read(d, LambdaAlias.class));
    }
    out.sort(Comparator.comparing(LambdaAlias::name));
    return out;
  }

  /** A name, or a function ARN ({@code arn:aws:lambda:r:a:function:name[:qualifier]}): its name. */
  static String functionName(String nameOrArn) {
    if (nameOrArn.startsWith("arn:")) {
      String[] parts = nameOrArn.split(":", -1);
      if (parts.length >= 7) {
        return parts[6];
      }
    }
    int colon = nameOrArn.indexOf(":function:");
    String rest =
        colon >= 0 ? nameOrArn.substring(colon + ":function:".length()) : nameOrArn; // {acct}:…
    int q = rest.indexOf(':');
    return q < 0 ? rest : rest.substring(0, q);
  }

  /**
   * The qualifier a name or ARN carries ({@code name:q}, {@code arn:…:function:name:q}), or null.
   */
  static @Nullable String qualifier(String nameOrArn) {
    String rest = nameOrArn;
    if (nameOrArn.startsWith("arn:")) {
      String[] parts = nameOrArn.split(":", -1);
      return parts.length >= 8 && !parts[7].isEmpty() ? parts[7] : null;
    }
    int colon = nameOrArn.indexOf(":function:");
    if (colon >= 0) {
      rest = nameOrArn.substring(colon + ":function:".length());
    }
    int q = rest.indexOf(':');
    return q < 0 || q == rest.length() - 1 ? null : rest.substring(q + 1);
  }

  static boolean isVersionNumber(String qualifier) {
    return !qualifier.isEmpty()
        && qualifier.length() <= 10
        && qualifier.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  static ApiException notFound(String arn) {
    return new ApiException(404, "ResourceNotFoundException", "Function not found: " + arn);
  }

  static String arn(ApiCall call, String name) {
    return FunctionDirectory.arn(call.region(), call.accountId(), name);
  }

  static DocumentKey key(String account, String name) {
    return DocumentKey.of(account, Kinds.LAMBDA_FUNCTION, name);
  }

  static DocumentKey versionKey(String account, String name, String version) {
    return new DocumentKey(account, Kinds.LAMBDA_VERSION, name, version);
  }

  static DocumentKey aliasKey(String account, String name, String alias) {
    return new DocumentKey(account, Kinds.LAMBDA_ALIAS, name, alias);
  }

  /** The resource policy of the function ({@code qualifier} null) or of one version or alias. */
  static DocumentKey policyKey(String account, String name, @Nullable String qualifier) {
    return DocumentKey.of(
        account, Kinds.LAMBDA_POLICY, qualifier == null ? name : name + ":" + qualifier);
  }

  static DocumentKey policyKey(String account, String name) {
    return policyKey(account, name, null);
  }
}
