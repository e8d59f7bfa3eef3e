package dev.turnpike.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options naming a shared store and its secret key, the same for {@code serve}, {@code account
 * create} and {@code store rotate-key} (a picocli mixin).
 */
final class StoreOptions {
  @Option(
      names = "--store",
      defaultValue = "${env:TURNPIKE_STORE}",
      description =
          "Configuration store shared by several nodes: postgresql://user[:password]@host[:port]/db"
              + " (default: the embedded store in the data directory).")
  @Nullable String store;

  @Option(
      names = "--secret-key-file",
      defaultValue = "${env:TURNPIKE_SECRET_KEY_FILE}",
      description =
          "With --store: the AES-256 key(s) that encrypt secrets in the shared store, one base64"
              + " key per line, the first one current (else the variable TURNPIKE_SECRET_KEY).")
  @Nullable Path secretKeyFile;

  ClusterOptions cluster(@Nullable String counters, String countersPrefix) {
    return new ClusterOptions(
        store, secretKeyFile, System.getenv("TURNPIKE_SECRET_KEY"), counters, countersPrefix);
  }
}
