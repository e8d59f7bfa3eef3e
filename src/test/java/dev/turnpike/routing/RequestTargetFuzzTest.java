package dev.turnpike.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.testkit.Fuzz;
import java.net.URI;
import java.net.URISyntaxException;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 fuzzing: any request-target Netty can hand over (each byte as one char) normalizes
 * without an exception into a target every later decoder accepts, with no dot segment left, and
 * normalizing it again changes nothing.
 */
class RequestTargetFuzzTest {
  private static final String[] PIECES = {
    "/", "..", ".", "%2e", "%2E", "%", "%2f", "%5c", ";", "\\", "?", "#", "a", "\u00e9", "\u00ff",
    "%zz", "%4", "%C3%A9", " ", "{", "|", "\u0000", "\r", "=", "&", "+"
  };

  private static String target(Fuzz f) {
    return "/"
        + (f.random().nextBoolean() ? f.pieces(16, PIECES) : f.chars(40, '\u0000', '\u00ff'));
  }

  @Test
  void normalizedTargets_areSafeAndStable() {
    Fuzz.seeded()
        .run(
            RequestTargetFuzzTest::target,
            target -> {
              String out = RequestTarget.normalize(target);
              for (int i = 0; i < out.length(); i++) {
                char c = out.charAt(i);
                assertThat(c).as("char %d of %s", i, out).isBetween('\u0021', '\u007e');
                if (c == '%') {
                  assertThat(out.substring(i + 1, Math.min(out.length(), i + 3)))
                      .as("escape at %d of %s", i, out)
                      .matches("[0-9A-Fa-f]{2}");
                }
              }
              assertThat(RequestTarget.normalize(out)).isEqualTo(out);
              int q = out.indexOf('?');
              int hash = q < 0 ? -1 : out.indexOf('#', q);
              try {
                // What the gateway forwards: the fragment after the query is dropped.
                new URI("http://h" + (hash < 0 ? out : out.substring(0, hash)));
              } catch (URISyntaxException e) {
                throw new AssertionError(out, e);
              }
              String path = q < 0 ? out : out.substring(0, q);
              for (String segment : path.split("/", -1)) {
                String s = segment.replace("%2e", ".").replace("%2E", ".");
                assertThat(s).as("segment of %s", out).isNotIn(".", "..");
              }
              RequestTarget.climbs(out);
            });
  }
}
