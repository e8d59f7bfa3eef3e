package dev.turnpike.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.PatchApplier.Kind;
import java.util.Locale;

/**
 * Writes one accepted patch operation into a resource's JSON tree as its {@link PatchRule} says:
 * first the walk to the member's parent (creating objects on the way; a segment after a declared
 * {@link ValueList} selects an element, the segments after a declared {@link MapEntries} member
 * form one key), then the write.
 */
final class PatchWriter {
  private final PatchApplier applier;

  PatchWriter(PatchApplier applier) {
    this.applier = applier;
  }

  void write(PatchRule rule, ObjectNode tree, PatchOperation op, String[] raw) {
    if (rule.custom() != null) {
      rule.custom().apply(tree, op, raw);
      return;
    }
    String[] path = rule.target() != null ? rule.target() : raw;
    int last = path.length - 1;
    if (rule.map() != null) {
      int member = path.length - rule.map().keySegments() - 1;
      writeMapEntry(
          rule.map(),
          walk(tree, path, member),
          unescape(path[member]),
          rule.map().key(path, member + 1),
          op);
      return;
    }
    if (rule.list() != null) {
      writeListElement(rule.list(), walk(tree, path, last), unescape(path[last]), op);
      return;
    }
    switch (rule.kind()) {
      case LIST_VALUE -> writeListValue(walk(tree, path, last - 1), path, op);
      case LIST_FIRST -> {
        ObjectNode parent = walk(tree, path, last - 1);
        parent.putArray(unescape(path[last - 1])).add(op.requireValue());
      }
      default -> writeScalar(rule.kind(), walk(tree, path, last), unescape(path[last]), op);
    }
  }

  /** The object {@code path[0..end)} names; a list element must exist unless its list says not. */
  private ObjectNode walk(ObjectNode tree, String[] path, int end) {
    ObjectNode node = tree;
    int i = 0;
    while (i < end) {
      String member = unescape(path[i]);
      ValueList list = applier.listAt(path, i + 1);
      MapEntries map = applier.mapAt(path, i + 1);
      if (list != null && i + 1 < end) {
        node = element(node, member, list, unescape(path[i + 1]));
        i += 2;
      } else if (map != null && i + map.keySegments() < end) {
        node = child(child(node, member), map.key(path, i + 1));
        i += 1 + map.keySegments();
      } else {
        node = child(node, member);
        i++;
      }
    }
    return node;
  }

  private static ObjectNode child(ObjectNode node, String member) {
    return node.get(member) instanceof ObjectNode o ? o : node.putObject(member);
  }

  private static ObjectNode element(ObjectNode node, String member, ValueList list, String name) {
    JsonNode wanted = list.parse().apply(name);
    ArrayNode array = node.get(member) instanceof ArrayNode a ? a : null;
    int at = list.indexOf(array, wanted);
    JsonNode found = array != null && at >= 0 ? array.get(at) : null;
    if (found == null) {
      if (list.notFound() != null) {
        throw list.notFound().apply(wanted);
      }
      found = wanted.deepCopy();
      (array != null ? array : node.putArray(member)).add(found);
    }
    if (!(found instanceof ObjectNode o)) {
      throw new IllegalStateException("a path below " + member + " needs structure elements");
    }
    return o;
  }

  private static void writeListElement(
      ValueList list, ObjectNode parent, String member, PatchOperation op) {
    JsonNode wanted = list.parse().apply(op.value());
    if (op.op().equals("replace")) {
      throw ApiException.badRequest("Invalid patch operation specified. Must be 'add'|'remove'");
    }
    ArrayNode array = parent.get(member) instanceof ArrayNode a ? a : null;
    int at = list.indexOf(array, wanted);
    if (op.op().equals("add")) {
      if (list.check() != null) {
        list.check().accept(wanted);
      }
      if (at < 0) {
        (array != null ? array : parent.putArray(member)).add(wanted);
      }
      return;
    }
    if (array == null || at < 0) {
      if (list.notFound() != null) {
        throw list.notFound().apply(wanted);
      }
      return;
    }
    array.remove(at);
  }

  /**
   * {@code /list/value}: add appends the (unescaped) last segment, remove drops it, replace drops
   * it and appends the operation's value (AWS: {@code replace /binaryMediaTypes/image~1png} with
   * {@code image/gif}).
   */
  private static void writeListValue(ObjectNode parent, String[] path, PatchOperation op) {
    String member = unescape(path[path.length - 2]);
    String value = unescape(path[path.length - 1]);
    ArrayNode list = parent.get(member) instanceof ArrayNode a ? a : parent.putArray(member);
    for (int i = list.size() - 1; i >= 0; i--) {
      if (list.get(i).asText().equals(value)) {
        list.remove(i);
      }
    }
    if (op.op().equals("add")) {
      list.add(value);
    } else if (op.op().equals("replace")) {
      list.add(op.value() != null ? op.value() : value);
    }
    if (list.isEmpty()) {
      parent.remove(member);
    }
  }

  private void writeScalar(Kind kind, ObjectNode parent, String member, PatchOperation op) {
    if (op.op().equals("remove") || kind == Kind.STRUCTURE) {
      parent.remove(member);
      return;
    }
    if (kind == Kind.NULLABLE_STRING || kind == Kind.NULLABLE_INT) {
      String v = op.value();
      if (v == null || v.isEmpty()) {
        parent.remove(member);
      } else if (kind == Kind.NULLABLE_INT) {
        parent.put(member, parseInt(op, v));
      } else {
        parent.put(member, v);
      }
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

  /** One entry of a declared map: the check, then AWS's not-found answer, then the write. */
  private static void writeMapEntry(
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
    if (remove || entries.values() == Kind.STRUCTURE) {
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

  private static boolean parseBoolean(PatchOperation op, String v) {
    String s = v.toLowerCase(Locale.ROOT);
    if (!s.equals("true") && !s.equals("false")) {
      throw ApiException.badRequest("Invalid boolean value '" + v + "' for " + op.path());
    }
    return s.equals("true");
  }

  private int parseInt(PatchOperation op, String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw applier.invalidNumber(op, "integer");
    }
  }

  private double parseDouble(PatchOperation op, String v) {
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw applier.invalidNumber(op, "number");
    }
  }

  private static String unescape(String segment) {
    return PatchOperation.unescape(segment);
  }
}
