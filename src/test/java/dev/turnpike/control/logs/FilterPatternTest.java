package dev.turnpike.control.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.control.ApiException;
import org.junit.jupiter.api.Test;

/** CloudWatch Logs' unstructured filter pattern syntax (FilterAndPatternSyntax.html). */
class FilterPatternTest {
  private static final String THROTTLED =
      "(a1b2) API Key ****abcdef exceeded throttle limit for API Stage x/dev";
  private static final String COMPLETED = "(a1b2) Method completed with status: 429";

  @Test
  void terms_allMustOccur_caseSensitive() {
    FilterPattern p = FilterPattern.parse("throttle limit");
    assertThat(p.matches(THROTTLED)).isTrue();
    assertThat(p.matches(COMPLETED)).isFalse();
    assertThat(FilterPattern.parse("Throttle").matches(THROTTLED)).isFalse();
  }

  @Test
  void quotedPhrase_occursAsWritten() {
    assertThat(FilterPattern.parse("\"status: 429\"").matches(COMPLETED)).isTrue();
    assertThat(FilterPattern.parse("\"429 status\"").matches(COMPLETED)).isFalse();
  }

  @Test
  void questionMarkTerms_areAlternatives() {
    FilterPattern p = FilterPattern.parse("?throttle ?\"status: 429\"");
    assertThat(p.matches(THROTTLED)).isTrue();
    assertThat(p.matches(COMPLETED)).isTrue();
    assertThat(p.matches("(a1b2) Method completed with status: 200")).isFalse();
  }

  @Test
  void minusTerms_exclude() {
    FilterPattern p = FilterPattern.parse("(a1b2) -throttle");
    assertThat(p.matches(COMPLETED)).isTrue();
    assertThat(p.matches(THROTTLED)).isFalse();
  }

  @Test
  void empty_matchesEverything() {
    assertThat(FilterPattern.parse("  ").matches("anything")).isTrue();
  }

  @Test
  void jsonAndUnterminatedPatterns_invalidParameter() {
    assertThatThrownBy(() -> FilterPattern.parse("{ $.status = 429 }"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.errorType()).isEqualTo("InvalidParameterException"));
    assertThatThrownBy(() -> FilterPattern.parse("\"open"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.errorType()).isEqualTo("InvalidParameterException"));
  }
}
