package dev.turnpike.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * A missing prerequisite must turn the build red (issue 16): runs the JUnit Platform, as Failsafe
 * does, on a fixture class whose {@code @BeforeAll} finds a program missing, and reads the summary
 * Failsafe builds its report from. The fixture is a static nested class, which neither Surefire
 * ({@code **}{@code /*$*} is excluded) nor Failsafe ({@code *IT} only) runs by themselves.
 */
class PrerequisiteTest {
  private static final String NO_SUCH_PROGRAM = "turnpike-no-such-program-16";

  /**
   * Test methods (never {@code @BeforeAll}) that may skip, and why: none is a program the tests
   * could install.
   */
  private static final Map<String, String> ALLOWED_ASSUMPTIONS =
      Map.of(
          "KbWebIT.java",
          "remoteClientsGetArticlesButNoLiveChecks needs a non-loopback IPv4 address on this"
              + " machine");

  @Test
  void beforeAll_prerequisiteMissing_failsTheClassAndNamesTheFix_issue16() {
    TestExecutionSummary summary = run(NeedsAMissingProgram.class);

    assertThat(summary.getContainersFailedCount()).isEqualTo(1);
    assertThat(summary.getTotalFailureCount()).isEqualTo(1);
    assertThat(summary.getTestsStartedCount()).isZero();
    assertThat(summary.getContainersAbortedCount() + summary.getTestsAbortedCount()).isZero();
    assertThat(summary.getFailures().get(0).getException())
        .isInstanceOf(Prerequisite.Missing.class)
        .hasMessage(
            NO_SUCH_PROGRAM
                + " is not installed, and the tests drive it for real: run .ci/install-deps "
                + "(apt-get install "
                + NO_SUCH_PROGRAM
                + "); mvn -B verify runs it for you unless "
                + "-Dturnpike.skipInstall is set");
  }

  /**
   * Failsafe reports a class aborted in {@code @BeforeAll} as "Tests run: 0, Failures: 0, Errors:
   * 0, Skipped: 0" and the build stays green, which is how KbBrowserIT's assumption hid a missing
   * browser: no end-to-end test assumes, but for the listed test-level assumptions about the
   * machine, which the report counts as skipped.
   */
  @Test
  void endToEndTests_neverAssumeOrDisable_soNothingIsSkippedSilently_issue16() throws IOException {
    Path it = Path.of("src", "test", "java", "dev", "turnpike", "it");
    List<String> skipping = new ArrayList<>();
    try (Stream<Path> files = Files.list(it)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        for (String word :
            List.of(
                "Assumptions",
                "assumeTrue",
                "assumeFalse",
                "assumingThat",
                "@Disabled",
                "TestAbortedException")) {
          if (text.contains(word) && !ALLOWED_ASSUMPTIONS.containsKey(f.getFileName().toString())) {
            skipping.add(f.getFileName() + ": " + word);
          }
        }
      }
    }
    assertThat(Files.isRegularFile(it.resolve("KbBrowserIT.java")))
        .as("run from the project directory")
        .isTrue();
    assertThat(skipping)
        .as("require the prerequisite with Prerequisite.require() instead")
        .isEmpty();
  }

  @Test
  void onPath_findsAProgramEveryMachineHas_andNotAMadeUpOne() {
    assertThat(Prerequisite.onPath("sh")).isTrue();
    assertThat(Prerequisite.onPath(NO_SUCH_PROGRAM)).isFalse();
  }

  private static TestExecutionSummary run(Class<?> testClass) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(),
            listener);
    return listener.getSummary();
  }

  static final class NeedsAMissingProgram {
    @BeforeAll
    static void start() {
      if (!Prerequisite.onPath(NO_SUCH_PROGRAM)) {
        throw new Prerequisite.Missing(NO_SUCH_PROGRAM, "apt-get install " + NO_SUCH_PROGRAM);
      }
    }

    @Test
    void usesIt() {}
  }
}
