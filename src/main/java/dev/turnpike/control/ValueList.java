package dev.turnpike.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A declared list member of a patched resource ({@link PatchApplier#values}) whose elements are
 * added and removed one at a time, each named by the operation's value; a path segment after the
 * member names an element the same way for the declared paths below it.
 *
 * <p>Implementation notes: UpdateUsagePlan's {@code /apiStages} is such a list: {@code add} with
 * value {@code api:stage} adds the stage, {@code remove} drops it, and {@code
 * /apiStages/api:stage/throttle/...} addresses the element's per-method throttles (spec 2.3–2.4).
 * The value is parsed before the operation is looked at, so a malformed value answers the parser's
 * 400 whatever the operation; {@code replace} then answers "Invalid patch operation specified. Must
 * be 'add'|'remove'". Add runs the check and appends the element unless an equal one is present;
 * remove of a missing element, or a path through one, answers {@code notFound}'s exception (add
 * silently, or create it, when null). An element equals a parsed object when it has each of the
 * parsed object's fields with the same value (so {@code {apiId, stage}} names an {@code ApiStage}
 * whatever its throttles), and a parsed scalar when it is equal.
 *
 * @param parse the value (or path segment, unescaped) to the element it names; throws an {@link
 *     ApiException} when malformed
 * @param check run on add, after parsing, or null
 * @param notFound the exception for a remove of (or a path through) a missing element, or null
 */
public record ValueList(
    Function<@Nullable String, JsonNode> parse,
    @Nullable Consumer<JsonNode> check,
    @Nullable Function<JsonNode, ApiException> notFound) {

  /** A list whose elements {@code parse} reads from the operation's value. */
  public static ValueList of(Function<@Nullable String, JsonNode> parse) {
    return new ValueList(parse, null, null);
  }

  /** The same list, running {@code addCheck} on each element before it is added. */
  public ValueList checked(Consumer<JsonNode> addCheck) {
    return new ValueList(parse, addCheck, notFound);
  }

  /** The same list, answering a remove of (or a path through) a missing element with {@code e}. */
  public ValueList notFound(Function<JsonNode, ApiException> e) {
    return new ValueList(parse, check, e);
  }

  /** Where an element equal to {@code wanted} is in {@code list}, or -1. */
  int indexOf(@Nullable ArrayNode list, JsonNode wanted) {
    if (list == null) {
      return -1;
    }
    for (int i = 0; i < list.size(); i++) {
      if (same(list.get(i), wanted)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean same(JsonNode element, JsonNode wanted) {
    if (!wanted.isObject()) {
      return element.equals(wanted);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getValue().equals(element.get(field.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
