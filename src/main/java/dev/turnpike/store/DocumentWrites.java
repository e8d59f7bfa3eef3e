package dev.turnpike.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Applies one {@link Write} inside the transaction of a commit: the optimistic version check, then
 * the insert, update or delete. In a tracked commit the caller holds the revision row's lock, so
 * the version read here cannot change before the transaction ends; an untracked one (usage) holds
 * none, so the update itself checks the version read and a concurrent insert fails as a conflict.
 */
final class DocumentWrites {
  /** SQLSTATE of a primary key violation (PostgreSQL and H2). */
  private static final String UNIQUE_VIOLATION = "23505";

  private final Connection c;
  private final DocumentSealer sealer;

  DocumentWrites(Connection c, DocumentSealer sealer) {
    this.c = c;
    this.sealer = sealer;
  }

  void apply(Write w) throws SQLException {
    long current = currentVersion(w);
    if (w.expectedVersion() >= 0 && current != w.expectedVersion()) {
      throw new ConfigStore.ConflictException(
          w.key() + ": version " + current + " (expected: " + w.expectedVersion() + ")");
    }
    String json = w.json();
    if (json == null) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "DELETE FROM documents WHERE account_id=? AND kind=? AND scope=? AND id=?")) {
        JdbcConfigStore.bindKey(ps, w.key(), 1);
        ps.executeUpdate();
      }
    } else if (current == 0) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO documents (account_id, kind, scope, id, body, version) VALUES"
                  + " (?,?,?,?,?,1)")) {
        JdbcConfigStore.bindKey(ps, w.key(), 1);
        ps.setString(5, sealer.seal(w.key(), json));
        ps.executeUpdate();
      } catch (SQLException e) {
        if (w.expectedVersion() >= 0 && UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw conflict(w, "created meanwhile");
        }
        throw e;
      }
    } else {
      // The version in the WHERE clause: an untracked commit holds no revision lock, so another
      // node may have updated the row since it was read; then nothing is updated (a conflict).
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE documents SET body=?, version=version+1 WHERE account_id=? AND kind=? AND"
                  + " scope=? AND id=? AND version=?")) {
        ps.setString(1, sealer.seal(w.key(), json));
        JdbcConfigStore.bindKey(ps, w.key(), 2);
        ps.setLong(6, current);
        if (ps.executeUpdate() == 0) {
          throw conflict(w, "changed meanwhile");
        }
      }
    }
  }

  private static ConfigStore.ConflictException conflict(Write w, String what) {
    return new ConfigStore.ConflictException(w.key() + ": " + what);
  }

  private long currentVersion(Write w) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT version FROM documents WHERE account_id=? AND kind=? AND scope=? AND id=?")) {
      JdbcConfigStore.bindKey(ps, w.key(), 1);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }
}
