package dev.turnpike.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * A missing prerequisite must turn the build red (issue 16): runs the JUnit Platform, as Failsafe does, on a fixture
 * class whose {@code @BeforeAll} finds a program missing, and reads the summary Failsafe builds its report from.
 * The fixture is a static nested class, which neither Surefire ({@code **}{@code /*$*} is excluded) nor Failsafe
 * ({@code *IT} only) runs by themselves.
 */
class PrerequisiteTest {
  private static final String NO_SUCH_PROGRAM = "turnpike-no-such-program-16";

  @Test
  void beforeAll_prerequisiteMissing_failsTheClassAndNamesTheFix_issue16() {
    TestExecutionSummary summary = run(NeedsAMissingProgram.class);

    assertThat(summary.getContainersFailedCount()).isEqualTo(1);
    assertThat(summary.getTotalFailureCount()).isEqualTo(1);
    assertThat(summary.getTestsStartedCount()).isZero();
    assertThat(summary.getContainersAbortedCount() + summary.getTestsAbortedCount()).isZero();
    assertThat(summary.getFailures().get(0).getException()).isInstanceOf(Prerequisite.Missing.class)
        .hasMessage(NO_SUCH_PROGRAM + " is not installed, and the tests drive it for real: run .ci/install-deps "
            + "(apt-get install " + NO_SUCH_PROGRAM + "); mvn -B verify runs it for you unless "
            + "-Dturnpike.skipInstall is set");
  }

  @Test
  void onPath_findsAProgramEveryMachineHas_andNotAMadeUpOne() {
    assertThat(Prerequisite.onPath("sh")).isTrue();
    assertThat(Prerequisite.onPath(NO_SUCH_PROGRAM)).isFalse();
  }

  private static TestExecutionSummary run(Class<?> testClass) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
        .build(), listener);
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
