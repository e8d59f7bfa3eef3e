package dev.turnpike.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code turnpike store rotate-key}: rewrites every secret-holding body that is not sealed under
 * the key ring's current key (plaintext from before a key was set, or an older key), in one
 * transaction. Versions and the revision counter do not move: the documents say the same thing, so
 * no snapshot is rebuilt and no optimistic write in flight is invalidated.
 */
final class SecretRotation {
  private SecretRotation() {}

  /** Returns how many documents were rewritten. */
  static int reseal(Connection c, DocumentSealer sealer) throws SQLException {
    // Same lock as a commit: no node writes a secret under the old key while this runs.
    try (PreparedStatement ps =
            c.prepareStatement("SELECT counter FROM revision WHERE id=1 FOR UPDATE");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
    }
    List<DocumentKey> keys = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    String in = String.join(",", SecretSealer.SEALED_KINDS.stream().map(k -> "?").toList());
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT account_id, kind, scope, id, body FROM documents WHERE kind IN (" + in + ")")) {
      int i = 1;
      for (String kind : SecretSealer.SEALED_KINDS) {
        ps.setString(i++, kind);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          DocumentKey key =
              new DocumentKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
          String body = rs.getString(5);
          if (!sealer.isCurrent(key, body)) {
            keys.add(key);
            bodies.add(sealer.seal(key, sealer.open(key, body)));
          }
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE documents SET body=? WHERE account_id=? AND kind=? AND scope=? AND id=?")) {
      for (int i = 0; i < keys.size(); i++) {
        ps.setString(1, bodies.get(i));
        JdbcConfigStore.bindKey(ps, keys.get(i), 2);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return keys.size();
  }
}
