package dev.turnpike.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaAliasTest {
  private static LambdaAlias alias(Map<String, Double> weights) {
    return new LambdaAlias("fn", "live", "1", "", weights, "rev");
  }

  @Test
  void pickVersion_noRouting_alwaysThePrimary() {
    LambdaAlias a = new LambdaAlias("fn", "live", "1", "", null, "rev");
    assertThat(a.pickVersion(0.0)).isEqualTo("1");
    assertThat(a.pickVersion(0.999)).isEqualTo("1");
  }

  @Test
  void pickVersion_weightedVersion_takesDrawsBelowItsWeight() {
    LambdaAlias a = alias(Map.of("2", 0.25));
    assertThat(a.pickVersion(0.0)).isEqualTo("2");
    assertThat(a.pickVersion(0.2499)).isEqualTo("2");
    assertThat(a.pickVersion(0.25)).isEqualTo("1");
    assertThat(a.pickVersion(0.99)).isEqualTo("1");
  }

  @Test
  void pickVersion_weightZero_neverTheAdditionalVersion() {
    assertThat(alias(Map.of("2", 0.0)).pickVersion(0.0)).isEqualTo("1");
  }
}
