package dev.turnpike.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.PatchApplier.Kind;
import dev.turnpike.store.Documents;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Value lists ({@code add /apiStages "api:stage"}) and the paths that address their elements and
 * per-method map entries, as UpdateUsagePlan declares them (spec 2.3–2.4).
 */
class ValueListTest {
  private final List<JsonNode> checked = new ArrayList<>();

  private final ValueList stages =
      ValueList.of(ValueListTest::stage)
          .checked(
              s -> {
                if (s.get("apiId").asText().equals("gone")) {
                  throw ApiException.notFound("no such stage");
                }
                checked.add(s);
              })
          .notFound(s -> ApiException.notFound("missing " + s.get("apiId").asText()));

  private final PatchApplier applier =
      PatchApplier.listing()
          .values("/apiStages", stages)
          .map("/apiStages/*/throttle", MapEntries.structures().byMethod())
          .allow("/apiStages/*/throttle/*/*/rateLimit", Kind.DOUBLE)
          .allow("/apiStages/*/throttle/*/*/burstLimit", Kind.INT)
          .allow("/throttle", Kind.STRUCTURE, PatchApplier.REMOVE)
          .allow("/throttle/burstLimit", Kind.INT);

  private static JsonNode stage(@Nullable String v) {
    int colon = v == null ? -1 : v.indexOf(':');
    if (v == null || colon <= 0 || colon == v.length() - 1) {
      throw ApiException.badRequest("Invalid API Stage specified");
    }
    ObjectNode s = Documents.MAPPER.createObjectNode();
    return s.put("apiId", v.substring(0, colon)).put("stage", v.substring(colon + 1));
  }

  private static ObjectNode tree(String json) {
    try {
      return (ObjectNode) Documents.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static PatchOperation op(String op, String path, @Nullable String value) {
    return new PatchOperation(op, path, value, null);
  }

  private static void assertApiError(Runnable r, int status, String type, String message) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(status);
              assertThat(e.errorType()).isEqualTo(type);
            })
        .hasMessage(message);
  }

  @Test
  void values_addTwiceThenRemove_oneElementThenNone() {
    ObjectNode t = tree("{}");
    applier.apply(t, List.of(op("add", "/apiStages", "a1:dev"), op("add", "/apiStages", "a1:dev")));
    assertThat(t.get("apiStages").toString()).isEqualTo("[{\"apiId\":\"a1\",\"stage\":\"dev\"}]");
    assertThat(checked).hasSize(2); // the check runs on every add, present or not
    applier.apply(t, List.of(op("remove", "/apiStages", "a1:dev")));
    assertThat(t.get("apiStages")).isEmpty();
  }

  @Test
  void values_removeNamesElementWhateverItsOtherFields_dropsIt() {
    ObjectNode t =
        tree("{\"apiStages\":[{\"apiId\":\"a1\",\"stage\":\"dev\",\"throttle\":{\"//GET\":{}}}]}");
    applier.apply(t, List.of(op("remove", "/apiStages", "a1:dev")));
    assertThat(t.get("apiStages")).isEmpty();
  }

  @Test
  void values_removeMissing_notFoundAnswer() {
    assertApiError(
        () -> applier.apply(tree("{}"), List.of(op("remove", "/apiStages", "a1:dev"))),
        404,
        "NotFoundException",
        "missing a1");
  }

  @Test
  void values_addRefusedByCheck_checkAnswerAndNothingAdded() {
    ObjectNode t = tree("{}");
    assertApiError(
        () -> applier.apply(t, List.of(op("add", "/apiStages", "gone:dev"))),
        404,
        "NotFoundException",
        "no such stage");
    assertThat(t.has("apiStages")).isFalse();
  }

  @Test
  void values_malformedOrMissingValue_parserAnswerWhateverTheOp() {
    for (String o : List.of("add", "remove", "replace")) {
      assertApiError(
          () -> applier.apply(tree("{}"), List.of(op(o, "/apiStages", "nocolon"))),
          400,
          "BadRequestException",
          "Invalid API Stage specified");
    }
    assertApiError(
        () -> applier.apply(tree("{}"), List.of(op("add", "/apiStages", null))),
        400,
        "BadRequestException",
        "Invalid API Stage specified");
  }

  @Test
  void values_replace_badRequestAddOrRemove() {
    assertApiError(
        () -> applier.apply(tree("{}"), List.of(op("replace", "/apiStages", "a1:dev"))),
        400,
        "BadRequestException",
        "Invalid patch operation specified. Must be 'add'|'remove'");
  }

  @Test
  void elementPath_methodThrottle_setThenRemovedDropsEmptyMap() {
    ObjectNode t = tree("{\"apiStages\":[{\"apiId\":\"a1\",\"stage\":\"dev\"}]}");
    applier.apply(
        t,
        List.of(
            op("replace", "/apiStages/a1:dev/throttle/~1pets/GET/rateLimit", "2.5"),
            op("replace", "/apiStages/a1:dev/throttle/~1/GET/burstLimit", "3")));
    assertThat(t.get("apiStages").get(0).get("throttle").toString())
        .isEqualTo("{\"/pets/GET\":{\"rateLimit\":2.5},\"//GET\":{\"burstLimit\":3}}");
    applier.apply(
        t,
        List.of(
            op("remove", "/apiStages/a1:dev/throttle/~1pets/GET", null),
            op("remove", "/apiStages/a1:dev/throttle/~1/GET", null),
            op("remove", "/apiStages/a1:dev/throttle/~1nothing/GET", null)));
    assertThat(t.get("apiStages").get(0).has("throttle")).isFalse();
  }

  @Test
  void elementPath_elementMissing_notFoundAnswer() {
    assertApiError(
        () ->
            applier.apply(
                tree("{}"),
                List.of(op("replace", "/apiStages/a1:dev/throttle/~1/GET/rateLimit", "1"))),
        404,
        "NotFoundException",
        "missing a1");
  }

  @Test
  void elementPath_replaceOfMethodEntry_badRequestListing() {
    // A map of structures takes remove only; its members are the paths below the entry.
    assertApiError(
        () ->
            applier.apply(
                tree("{\"apiStages\":[{\"apiId\":\"a1\",\"stage\":\"dev\"}]}"),
                List.of(op("replace", "/apiStages/a1:dev/throttle/~1/GET", "1"))),
        400,
        "BadRequestException",
        "Invalid patch path '/apiStages/a1:dev/throttle/~1/GET' specified for op 'replace'. Must"
            + " be one of: [/apiStages, /apiStages/*/throttle/*/*,"
            + " /apiStages/*/throttle/*/*/rateLimit, /apiStages/*/throttle/*/*/burstLimit,"
            + " /throttle, /throttle/burstLimit]");
  }

  @Test
  void structure_remove_dropsMemberAndReplaceIsUnknown() {
    ObjectNode t = tree("{\"throttle\":{\"burstLimit\":1}}");
    applier.apply(t, List.of(op("remove", "/throttle", null)));
    assertThat(t.has("throttle")).isFalse();
    assertThatThrownBy(() -> applier.apply(t, List.of(op("replace", "/throttle", "1"))))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("Invalid patch path '/throttle' specified for op 'replace'.");
  }
}
