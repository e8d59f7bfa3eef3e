package dev.turnpike.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code turnpike}: the entry point. */
@Command(
    name = "turnpike",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "A self-hosted API gateway that behaves like Amazon API Gateway.",
    subcommands = {
      ServeCommand.class,
      AccountCommand.class,
      CaCommand.class,
      ExplainCommand.class,
      KbCommand.class,
      DoctorCommand.class,
      StoreCommand.class,
      VersionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
