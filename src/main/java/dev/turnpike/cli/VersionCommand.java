package dev.turnpike.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code turnpike version}. */
@Command(name = "version", description = "Print Turnpike's version.")
final class VersionCommand implements Runnable {
  static String version() {
    String v = VersionCommand.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  @Override
  public void run() {
    System.out.println(
        "turnpike " + version() + " (java " + System.getProperty("java.version") + ")");
  }

  /** picocli's {@code --version}. */
  static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"turnpike " + version()};
    }
  }
}
