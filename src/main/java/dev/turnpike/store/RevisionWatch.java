package dev.turnpike.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * Listens on PostgreSQL's {@code turnpike_revision} channel, which every commit notifies, and runs
 * a callback for each notification: another node's acknowledged write reaches this node's snapshot
 * in milliseconds instead of at the next revision poll.
 *
 * <p>The poll stays the guarantee: NOTIFY is not delivered while this connection is down or
 * reconnecting, so a lost notification costs at most one poll interval, never a missed change. The
 * thread reconnects with a growing pause (100 ms to 2 s) and runs the callback after each
 * reconnection, since changes may have happened while it was away.
 */
final class RevisionWatch implements AutoCloseable {
  static final String CHANNEL = "turnpike_revision";

  private final StoreConnection.Opener opener;
  private final Runnable onChange;
  private final Thread thread;
  private volatile boolean closed;

  RevisionWatch(StoreConnection.Opener opener, Runnable onChange) {
    this.opener = opener;
    this.onChange = onChange;
    this.thread = new Thread(this::run, "turnpike-store-listen");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    long pauseMillis = 100;
    while (!closed) {
      try (Connection c = opener.open()) {
        try (Statement st = c.createStatement()) {
          st.execute("LISTEN " + CHANNEL);
        }
        pauseMillis = 100;
        onChange.run(); // anything committed while this connection was not listening
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
          // Blocks up to 500 ms on the socket; a dead server shows up here as an SQLException.
          var notifications = pg.getNotifications(500);
          if (notifications != null && notifications.length > 0) {
            onChange.run();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        try {
          Thread.sleep(pauseMillis);
        } catch (InterruptedException ie) {
          return;
        }
        pauseMillis = Math.min(2000, pauseMillis * 2);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
