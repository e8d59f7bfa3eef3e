package dev.turnpike.auth.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IAM wildcards: {@code *} any run (crossing {@code /}), {@code ?} one character. Table cases from
 * the API Gateway IAM examples (spec 5.1), then property checks against a regular-expression oracle
 * on random inputs (jqwik is not available offline; a seeded generator gives the same coverage
 * reproducibly).
 */
class WildcardTest {
  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("*", "", true),
        Arguments.of("*", "anything/at:all", true),
        Arguments.of("", "", true),
        Arguments.of("", "a", false),
        Arguments.of("a?c", "abc", true),
        Arguments.of("a?c", "ac", false),
        Arguments.of("api/*", "api/dev/GET/pets", true),
        Arguments.of("api/*/GET/pets", "api/dev/GET/pets", true),
        Arguments.of("api/*/GET/pets", "api/dev/GET/pets/1", false),
        Arguments.of("api/test/*", "api/dev/GET/pets", false),
        Arguments.of("*a*b*c*", "xxaxxbxxcxx", true),
        Arguments.of("*a*b*c*", "xxcxxbxxaxx", false),
        Arguments.of("a**b", "ab", true),
        Arguments.of("??", "abc", false),
        Arguments.of("abc", "ABC", false));
  }

  @ParameterizedTest(name = "{0} vs {1} → {2}")
  @MethodSource("table")
  void table(String pattern, String text, boolean expected) {
    assertThat(Wildcard.matches(pattern, text)).isEqualTo(expected);
  }

  @Test
  void actionsMatchIgnoringCase() {
    assertThat(Wildcard.matchesIgnoreCase("execute-api:invoke", "execute-api:Invoke")).isTrue();
    assertThat(Wildcard.matchesIgnoreCase("EXECUTE-API:*", "execute-api:Invoke")).isTrue();
  }

  @Test
  void agreesWithRegexOracleOnRandomInputs() {
    Random r = new Random(20240601L);
    char[] alphabet = {'a', 'b', '/', ':', '*', '?'};
    for (int n = 0; n < 20_000; n++) {
      String pattern = random(r, alphabet, r.nextInt(8));
      String text = random(r, new char[] {'a', 'b', '/', ':'}, r.nextInt(10));
      assertThat(Wildcard.matches(pattern, text))
          .as("%s vs %s", pattern, text)
          .isEqualTo(oracle(pattern, text));
    }
  }

  // The region form (used by the ARN matcher, part by part) answers what matching the cut-out parts
  // answers.
  @Test
  void regionMatchAgreesWithMatchingTheCutOutParts() {
    Random r = new Random(11);
    for (int n = 0; n < 20_000; n++) {
      String pattern = random(r, new char[] {'a', 'b', ':', '*', '?'}, r.nextInt(10));
      String text = random(r, new char[] {'a', 'b', ':'}, r.nextInt(12));
      int ps = r.nextInt(pattern.length() + 1);
      int pe = ps + r.nextInt(pattern.length() - ps + 1);
      int ts = r.nextInt(text.length() + 1);
      int te = ts + r.nextInt(text.length() - ts + 1);
      assertThat(Wildcard.matches(pattern, ps, pe, text, ts, te, false))
          .as("%s[%d,%d) vs %s[%d,%d)", pattern, ps, pe, text, ts, te)
          .isEqualTo(oracle(pattern.substring(ps, pe), text.substring(ts, te)));
    }
    assertThat(
            Arns.matches(
                "arn:aws:execute-api:*:1234:api/*/GET/*",
                "arn:aws:execute-api:us-east-1:1234:api/dev/GET/p"))
        .isTrue();
    assertThat(
            Arns.matches(
                "arn:aws:execute-api:*:1234:api/*/GET/*",
                "arn:aws:execute-api:us-east-1:12345:api/dev/GET/p"))
        .isFalse();
  }

  @Test
  void everyTextMatchesItselfAndStarAndItsQuestionMarkMask() {
    Random r = new Random(7);
    for (int n = 0; n < 5_000; n++) {
      String text = random(r, new char[] {'a', 'Z', '/', ':', '-', '%'}, r.nextInt(20));
      assertThat(Wildcard.matches(text, text)).isTrue();
      assertThat(Wildcard.matches("*", text)).isTrue();
      assertThat(Wildcard.matches("?".repeat(text.length()), text)).isTrue();
      assertThat(Wildcard.matches("?".repeat(text.length() + 1), text)).isFalse();
      if (!text.isEmpty()) {
        int cut = r.nextInt(text.length());
        assertThat(Wildcard.matches(text.substring(0, cut) + "*", text)).isTrue();
        assertThat(Wildcard.matches("*" + text.substring(cut), text)).isTrue();
      }
    }
  }

  @Test
  void pathologicalPatternsStayLinearEnough() {
    String text = "a".repeat(5000);
    long start = System.nanoTime();
    assertThat(Wildcard.matches("*a*a*a*a*a*a*a*a*b", text)).isFalse();
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }

  private static String random(Random r, char[] alphabet, int len) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < len; i++) {
      b.append(alphabet[r.nextInt(alphabet.length)]);
    }
    return b.toString();
  }

  private static boolean oracle(String pattern, String text) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(text).matches();
  }
}
