package dev.turnpike.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link ConfigStore} over JDBC: the embedded H2 file database in the data directory (the default),
 * or a PostgreSQL database several Turnpike nodes share ({@code serve --store}).
 *
 * <p>Durability: H2 is opened with {@code WRITE_DELAY=0}, so a commit is in the file before it is
 * acknowledged (H2 otherwise batches writes for up to 500 ms); PostgreSQL acknowledges a commit
 * once its WAL is flushed ({@code synchronous_commit} on, its default).
 *
 * <p>Concurrency: within a process, calls are serialized on this object's monitor (one connection;
 * see {@link StoreConnection} for why no pool). Across processes, every commit first increments the
 * revision row, which locks it until the transaction ends: commits are serialized cluster-wide, the
 * revision counter stays gap-free, and the version checks that follow read the latest committed
 * rows (PostgreSQL's READ COMMITTED takes a new snapshot per statement). On PostgreSQL the commit
 * also notifies {@value RevisionWatch#CHANNEL} inside the transaction, delivered only if it
 * commits.
 *
 * <p>Reads that fail because the connection broke are repeated once on a new connection; a write is
 * never repeated (its outcome is unknown), it fails with {@link StoreException#unavailable()}.
 */
public final class JdbcConfigStore implements ConfigStore {
  private final StoreConnection db;
  private final StoreConnection.Opener opener;
  private final boolean postgres;
  private final String name;
  private final DocumentSealer sealer;
  private @Nullable RevisionWatch watch;

  private JdbcConfigStore(
      StoreConnection.Opener opener, boolean postgres, String name, DocumentSealer sealer)
      throws SQLException {
    this.opener = opener;
    this.db = new StoreConnection(opener);
    this.postgres = postgres;
    this.name = name;
    this.sealer = sealer;
    Migrations.apply(db.get(), postgres);
  }

  /**
   * Opens (creating if needed) the embedded store at {@code <dataDir>/store/turnpike}. A store file
   * that exists but cannot be opened (damaged, or H2's recovery leaves it inconsistent) is refused
   * with a message naming it, and left as it is: never replaced by an empty store (issue 22).
   */
  public static JdbcConfigStore embedded(Path dataDir) {
    requireNonNull(dataDir, "dataDir");
    Path file = dataDir.toAbsolutePath().resolve("store").resolve("turnpike");
    Path mvFile = file.resolveSibling("turnpike.mv.db");
    boolean existed = Files.exists(mvFile);
    try {
      return open("jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    } catch (StoreException e) {
      if (!existed) {
        throw e;
      }
      throw new StoreException(
          "the store file "
              + mvFile
              + " cannot be opened: it may be damaged or in use (Turnpike never replaces it;"
              + " restore it from a backup, or move it away to start empty): "
              + e.getMessage(),
          null);
    }
  }

  /** Opens a store at any JDBC URL whose driver is on the class path. */
  public static JdbcConfigStore open(String jdbcUrl) {
    String shown = redact(jdbcUrl);
    try {
      return new JdbcConfigStore(
          () -> DriverManager.getConnection(jdbcUrl),
          jdbcUrl.startsWith("jdbc:postgresql:"),
          shown,
          DocumentSealer.NONE);
    } catch (SQLException e) {
      throw openFailure(shown, e);
    }
  }

  /**
   * Opens a shared PostgreSQL store, migrating its schema, with secrets sealed by {@code sealer}.
   */
  public static JdbcConfigStore shared(StoreLocation location, DocumentSealer sealer) {
    requireNonNull(location, "location");
    requireNonNull(sealer, "sealer");
    try {
      return new JdbcConfigStore(
          () -> DriverManager.getConnection(location.jdbcUrl(), location.properties()),
          true,
          location.display(),
          sealer);
    } catch (SQLException e) {
      throw openFailure(location.display(), e);
    }
  }

  /**
   * Runs {@code onChange} (on a store thread) when another process may have committed: PostgreSQL
   * notifications. The embedded store has no other writer, so it never calls it.
   */
  @Override
  public synchronized void watch(Runnable onChange) {
    requireNonNull(onChange, "onChange");
    if (postgres && watch == null) {
      watch = new RevisionWatch(opener, onChange);
      watch.start();
    }
  }

  /** Where this store lives, password removed (for messages and {@code doctor}). */
  public String name() {
    return name;
  }

  @Override
  public synchronized Optional<Document> get(DocumentKey key) {
    return read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT body, version FROM documents WHERE account_id=? AND kind=? AND scope=?"
                      + " AND id=?")) {
            bindKey(ps, key, 1);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new Document(key, sealer.open(key, rs.getString(1)), rs.getLong(2)))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public synchronized List<Document> list(String accountId, String kind, String scope) {
    return read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, body, version FROM documents WHERE account_id=? AND kind=? AND"
                      + " scope=? ORDER BY id")) {
            ps.setString(1, accountId);
            ps.setString(2, kind);
            ps.setString(3, scope);
            List<Document> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                DocumentKey key = new DocumentKey(accountId, kind, scope, rs.getString(1));
                out.add(new Document(key, sealer.open(key, rs.getString(2)), rs.getLong(3)));
              }
            }
            return out;
          }
        });
  }

  @Override
  public synchronized List<Document> listKind(String kind) {
    return read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT account_id, scope, id, body, version FROM documents WHERE kind=? ORDER"
                      + " BY account_id, scope, id")) {
            ps.setString(1, kind);
            List<Document> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                DocumentKey key =
                    new DocumentKey(rs.getString(1), kind, rs.getString(2), rs.getString(3));
                out.add(new Document(key, sealer.open(key, rs.getString(4)), rs.getLong(5)));
              }
            }
            return out;
          }
        });
  }

  @Override
  public synchronized long revision() {
    return read(JdbcConfigStore::readRevision);
  }

  @Override
  public synchronized long commit(List<Write> writes) {
    return write(writes, true);
  }

  @Override
  public synchronized void commitUntracked(List<Write> writes) {
    write(writes, false);
  }

  private long write(List<Write> writes, boolean tracked) {
    Connection c;
    try {
      c = db.checked();
    } catch (SQLException e) {
      throw failure("write", e);
    }
    try {
      long revision = -1;
      if (tracked) {
        // First: the row lock that serializes commits of every node sharing the store.
        try (PreparedStatement ps =
            c.prepareStatement("UPDATE revision SET counter = counter + 1 WHERE id=1")) {
          ps.executeUpdate();
        }
      }
      for (Write w : writes) {
        new DocumentWrites(c, sealer).apply(w);
      }
      if (tracked) {
        revision = readRevision(c);
        if (postgres) {
          try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, RevisionWatch.CHANNEL);
            ps.setString(2, Long.toString(revision));
            ps.execute();
          }
        }
      }
      c.commit();
      return revision;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(c);
      if (e instanceof ConflictException conflict) {
        throw conflict;
      }
      if (e instanceof StoreException store) {
        throw store;
      }
      throw failure("write", e);
    }
  }

  /**
   * Rewrites every secret not sealed under the current key ({@code turnpike store rotate-key});
   * returns how many.
   */
  public synchronized int reseal() {
    Connection c;
    try {
      c = db.checked();
    } catch (SQLException e) {
      throw failure("rotate-key", e);
    }
    try {
      int n = SecretRotation.reseal(c, sealer);
      c.commit();
      return n;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(c);
      if (e instanceof StoreException store) {
        throw store;
      }
      throw failure("rotate-key", e);
    }
  }

  private static long readRevision(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT counter FROM revision WHERE id=1");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** One read, repeated once on a fresh connection when the connection broke under it. */
  private <T> T read(SqlWork<T> work) {
    for (int attempt = 0; ; attempt++) {
      Connection c = null;
      try {
        c = db.get();
        T result = work.run(c);
        c.commit(); // reads run in the writer's transaction mode: end them so they hold no locks
        return result;
      } catch (SQLException e) {
        if (c != null) {
          rollbackQuietly(c);
        }
        if (attempt == 0 && db.isBroken(e)) {
          db.drop();
          continue;
        }
        throw failure("read", e);
      }
    }
  }

  private StoreException failure(String what, Exception e) {
    if (e instanceof SQLException sql && db.isBroken(sql)) {
      db.drop();
      return StoreException.unreachable(
          "the configuration store " + name + " is unreachable (" + what + "): " + e.getMessage(),
          e);
    }
    return new StoreException(what + " failed: " + e.getMessage(), e);
  }

  static void bindKey(PreparedStatement ps, DocumentKey key, int first) throws SQLException {
    ps.setString(first, key.accountId());
    ps.setString(first + 1, key.kind());
    ps.setString(first + 2, key.scope());
    ps.setString(first + 3, key.id());
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the original failure is what the caller needs to see
    }
  }

  @Override
  public synchronized void close() {
    if (watch != null) {
      watch.close();
    }
    db.close();
  }

  private static StoreException openFailure(String shown, SQLException e) {
    // The driver's message may repeat the URL, password included: redact it too.
    String why = redact(String.valueOf(e.getMessage()));
    String state = e.getSQLState();
    if (state != null && state.startsWith("08")) {
      return StoreException.unreachable(
          "cannot reach the configuration store " + shown + ": " + why, null);
    }
    return new StoreException("cannot open the configuration store (" + shown + "): " + why, null);
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1****");
  }

  /** A unit of JDBC work on the store's connection. */
  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }
}
