package dev.turnpike.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Applies {@code patchOperations} to a resource's JSON tree, allowing only the paths a resource
 * declares. A declared path is a pattern whose {@code *} matches any one segment and whose {@code
 * a|b} matches either; the first declaration that matches wins.
 *
 * <p>Implementation notes: API Gateway's {@code Update*} calls take JSON-pointer-like paths (RFC
 * 6901 escapes: {@code ~1} is '/', {@code ~0} is '~'), with map members addressed one entry at a
 * time ({@code /requestParameters/method.request.header.x}, {@code
 * /responseTemplates/application~1json}). AWS's answers, recorded by LocalStack's snapshots ({@code
 * TestApigatewayMethodResponse}, {@code TestApiGatewayGatewayResponse}): an operation other than
 * add/remove/replace is a 400 "Invalid patch operation specified. Must be
 * 'add'|'remove'|'replace'"; a path not declared is a 400 whose wording differs by resource ({@link
 * #listing()} or {@link #terse()}); on a map, add puts an entry, replace puts one that must exist
 * when the map says so, remove deletes one that must exist when the map says so ({@link
 * MapEntries#notFound(String)}: the 404 text, e.g. "Invalid parameter name specified"). A map left
 * empty is dropped from the tree.
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
    /** A boolean member ("true"/"false", any case); anything else is a 400. */
    BOOLEAN,
    /**
     * A boolean member that is true for "true" (any case) and false for any other value (AWS's
     * lenient flags).
     */
    FLAG,
    /** An integer member. */
    INT,
    /** A number member. */
    DOUBLE,
    /**
     * {@code /list/value}: add appends the (unescaped) last segment to a string list, remove drops
     * it.
     */
    LIST_VALUE,
    /** {@code /list/0}: replaces the first element of a string list. */
    LIST_FIRST
  }

  /** A declaration whose effect is not a plain member write (method settings, nested throttles). */
  @FunctionalInterface
  public interface Custom {
    /** Applies {@code op}; {@code raw} is its path split at '/', escapes kept. */
    void apply(ObjectNode tree, PatchOperation op, String[] raw);
  }

  /**
   * Checks an add/replace of a map entry before it is written; throws an {@link ApiException} to
   * refuse.
   */
  @FunctionalInterface
  public interface EntryCheck {
    void check(String key, @Nullable String value);
  }

  /**
   * A declared map member, patched one entry at a time through {@code /member/{key}}.
   *
   * @param values STRING (the value as given, required) or FLAG (true for "true", false otherwise
   *     or when absent)
   * @param notFound the 404 text for a replace or remove of a key the map lacks, or null to
   *     put/ignore silently
   * @param check run on add/replace before anything else, or null
   */
  public record MapEntries(Kind values, @Nullable String notFound, @Nullable EntryCheck check) {
    public MapEntries {
      if (values != Kind.STRING && values != Kind.FLAG) {
        throw new IllegalArgumentException("values: " + values + " (expected: STRING or FLAG)");
      }
    }

    /** A map of strings; replace and remove of a missing key act silently. */
    public static MapEntries strings() {
      return new MapEntries(Kind.STRING, null, null);
    }

    /**
     * A map of lenient booleans ({@link Kind#FLAG}); replace and remove of a missing key act
     * silently.
     */
    public static MapEntries flags() {
      return new MapEntries(Kind.FLAG, null, null);
    }

    /**
     * The same map, answering a replace or remove of a missing key with a 404 {@code
     * NotFoundException}.
     */
    public MapEntries notFound(String message) {
      return new MapEntries(values, message, check);
    }

    /** The same map, checking each add/replace first. */
    public MapEntries checked(EntryCheck entryCheck) {
      return new MapEntries(values, notFound, entryCheck);
    }
  }

  private final List<Rule> rules = new ArrayList<>();
  private final Function<PatchOperation, ApiException> unknownPath;
  private @Nullable Function<PatchOperation, ApiException> unsupportedOp;

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
   * Declares a scalar or list path accepting add, remove and replace, listed in the unknown-path
   * answer.
   */
  public PatchApplier allow(String pattern, Kind kind) {
    return allow(pattern, kind, ANY_OP);
  }

  /** Declares a scalar or list path accepting {@code ops}, listed in the unknown-path answer. */
  public PatchApplier allow(String pattern, Kind kind, Set<String> ops) {
    rules.add(new Rule(split(pattern), ops, true, kind, null, null));
    return this;
  }

  /**
   * Declares the map member at {@code memberPattern}: its entries are {@code memberPattern + "/*"},
   * listed so.
   */
  public PatchApplier map(String memberPattern, MapEntries entries) {
    rules.add(new Rule(split(memberPattern + "/*"), ANY_OP, true, Kind.STRING, entries, null));
    return this;
  }

  /** As {@link #map}, left out of the unknown-path answer's list. */
  public PatchApplier unlistedMap(String memberPattern, MapEntries entries) {
    rules.add(new Rule(split(memberPattern + "/*"), ANY_OP, false, Kind.STRING, entries, null));
    return this;
  }

  /**
   * Declares a path {@code custom} applies, accepting {@code ops}, left out of the unknown-path
   * answer's list.
   */
  public PatchApplier custom(String pattern, Set<String> ops, Custom custom) {
    rules.add(new Rule(split(pattern), ops, false, Kind.STRING, null, custom));
    return this;
  }

  /**
   * Applies every operation in order to {@code tree}; throws on the first one refused: a 400 for an
   * operation other than add/remove/replace or a path not declared, a 404 for a missing map entry
   * where the map says so.
   */
  public void apply(ObjectNode tree, List<PatchOperation> ops) {
    for (PatchOperation op : ops) {
      apply(tree, op);
    }
  }

  private void apply(ObjectNode tree, PatchOperation op) {
    if (!ANY_OP.contains(op.op())) {
      throw ApiException.badRequest(
          "Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
    }
    String[] raw = op.path().substring(1).split("/", -1);
    boolean pathKnown = false;
    for (Rule r : rules) {
      if (r.matches(raw)) {
        if (r.ops().contains(op.op())) {
          r.apply(tree, op, raw);
          return;
        }
        pathKnown = true;
      }
    }
    throw pathKnown && unsupportedOp != null ? unsupportedOp.apply(op) : unknownPath.apply(op);
  }

  private String listed() {
    List<String> out = new ArrayList<>();
    for (Rule r : rules) {
      if (r.listed()) {
        out.add("/" + String.join("/", r.pattern()));
      }
    }
    return out.toString();
  }

  private static String[] split(String pattern) {
    return pattern.substring(1).split("/", -1);
  }

  private record Rule(
      String[] pattern,
      Set<String> ops,
      boolean listed,
      Kind kind,
      @Nullable MapEntries map,
      @Nullable Custom custom) {
    boolean matches(String[] raw) {
      if (raw.length != pattern.length) {
        return false;
      }
      for (int i = 0; i < raw.length; i++) {
        if (!pattern[i].equals("*")
            && !pattern[i].equals(raw[i])
            && !isAlternative(pattern[i], raw[i])) {
          return false;
        }
      }
      return true;
    }

    private static boolean isAlternative(String pattern, String segment) {
      if (pattern.indexOf('|') < 0) {
        return false;
      }
      for (String alternative : pattern.split("\\|")) {
        if (alternative.equals(segment)) {
          return true;
        }
      }
      return false;
    }

    void apply(ObjectNode tree, PatchOperation op, String[] raw) {
      if (custom != null) {
        custom.apply(tree, op, raw);
        return;
      }
      List<String> seg = op.segments();
      boolean remove = op.op().equals("remove");
      if (map != null) {
        applyMapEntry(
            map,
            parentOf(tree, seg.subList(0, seg.size() - 2)),
            seg.get(seg.size() - 2),
            seg.get(seg.size() - 1),
            op);
        return;
      }
      switch (kind) {
        case LIST_VALUE -> {
          ObjectNode parent = parentOf(tree, seg.subList(0, seg.size() - 2));
          String member = seg.get(seg.size() - 2);
          String last = seg.get(seg.size() - 1);
          ArrayNode list = parent.get(member) instanceof ArrayNode a ? a : parent.putArray(member);
          for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).asText().equals(last)) {
              list.remove(i);
            }
          }
          if (!remove) {
            list.add(last);
          }
          if (list.isEmpty()) {
            parent.remove(member);
          }
        }
        case LIST_FIRST -> {
          ObjectNode parent = parentOf(tree, seg.subList(0, seg.size() - 2));
          ArrayNode list = parent.putArray(seg.get(seg.size() - 2));
          list.add(op.requireValue());
        }
        default -> {
          ObjectNode parent = parentOf(tree, seg.subList(0, seg.size() - 1));
          String member = seg.get(seg.size() - 1);
          if (remove) {
            parent.remove(member);
            return;
          }
          String v = op.requireValue();
          switch (kind) {
            case BOOLEAN -> parent.put(member, parseBoolean(op, v));
            case FLAG -> parent.put(member, v.trim().equalsIgnoreCase("true"));
            case INT -> parent.put(member, parseInt(op, v));
            case DOUBLE -> parent.put(member, parseDouble(op, v));
            default -> parent.put(member, v);
          }
        }
      }
    }

    /** One entry of a declared map: the check, then AWS's not-found answer, then the write. */
    private static void applyMapEntry(
        MapEntries entries, ObjectNode parent, String member, String key, PatchOperation op) {
      boolean remove = op.op().equals("remove");
      if (!remove && entries.check() != null) {
        entries.check().check(key, op.value());
      }
      ObjectNode map = parent.get(member) instanceof ObjectNode o ? o : null;
      boolean present = map != null && map.has(key);
      if (!present && entries.notFound() != null && !op.op().equals("add")) {
        throw ApiException.notFound(entries.notFound());
      }
      if (remove) {
        if (map != null) {
          map.remove(key);
        }
      } else {
        if (map == null) {
          map = parent.putObject(member);
        }
        if (entries.values() == Kind.FLAG) {
          map.put(key, op.value() != null && Boolean.parseBoolean(op.value().trim()));
        } else {
          map.put(key, op.requireValue());
        }
      }
      if (map != null && map.isEmpty()) {
        parent.remove(member);
      }
    }

    private static ObjectNode parentOf(ObjectNode tree, List<String> path) {
      ObjectNode node = tree;
      for (String s : path) {
        JsonNode child = node.get(s);
        node = child instanceof ObjectNode o ? o : node.putObject(s);
      }
      return node;
    }

    private static boolean parseBoolean(PatchOperation op, String v) {
      String s = v.toLowerCase(Locale.ROOT);
      if (!s.equals("true") && !s.equals("false")) {
        throw ApiException.badRequest("Invalid boolean value '" + v + "' for " + op.path());
      }
      return s.equals("true");
    }

    private static int parseInt(PatchOperation op, String v) {
      try {
        return Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("Invalid integer value '" + v + "' for " + op.path());
      }
    }

    private static double parseDouble(PatchOperation op, String v) {
      try {
        return Double.parseDouble(v.trim());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("Invalid number value '" + v + "' for " + op.path());
      }
    }
  }
}
