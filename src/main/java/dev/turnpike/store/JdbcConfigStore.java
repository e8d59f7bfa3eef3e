package dev.turnpike.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ConfigStore} over JDBC. The embedded default is an H2 file database in the data directory,
 * opened with {@code WRITE_DELAY=0} so a commit is written to the file before it is acknowledged
 * (survives kill -9; H2 otherwise batches writes for up to 500 ms).
 *
 * <p>Writes are serialized through one connection guarded by this object's monitor: control-plane
 * writes are rare, and one writer keeps the revision counter gap-free. Reads use the same
 * connection; nothing on the request path reads the store.
 */
public final class JdbcConfigStore implements ConfigStore {
  private final Connection connection;

  private JdbcConfigStore(Connection connection) throws SQLException {
    this.connection = connection;
    Migrations.apply(connection);
  }

  /** Opens (creating if needed) the embedded store at {@code <dataDir>/store/turnpike}. */
  public static JdbcConfigStore embedded(Path dataDir) {
    requireNonNull(dataDir, "dataDir");
    Path file = dataDir.toAbsolutePath().resolve("store").resolve("turnpike");
    return open("jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
  }

  /** Opens a store at any JDBC URL whose driver is on the class path. */
  public static JdbcConfigStore open(String jdbcUrl) {
    try {
      return new JdbcConfigStore(DriverManager.getConnection(jdbcUrl));
    } catch (SQLException e) {
      // The driver's message may repeat the URL, password included: redact it too.
      throw new StoreException(
          "cannot open the configuration store ("
              + redact(jdbcUrl)
              + "): "
              + redact(String.valueOf(e.getMessage())),
          null);
    }
  }

  @Override
  public synchronized Optional<Document> get(DocumentKey key) {
    String sql =
        "SELECT body, version FROM documents WHERE account_id=? AND kind=? AND scope=? AND id=?";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bindKey(ps, key, 1);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Document(key, rs.getString(1), rs.getLong(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("read failed: " + e.getMessage(), e);
    } finally {
      endRead();
    }
  }

  @Override
  public synchronized List<Document> list(String accountId, String kind, String scope) {
    String sql =
        "SELECT id, body, version FROM documents WHERE account_id=? AND kind=? AND scope=? ORDER BY"
            + " id";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, accountId);
      ps.setString(2, kind);
      ps.setString(3, scope);
      List<Document> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Document(
                  new DocumentKey(accountId, kind, scope, rs.getString(1)),
                  rs.getString(2),
                  rs.getLong(3)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("read failed: " + e.getMessage(), e);
    } finally {
      endRead();
    }
  }

  @Override
  public synchronized List<Document> listKind(String kind) {
    String sql =
        "SELECT account_id, scope, id, body, version FROM documents WHERE kind=? ORDER BY"
            + " account_id, scope, id";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, kind);
      List<Document> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          DocumentKey key =
              new DocumentKey(rs.getString(1), kind, rs.getString(2), rs.getString(3));
          out.add(new Document(key, rs.getString(4), rs.getLong(5)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("read failed: " + e.getMessage(), e);
    } finally {
      endRead();
    }
  }

  @Override
  public synchronized long revision() {
    try (PreparedStatement ps =
            connection.prepareStatement("SELECT counter FROM revision WHERE id=1");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("read failed: " + e.getMessage(), e);
    } finally {
      endRead();
    }
  }

  @Override
  public synchronized long commit(List<Write> writes) {
    try {
      for (Write w : writes) {
        apply(w);
      }
      long revision;
      try (PreparedStatement ps =
          connection.prepareStatement("UPDATE revision SET counter = counter + 1 WHERE id=1")) {
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
              connection.prepareStatement("SELECT counter FROM revision WHERE id=1");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        revision = rs.getLong(1);
      }
      connection.commit();
      return revision;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      if (e instanceof ConflictException c) {
        throw c;
      }
      throw new StoreException("write failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void commitUntracked(List<Write> writes) {
    try {
      for (Write w : writes) {
        apply(w);
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      if (e instanceof ConflictException c) {
        throw c;
      }
      throw new StoreException("write failed: " + e.getMessage(), e);
    }
  }

  private void apply(Write w) throws SQLException {
    long current = currentVersion(w.key());
    if (w.expectedVersion() >= 0 && current != w.expectedVersion()) {
      throw new ConflictException(
          w.key() + ": version " + current + " (expected: " + w.expectedVersion() + ")");
    }
    if (w.json() == null) {
      try (PreparedStatement ps =
          connection.prepareStatement(
              "DELETE FROM documents WHERE account_id=? AND kind=? AND scope=? AND id=?")) {
        bindKey(ps, w.key(), 1);
        ps.executeUpdate();
      }
    } else if (current == 0) {
      try (PreparedStatement ps =
          connection.prepareStatement(
              "INSERT INTO documents (account_id, kind, scope, id, body, version) VALUES"
                  + " (?,?,?,?,?,1)")) {
        bindKey(ps, w.key(), 1);
        ps.setString(5, w.json());
        ps.executeUpdate();
      }
    } else {
      try (PreparedStatement ps =
          connection.prepareStatement(
              "UPDATE documents SET body=?, version=version+1 WHERE account_id=? AND kind=? AND"
                  + " scope=? AND id=?")) {
        ps.setString(1, w.json());
        bindKey(ps, w.key(), 2);
        ps.executeUpdate();
      }
    }
  }

  private long currentVersion(DocumentKey key) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT version FROM documents WHERE account_id=? AND kind=? AND scope=? AND id=?")) {
      bindKey(ps, key, 1);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private static void bindKey(PreparedStatement ps, DocumentKey key, int first)
      throws SQLException {
    ps.setString(first, key.accountId());
    ps.setString(first + 1, key.kind());
    ps.setString(first + 2, key.scope());
    ps.setString(first + 3, key.id());
  }

  /** Reads run inside the writer's transaction mode; end them so they hold no locks. */
  private void endRead() {
    try {
      connection.commit();
    } catch (SQLException ignored) {
      // a failed read already reported its own error
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the original failure is what the caller needs to see
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing on shutdown: nothing left to protect
    }
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1****");
  }
}
