package dev.turnpike.cli;

import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.DocumentSealer;
import dev.turnpike.store.JdbcConfigStore;
import dev.turnpike.store.StoreException;
import dev.turnpike.store.StoreLocation;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where a node keeps what it shares with other nodes: {@code --store} (configuration; null = the
 * embedded H2 store in the data directory).
 */
record ClusterOptions(@Nullable String store) {
  static final ClusterOptions SINGLE_NODE = new ClusterOptions(null);

  boolean sharedStore() {
    return store != null && !store.isBlank();
  }

  /** The store this node reads and writes. */
  ConfigStore openStore(Path dataDir) throws StartupException {
    String uri = store;
    if (uri == null || uri.isBlank()) {
      return JdbcConfigStore.embedded(dataDir);
    }
    StoreLocation location;
    try {
      location = StoreLocation.parse(uri);
    } catch (IllegalArgumentException e) {
      throw new StartupException(String.valueOf(e.getMessage()), e);
    }
    try {
      return JdbcConfigStore.shared(location, DocumentSealer.NONE);
    } catch (StoreException e) {
      throw new StartupException(String.valueOf(e.getMessage()), e);
    }
  }
}
