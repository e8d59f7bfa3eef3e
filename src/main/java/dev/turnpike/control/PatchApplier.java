package dev.turnpike.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Applies {@code patchOperations} to a resource's JSON tree, allowing only the paths a resource declares (AWS
 * rejects any other path with a 400). A declared path is a pattern whose {@code *} matches one segment; its
 * {@link Kind} says how the value is typed and where it goes.
 */
public final class PatchApplier {
  /** How a patch path maps onto the tree. */
  public enum Kind {
    /** A string member; remove clears it. */
    STRING,
    /** A boolean member ("true"/"false"). */
    BOOLEAN,
    /** An integer member. */
    INT,
    /** A number member. */
    DOUBLE,
    /** {@code /map/key}: sets or removes one entry of a string map. */
    MAP_ENTRY,
    /** {@code /list/value}: add appends the (unescaped) last segment to a string list, remove drops it. */
    LIST_VALUE,
    /** {@code /list/0}: replaces the first element of a string list. */
    LIST_FIRST
  }

  private final List<Rule> rules = new ArrayList<>();

  public PatchApplier allow(String pattern, Kind kind) {
    rules.add(new Rule(pattern.substring(1).split("/", -1), kind));
    return this;
  }

  /** Applies every operation in order to {@code tree}; throws a 400 on the first path not allowed. */
  public void apply(ObjectNode tree, List<PatchOperation> ops) {
    for (PatchOperation op : ops) {
      apply(tree, op);
    }
  }

  private void apply(ObjectNode tree, PatchOperation op) {
    String[] raw = op.path().substring(1).split("/", -1);
    for (Rule r : rules) {
      if (r.matches(raw)) {
        r.apply(tree, op);
        return;
      }
    }
    throw ApiException.badRequest("Invalid patch path '" + op.path() + "' specified for op '" + op.op() + "'. "
        + "Must be one of: " + allowed());
  }

  private String allowed() {
    List<String> out = new ArrayList<>();
    for (Rule r : rules) {
      out.add("/" + String.join("/", r.pattern));
    }
    return out.toString();
  }

  private record Rule(String[] pattern, Kind kind) {
    boolean matches(String[] raw) {
      if (raw.length != pattern.length) {
        return false;
      }
      for (int i = 0; i < raw.length; i++) {
        if (!pattern[i].equals("*") && !pattern[i].equals(raw[i])) {
          return false;
        }
      }
      return true;
    }

    void apply(ObjectNode tree, PatchOperation op) {
      List<String> seg = op.segments();
      boolean remove = op.op().equals("remove");
      if (!remove && !op.op().equals("replace") && !op.op().equals("add")) {
        throw ApiException.badRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
      }
      switch (kind) {
        case MAP_ENTRY, LIST_VALUE -> {
          ObjectNode parent = parentOf(tree, seg.subList(0, seg.size() - 2));
          String member = seg.get(seg.size() - 2);
          String last = seg.get(seg.size() - 1);
          if (kind == Kind.MAP_ENTRY) {
            ObjectNode map = parent.has(member) && parent.get(member).isObject()
                ? (ObjectNode) parent.get(member) : parent.putObject(member);
            if (remove) {
              map.remove(last);
            } else {
              map.put(last, op.requireValue());
            }
            if (map.isEmpty()) {
              parent.remove(member);
            }
          } else {
            ArrayNode list = parent.has(member) && parent.get(member).isArray()
                ? (ArrayNode) parent.get(member) : parent.putArray(member);
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
            case INT -> parent.put(member, parseInt(op, v));
            case DOUBLE -> parent.put(member, parseDouble(op, v));
            default -> parent.put(member, v);
          }
        }
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
