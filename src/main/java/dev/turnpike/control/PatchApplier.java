package dev.turnpike.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Applies {@code patchOperations} to a resource's JSON tree, allowing only the paths a resource
 * declares. A declared path is a pattern whose {@code *} matches any one segment and whose {@code
 * a|b} matches either; the first declaration that matches wins ({@link PatchRule}); {@link
 * PatchWriter} writes it.
 *
 * <p>Implementation notes: API Gateway's {@code Update*} calls take JSON-pointer-like paths (RFC
 * 6901 escapes: {@code ~1} is '/', {@code ~0} is '~'), with map members addressed one entry at a
 * time ({@code /requestParameters/method.request.header.x}, {@code
 * /responseTemplates/application~1json}; {@link MapEntries}) and list members one element at a time
 * ({@code add /apiStages "api:stage"}; {@link ValueList}). AWS's answers, recorded by LocalStack's
 * snapshots ({@code TestApigatewayMethodResponse}, {@code TestApiGatewayGatewayResponse}): an
 * operation other than add/remove/replace is a 400 "Invalid patch operation specified. Must be
 * 'add'|'remove'|'replace'"; a path not declared is a 400 whose wording differs by resource ({@link
 * #listing()} or {@link #terse()}). Resources whose Turnpike wording predates this class keep it
 * through {@link #unknownPath}, {@link #invalidOp} and {@link #invalidNumber}.
 */
public final class PatchApplier {
  /** The operations a declaration accepts unless it says otherwise. */
  public static final Set<String> ANY_OP = Set.of("add", "remove", "replace");

  public static final Set<String> REPLACE = Set.of("replace");
  public static final Set<String> REMOVE = Set.of("remove");

  /** How a scalar or list patch path maps onto the tree. */
  public enum Kind {
    /** A string member; remove clears it. */
    STRING,
    /** A string member that remove, a missing value or an empty one clears. */
    NULLABLE_STRING,
    /** A boolean member ("true"/"false", any case); anything else is a 400. */
    BOOLEAN,
    /**
     * A boolean member that is true for "true" (any case) and false for any other value (AWS's
     * lenient flags).
     */
    FLAG,
    /** An integer member. */
    INT,
    /** An integer member that remove, a missing value or an empty one clears. */
    NULLABLE_INT,
    /** A number member. */
    DOUBLE,
    /**
     * A structure member, written through the paths below it; declared for remove only, which drops
     * it.
     */
    STRUCTURE,
    /**
     * {@code /list/value}: add appends the (unescaped) last segment to a string list, remove drops
     * it.
     */
    LIST_VALUE,
    /** {@code /list/0}: replaces the first element of a string list. */
    LIST_FIRST
  }

  /** A declaration whose effect is not a plain member write (method settings). */
  @FunctionalInterface
  public interface Custom {
    /** Applies {@code op}; {@code raw} is its path split at '/', escapes kept. */
    void apply(ObjectNode tree, PatchOperation op, String[] raw);
  }

  private final List<PatchRule> rules = new ArrayList<>();
  private final PatchWriter writer = new PatchWriter(this);
  private final Function<PatchOperation, ApiException> unknownPath;
  private @Nullable Function<PatchOperation, ApiException> unsupportedOp;
  private @Nullable Function<PatchOperation, ApiException> invalidOp;
  private @Nullable Function<PatchOperation, ApiException> invalidNumber;

  private PatchApplier(@Nullable Function<PatchOperation, ApiException> unknownPath) {
    this.unknownPath =
        unknownPath != null
            ? unknownPath
            : op ->
                ApiException.badRequest(
                    "Invalid patch path '"
                        + op.path()
                        + "' specified for op '"
                        + op.op()
                        + "'. Must be one of: "
                        + listed());
  }

  /**
   * Unknown paths answer "Invalid patch path '/x' specified for op 'replace'. Must be one of: [the
   * listed paths]".
   */
  public static PatchApplier listing() {
    return new PatchApplier(null);
  }

  /**
   * Unknown paths answer AWS's "Invalid patch path /x" (methods, method responses, gateway
   * responses).
   */
  public static PatchApplier terse() {
    return new PatchApplier(op -> ApiException.badRequest("Invalid patch path " + op.path()));
  }

  /** Unknown paths answer {@code error}'s exception instead. */
  public static PatchApplier unknownPath(Function<PatchOperation, ApiException> error) {
    return new PatchApplier(error);
  }

  /**
   * A declared path given an operation it does not accept answers {@code error}'s exception (by
   * default, the unknown-path answer).
   */
  public PatchApplier unsupportedOp(Function<PatchOperation, ApiException> error) {
    this.unsupportedOp = error;
    return this;
  }

  /**
   * An operation other than add, remove and replace (move, copy, test) answers {@code error}'s
   * exception instead of "Invalid patch operation specified. Must be 'add'|'remove'|'replace'".
   */
  public PatchApplier invalidOp(Function<PatchOperation, ApiException> error) {
    this.invalidOp = error;
    return this;
  }

  /**
   * A value that an {@link Kind#INT} or {@link Kind#DOUBLE} path cannot parse answers {@code
   * error}'s exception instead of "Invalid integer value 'x' for /path" ("number" for DOUBLE).
   */
  public PatchApplier invalidNumber(Function<PatchOperation, ApiException> error) {
    this.invalidNumber = error;
    return this;
  }

  /**
   * Declares a scalar or list path accepting add, remove and replace, listed in the unknown-path
   * answer.
   */
  public PatchApplier allow(String pattern, Kind kind) {
    return allow(pattern, kind, ANY_OP);
  }

  /** Declares a scalar or list path accepting {@code ops}, listed in the unknown-path answer. */
  public PatchApplier allow(String pattern, Kind kind, Set<String> ops) {
    if (kind == Kind.STRUCTURE && !ops.equals(REMOVE)) {
      throw new IllegalArgumentException("ops: " + ops + " (expected: [remove] for STRUCTURE)");
    }
    rules.add(PatchRule.scalar(pattern, kind, ops, true));
    return this;
  }

  /**
   * Declares {@code pattern}, listed, as another spelling of the scalar member at {@code
   * memberPath}: it writes that member.
   */
  public PatchApplier allowAs(String pattern, String memberPath, Kind kind) {
    rules.add(
        new PatchRule(
            PatchRule.split(pattern),
            ANY_OP,
            true,
            kind,
            null,
            null,
            null,
            PatchRule.split(memberPath)));
    return this;
  }

  /**
   * Declares the map member at {@code memberPattern}: its entries are {@code memberPattern + "/*"}
   * ({@code "/*}{@code /*"} for {@link MapEntries#byMethod()}), listed so. A map of structures
   * accepts remove only.
   */
  public PatchApplier map(String memberPattern, MapEntries entries) {
    return addMap(memberPattern, entries, true);
  }

  /** As {@link #map}, left out of the unknown-path answer's list. */
  public PatchApplier unlistedMap(String memberPattern, MapEntries entries) {
    return addMap(memberPattern, entries, false);
  }

  /**
   * Declares the list member at {@code memberPattern} whose elements add and remove name in their
   * value ({@link ValueList}), listed; paths below it address an element by a segment.
   */
  public PatchApplier values(String memberPattern, ValueList list) {
    rules.add(
        new PatchRule(
            PatchRule.split(memberPattern), ANY_OP, true, Kind.STRING, null, list, null, null));
    return this;
  }

  /**
   * Declares a path {@code custom} applies, accepting {@code ops}, left out of the unknown-path
   * answer's list.
   */
  public PatchApplier custom(String pattern, Set<String> ops, Custom custom) {
    rules.add(
        new PatchRule(PatchRule.split(pattern), ops, false, Kind.STRING, null, null, custom, null));
    return this;
  }

  /**
   * Applies every operation in order to {@code tree}; throws on the first one refused: a 400 for an
   * operation other than add/remove/replace or a path not declared, a 404 for a missing map entry
   * or list element where the map or list says so.
   */
  public void apply(ObjectNode tree, List<PatchOperation> ops) {
    for (PatchOperation op : ops) {
      apply(tree, op);
    }
  }

  private void apply(ObjectNode tree, PatchOperation op) {
    if (!ANY_OP.contains(op.op())) {
      throw invalidOp != null
          ? invalidOp.apply(op)
          : ApiException.badRequest(
              "Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
    }
    String[] raw = PatchRule.split(op.path());
    boolean pathKnown = false;
    for (PatchRule r : rules) {
      if (r.matches(raw)) {
        if (r.ops().contains(op.op())) {
          writer.write(r, tree, op, raw);
          return;
        }
        pathKnown = true;
      }
    }
    throw pathKnown && unsupportedOp != null ? unsupportedOp.apply(op) : unknownPath.apply(op);
  }

  /** The list declared at {@code raw[0..len)}, if any. */
  @Nullable ValueList listAt(String[] raw, int len) {
    for (PatchRule r : rules) {
      if (r.list() != null && r.isMember(raw, len)) {
        return r.list();
      }
    }
    return null;
  }

  /** The map declared at {@code raw[0..len)}, if any. */
  @Nullable MapEntries mapAt(String[] raw, int len) {
    for (PatchRule r : rules) {
      if (r.map() != null && r.isMember(raw, len)) {
        return r.map();
      }
    }
    return null;
  }

  /** The answer to a value a numeric path cannot parse ({@code type}: "integer" or "number"). */
  ApiException invalidNumber(PatchOperation op, String type) {
    return invalidNumber != null
        ? invalidNumber.apply(op)
        : ApiException.badRequest(
            "Invalid " + type + " value '" + op.value() + "' for " + op.path());
  }

  private PatchApplier addMap(String memberPattern, MapEntries entries, boolean listed) {
    String keys = entries.keySegments() == 1 ? "/*" : "/*/*";
    Set<String> ops = entries.values() == Kind.STRUCTURE ? REMOVE : ANY_OP;
    rules.add(
        new PatchRule(
            PatchRule.split(memberPattern + keys),
            ops,
            listed,
            Kind.STRING,
            entries,
            null,
            null,
            null));
    return this;
  }

  private String listed() {
    List<String> out = new ArrayList<>();
    for (PatchRule r : rules) {
      if (r.listed()) {
        out.add(r.display());
      }
    }
    return out.toString();
  }
}
