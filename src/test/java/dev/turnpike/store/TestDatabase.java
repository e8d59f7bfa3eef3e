package dev.turnpike.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A PostgreSQL database of its own for one test class, on the server the machine and CI run
 * (localhost:5432, user postgres, trust auth; {@code TURNPIKE_TEST_PG} overrides host:port),
 * dropped with every connection to it when the test closes it.
 */
public final class TestDatabase implements AutoCloseable {
  private final String server;
  private final String name;

  private TestDatabase(String server, String name) {
    this.server = server;
    this.name = name;
  }

  public static TestDatabase create() {
    String server = System.getenv().getOrDefault("TURNPIKE_TEST_PG", "localhost:5432");
    String name = "turnpike_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    TestDatabase db = new TestDatabase(server, name.toLowerCase(Locale.ROOT));
    db.admin("CREATE DATABASE " + db.name);
    return db;
  }

  /** The {@code --store} value for this database. */
  public String uri() {
    return "postgresql://postgres@" + server + "/" + name;
  }

  public String name() {
    return name;
  }

  /** A plain connection to this database (for what a test checks beside the store). */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + server + "/" + name + "?user=postgres");
  }

  /** Ends every other session on this database, as a server restart or a network cut would. */
  public void terminateConnections() {
    admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
            + name
            + "' AND pid <> pg_backend_pid()");
  }

  private void admin(String sql) {
    try (Connection c =
            DriverManager.getConnection("jdbc:postgresql://" + server + "/postgres?user=postgres");
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + server + " (user postgres) is needed for this test: " + e, e);
    }
  }

  @Override
  public void close() {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }
}
