package dev.turnpike.control;

import dev.turnpike.control.PatchApplier.Kind;
import org.jspecify.annotations.Nullable;

/**
 * A declared map member of a patched resource ({@link PatchApplier#map}), patched one entry at a
 * time through {@code /member/{key}}: add puts an entry, replace puts one that must exist when the
 * map says so, remove deletes one that must exist when the map says so. A map left empty is dropped
 * from the tree.
 *
 * <p>Implementation notes: AWS answers a replace or remove of a missing key with a 404 whose text
 * depends on the map ({@code TestApigatewayMethodResponse}, {@code TestApiGatewayGatewayResponse},
 * recorded by LocalStack against AWS), e.g. "Invalid parameter name specified". Usage plans key
 * their per-method throttles {@code {resourcePath}/{httpMethod}}, addressed by two path segments
 * ({@code /apiStages/a:dev/throttle/~1pets/GET}, key {@code /pets/GET}): {@link #byMethod()}.
 *
 * @param values STRING (the value as given, required), FLAG (true for "true", false otherwise or
 *     when absent) or STRUCTURE (entries written through the paths below them; an entry itself can
 *     only be removed)
 * @param notFound the 404 text for a replace or remove of a key the map lacks, or null to
 *     put/ignore silently
 * @param check run on add/replace before anything else, or null
 * @param keySegments how many path segments a key spans: 1, or 2 for {@code
 *     {resourcePath}/{httpMethod}} keys
 */
public record MapEntries(
    Kind values, @Nullable String notFound, @Nullable EntryCheck check, int keySegments) {

  /**
   * Checks an add/replace of a map entry before it is written; throws an {@link ApiException} to
   * refuse.
   */
  @FunctionalInterface
  public interface EntryCheck {
    void check(String key, @Nullable String value);
  }

  public MapEntries {
    if (values != Kind.STRING && values != Kind.FLAG && values != Kind.STRUCTURE) {
      throw new IllegalArgumentException(
          "values: " + values + " (expected: STRING, FLAG or STRUCTURE)");
    }
    if (keySegments != 1 && keySegments != 2) {
      throw new IllegalArgumentException("keySegments: " + keySegments + " (expected: 1 or 2)");
    }
  }

  /** A map of strings; replace and remove of a missing key act silently. */
  public static MapEntries strings() {
    return new MapEntries(Kind.STRING, null, null, 1);
  }

  /**
   * A map of lenient booleans ({@link Kind#FLAG}); replace and remove of a missing key act
   * silently.
   */
  public static MapEntries flags() {
    return new MapEntries(Kind.FLAG, null, null, 1);
  }

  /**
   * A map of structures whose members are declared paths below the entry; an entry is created by
   * the first write below it, and remove of the entry deletes it (silently when missing).
   */
  public static MapEntries structures() {
    return new MapEntries(Kind.STRUCTURE, null, null, 1);
  }

  /**
   * The same map, answering a replace or remove of a missing key with a 404 {@code
   * NotFoundException}.
   */
  public MapEntries notFound(String message) {
    return new MapEntries(values, message, check, keySegments);
  }

  /** The same map, checking each add/replace first. */
  public MapEntries checked(EntryCheck entryCheck) {
    return new MapEntries(values, notFound, entryCheck, keySegments);
  }

  /**
   * The same map, keyed {@code {resourcePath}/{httpMethod}}: two path segments, the resource path
   * unescaped ({@code ~1pets/GET} is the key {@code /pets/GET}, {@code ~1/GET} is {@code //GET}).
   */
  public MapEntries byMethod() {
    return new MapEntries(values, notFound, check, 2);
  }

  /** The key that {@code path[from..]} names. */
  String key(String[] path, int from) {
    String first = PatchOperation.unescape(path[from]);
    return keySegments == 1 ? first : first + "/" + PatchOperation.unescape(path[from + 1]);
  }
}
