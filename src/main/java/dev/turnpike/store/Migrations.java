package dev.turnpike.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations, applied in order at start-up. A migration is never edited once
 * released: add a new one. The schema is plain SQL that H2 and PostgreSQL both accept.
 */
final class Migrations {
  private static final List<String> STEPS =
      List.of(
          // 1: documents, revision counter
          "CREATE TABLE documents (account_id VARCHAR(32) NOT NULL, kind VARCHAR(64) NOT NULL,"
              + " scope VARCHAR(256) NOT NULL, id VARCHAR(512) NOT NULL, body TEXT NOT NULL,"
              + " version BIGINT NOT NULL, PRIMARY KEY (account_id, kind, scope, id));CREATE INDEX"
              + " documents_kind ON documents (kind);CREATE TABLE revision (id INT PRIMARY KEY,"
              + " counter BIGINT NOT NULL);INSERT INTO revision (id, counter) VALUES (1, 0)");

  /** Key of the advisory lock held while migrating ("tpik" in ASCII). */
  private static final long MIGRATION_LOCK = 0x7470696bL;

  private Migrations() {}

  static int latest() {
    return STEPS.size();
  }

  /**
   * Brings the schema to {@link #latest()} in one transaction. On PostgreSQL a transaction-scoped
   * advisory lock first makes nodes that start together migrate one after the other (the second
   * finds the work done); PostgreSQL's DDL is transactional, so a failed step leaves nothing
   * behind.
   *
   * @throws SQLException also when the store's schema is newer than this Turnpike knows
   */
  static void apply(Connection connection, boolean postgres) throws SQLException {
    connection.setAutoCommit(false);
    try (Statement st = connection.createStatement()) {
      if (postgres) {
        st.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
      }
      st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY)");
      int current = 0;
      try (var rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
        if (rs.next()) {
          current = rs.getInt(1);
        }
      }
      if (current > STEPS.size()) {
        throw new SQLException(
            "the store's schema is version "
                + current
                + ", newer than this Turnpike understands (version "
                + STEPS.size()
                + "): a newer Turnpike has migrated it. Run that version (every node of a"
                + " cluster must be upgraded before it), or restore a backup of the store taken"
                + " before the upgrade",
            "TP001");
      }
      for (int v = current + 1; v <= STEPS.size(); v++) {
        for (String sql : STEPS.get(v - 1).split(";")) {
          if (!sql.isBlank()) {
            st.execute(sql);
          }
        }
        st.execute("INSERT INTO schema_version (version) VALUES (" + v + ")");
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    }
  }
}
