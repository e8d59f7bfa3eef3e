package dev.turnpike.cli;

import dev.turnpike.server.ControlPlaneEndpoint;
import dev.turnpike.store.ConfigStore;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code GET /_turnpike/health/live} and {@code /_turnpike/health/ready} on the admin listener, for
 * load balancers and Kubernetes probes (unsigned, like the metrics). Live: the process answers.
 * Ready: a snapshot is loaded and the store answers now (a node whose PostgreSQL is unreachable
 * still serves its last snapshot, but should not be the one new traffic or writes go to). Answered
 * on the control thread, never on an event loop: readiness reads the store.
 */
final class Health {
  static final String PREFIX = "/_turnpike/health/";

  private final ConfigStore store;
  private final LongSupplier snapshotRevision;

  Health(ConfigStore store, LongSupplier snapshotRevision) {
    this.store = store;
    this.snapshotRevision = snapshotRevision;
  }

  ControlPlaneEndpoint.Response answer(String path) {
    if (path.equals(PREFIX + "live")) {
      return json(200, "{\"status\":\"UP\"}");
    }
    if (path.equals(PREFIX + "ready")) {
      long snapshot = snapshotRevision.getAsLong();
      try {
        long stored = store.revision();
        return json(
            200,
            "{\"status\":\"READY\",\"snapshotRevision\":"
                + snapshot
                + ",\"storeRevision\":"
                + stored
                + "}");
      } catch (RuntimeException e) {
        return json(
            503,
            "{\"status\":\"NOT_READY\",\"reason\":\"the configuration store is unreachable\","
                + "\"snapshotRevision\":"
                + snapshot
                + "}");
      }
    }
    return json(404, "{\"message\":\"live or ready\"}");
  }

  private static ControlPlaneEndpoint.Response json(int status, String body) {
    return new ControlPlaneEndpoint.Response(
        status, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
  }
}
