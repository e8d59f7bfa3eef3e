package dev.turnpike.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * The one connection a {@link JdbcConfigStore} works on, reopened after it breaks: PostgreSQL
 * restarted, a network cut, an idle connection closed by a proxy. Not thread-safe: the store calls
 * it under its own monitor.
 *
 * <p>Why one connection and no pool (HikariCP): writes are serialized cluster-wide anyway (every
 * commit locks the revision row first), the snapshot compiler reads on one thread, and the request
 * path never touches the store. A pool would add a dependency and threads for no throughput.
 */
final class StoreConnection implements AutoCloseable {
  /** Opens a new connection (a driver call). */
  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  private final Opener opener;
  private @Nullable Connection connection;
  private boolean closed;

  StoreConnection(Opener opener) {
    this.opener = opener;
  }

  /** The open connection (auto-commit off), opening one if there is none. */
  Connection get() throws SQLException {
    Connection c = connection;
    if (closed) {
      // SQLSTATE 08003 "connection does not exist": a store closed at shutdown never reopens.
      throw new SQLException("the store is closed", "08003");
    }
    if (c == null) {
      c = opener.open();
      c.setAutoCommit(false);
      connection = c;
    }
    return c;
  }

  /**
   * The open connection after checking it answers (one round trip): used before a write, so a write
   * after an outage goes to a fresh connection instead of failing on the dead one.
   */
  Connection checked() throws SQLException {
    Connection c = connection;
    if (c != null && !c.isValid(5)) {
      drop();
    }
    return get();
  }

  /** Forgets a broken connection; the next {@link #get()} opens a new one. */
  void drop() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // it is broken already
      }
    }
  }

  /**
   * True when {@code e} means the connection is gone rather than the statement wrong: SQLSTATE
   * class 08 (connection exception), 57P01-57P03 (server shutting down or starting), or a
   * connection the driver already closed.
   */
  boolean isBroken(SQLException e) {
    String state = e.getSQLState();
    if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
      return true;
    }
    Connection c = connection;
    try {
      return c == null || c.isClosed();
    } catch (SQLException closed) {
      return true;
    }
  }

  @Override
  public void close() {
    closed = true;
    drop();
  }
}
