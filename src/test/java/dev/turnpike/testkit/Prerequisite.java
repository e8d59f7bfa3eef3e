package dev.turnpike.testkit;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program the end-to-end tests drive for real. {@code mvn -B verify} installs them first ({@code
 * .ci/install-deps}, bound to the build); a test that needs one calls {@link #require()} in its
 * {@code @BeforeAll}, so a missing one is an error counted in the report, naming the command that
 * fixes it, never a skipped test (an assumption would abort the class, and JUnit counts an aborted
 * class as neither run nor failed: the build would stay green without it).
 */
public enum Prerequisite {
  AWS_CLI("the AWS CLI (aws)", "python3 -m pip install awscli, or apt-get install awscli") {
    @Override
    boolean present() {
      return onPath("aws");
    }
  },
  BOTOCORE(
      "Python 3 with botocore",
      "python3 -m pip install botocore, or apt-get install python3-botocore") {
    @Override
    boolean present() {
      return succeeds("python3", "-c", "import botocore");
    }
  },
  OPENSSL("openssl", "apt-get install openssl") {
    @Override
    boolean present() {
      return onPath("openssl");
    }
  },
  CURL("curl", "apt-get install curl") {
    @Override
    boolean present() {
      return onPath("curl");
    }
  },
  PRLIMIT("prlimit (util-linux)", "apt-get install util-linux") {
    @Override
    boolean present() {
      return onPath("prlimit");
    }
  },
  CHROMIUM(
      "Chromium and its driver (/usr/bin/chromium, /usr/bin/chromedriver)",
      "apt-get install chromium chromium-driver") {
    @Override
    boolean present() {
      return Files.isExecutable(Path.of("/usr/bin/chromium"))
          && Files.isExecutable(Path.of("/usr/bin/chromedriver"));
    }
  };

  /**
   * What installs every prerequisite; {@code mvn -B verify} runs it unless {@code
   * -Dturnpike.skipInstall}.
   */
  public static final String INSTALL_COMMAND = ".ci/install-deps";

  private final String what;
  private final String install;
  private volatile boolean found;

  Prerequisite(String what, String install) {
    this.what = what;
    this.install = install;
  }

  abstract boolean present();

  /**
   * Returns if the program is installed; otherwise throws {@link Missing}, whose message says how
   * to install it.
   */
  public void require() {
    if (!found) {
      if (!present()) {
        throw new Missing(what, install);
      }
      found = true;
    }
  }

  /** Whether {@code program} is an executable file in a {@code PATH} directory. */
  static boolean onPath(String program) {
    requireNonNull(program, "program");
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static boolean succeeds(String... command) {
    try {
      Process p =
          new ProcessBuilder(List.of(command))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A prerequisite is not installed: the test that needs it cannot run, and its class errors. */
  public static final class Missing extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** {@code what} is missing; {@code install} is the command that installs it alone. */
    public Missing(String what, String install) {
      super(
          what
              + " is not installed, and the tests drive it for real: run "
              + INSTALL_COMMAND
              + " ("
              + install
              + "); mvn -B verify runs it for you unless -Dturnpike.skipInstall is set");
    }
  }
}
