package dev.turnpike.cli;

import dev.turnpike.store.JdbcConfigStore;
import dev.turnpike.store.StoreException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code turnpike store}: operations on a shared configuration store. */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = "Operate a shared configuration store.",
    subcommands = StoreCommand.RotateKey.class)
final class StoreCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /**
   * Re-encrypts every secret under the first key of the key file. Rotation (docs/cluster.md): put
   * the new key on the second line of every node's key file and restart them one by one; run this
   * with a file whose first line is the new key (the old one after it); then make the new key the
   * first line everywhere and, once every node restarted, drop the old one.
   */
  @Command(
      name = "rotate-key",
      mixinStandardHelpOptions = true,
      description =
          "Re-encrypt every secret in the shared store under the first key of --secret-key-file"
              + " (the other keys of the file must include the one they are encrypted under now).")
  static final class RotateKey implements Callable<Integer> {
    @Mixin StoreOptions options = new StoreOptions();

    @Override
    public Integer call() {
      ClusterOptions cluster = options.cluster(null, "turnpike:");
      String uri = cluster.store();
      if (uri == null || uri.isBlank()) {
        System.err.println(
            "turnpike: rotate-key needs --store postgresql://... (the embedded store does not"
                + " encrypt secrets: they stay in the data directory, which only its owner reads)");
        return 2;
      }
      try (JdbcConfigStore store = cluster.openShared(uri)) {
        int n = store.reseal();
        System.out.println(
            "turnpike: "
                + n
                + " secret document(s) re-encrypted under key "
                + cluster.keyRing().current().id()
                + " in "
                + store.name());
        return 0;
      } catch (StartupException | StoreException e) {
        System.err.println("turnpike: " + e.getMessage());
        return 1;
      }
    }
  }
}
