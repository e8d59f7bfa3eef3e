package dev.turnpike.openapi;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * Local {@code $ref}s ({@code #/...} JSON pointers) within one document: shared parameters,
 * responses, request bodies and path items. Schemas are not inlined (they become models, referred
 * to by name); remote references are not followed (AWS does not fetch them either).
 */
final class Refs {
  private static final int MAX_HOPS = 32;

  private final JsonNode doc;

  Refs(JsonNode doc) {
    this.doc = doc;
  }

  /**
   * {@code node} with its {@code $ref} chain followed, or null when a reference points nowhere (or
   * loops, or leaves the document).
   */
  @Nullable JsonNode resolve(@Nullable JsonNode node) {
    JsonNode current = node;
    for (int i = 0; i < MAX_HOPS && current != null; i++) {
      String ref = ref(current);
      if (ref == null) {
        return current;
      }
      current = target(ref);
    }
    return null;
  }

  /** The node {@code ref} points at, or null. */
  @Nullable JsonNode target(String ref) {
    if (!ref.startsWith("#")) {
      return null;
    }
    try {
      JsonNode n = doc.at(JsonPointer.compile(ref.substring(1)));
      return n.isMissingNode() ? null : n;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The {@code $ref} text of {@code node}, or null when it is not a reference. */
  static @Nullable String ref(JsonNode node) {
    JsonNode r = node.get("$ref");
    return r != null && r.isTextual() ? r.asText() : null;
  }
}
