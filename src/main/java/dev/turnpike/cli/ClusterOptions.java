package dev.turnpike.cli;

import dev.turnpike.counters.Counters;
import dev.turnpike.counters.LeasePolicy;
import dev.turnpike.counters.Ticker;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.JdbcConfigStore;
import dev.turnpike.store.SecretKeyRing;
import dev.turnpike.store.SecretSealer;
import dev.turnpike.store.StoreException;
import dev.turnpike.store.StoreLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * What a node shares with other nodes: {@code store} (configuration; null = the embedded H2 store
 * in the data directory), the key that encrypts secrets in a shared store ({@code secretKeyFile},
 * else {@code secretKey}, the {@code TURNPIKE_SECRET_KEY} variable's value) and {@code counters}
 * (null = counters of this node alone) with its Redis key prefix.
 */
record ClusterOptions(
    @Nullable String store,
    @Nullable Path secretKeyFile,
    @Nullable String secretKey,
    @Nullable String counters,
    String countersPrefix) {
  static final ClusterOptions SINGLE_NODE = new ClusterOptions(null, null, null, null, "turnpike:");

  static final String NO_KEY =
      "a shared store (--store) holds IAM secret keys, temporary credentials and ACM private keys,"
          + " and Turnpike encrypts them there (AES-256-GCM): give every node the same key with"
          + " --secret-key-file FILE or TURNPIKE_SECRET_KEY. Create one with: openssl rand -base64"
          + " 32 > turnpike-secret.key (keep it out of the database's backups)";

  /** This node's counters: shared through Redis with {@code --counters}, else its own. */
  Counters openCounters(Ticker ticker, Clock clock) throws StartupException {
    String uri = counters;
    if (uri == null || uri.isBlank()) {
      return Counters.local(ticker, clock);
    }
    if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
      IllegalArgumentException why =
          new IllegalArgumentException("expected redis://host[:port] (or rediss:// for TLS)");
      throw new StartupException("--counters " + uri + ": " + why.getMessage(), why);
    }
    try {
      return Counters.redis(
          uri, LeasePolicy.withPrefix(countersPrefix), ticker, clock, TurnpikeRuntime::log);
    } catch (IllegalArgumentException e) {
      throw new StartupException("--counters " + uri + ": " + e.getMessage(), e);
    }
  }

  boolean sharedStore() {
    return store != null && !store.isBlank();
  }

  /** The store this node reads and writes. */
  ConfigStore openStore(Path dataDir) throws StartupException {
    String uri = store;
    if (uri == null || uri.isBlank()) {
      return JdbcConfigStore.embedded(dataDir);
    }
    return openShared(uri);
  }

  /** The shared store with its secrets sealed under the key ring. */
  JdbcConfigStore openShared(String uri) throws StartupException {
    StoreLocation location;
    SecretKeyRing ring;
    try {
      location = StoreLocation.parse(uri);
      ring = keyRing();
    } catch (IllegalArgumentException e) {
      throw new StartupException(String.valueOf(e.getMessage()), e);
    }
    try {
      return JdbcConfigStore.shared(location, new SecretSealer(ring));
    } catch (StoreException e) {
      throw new StartupException(String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * The key ring from the file, else the variable.
   *
   * @throws IllegalArgumentException saying why none is usable and how to make one
   */
  SecretKeyRing keyRing() {
    Path file = secretKeyFile;
    if (file != null) {
      try {
        return SecretKeyRing.parse(
            Files.readString(file, StandardCharsets.UTF_8), "--secret-key-file " + file);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "--secret-key-file " + file + ": cannot read it (" + e.getMessage() + ")");
      }
    }
    String key = secretKey;
    if (key != null && !key.isBlank()) {
      return SecretKeyRing.parse(key, "TURNPIKE_SECRET_KEY");
    }
    throw new IllegalArgumentException(NO_KEY);
  }
}
