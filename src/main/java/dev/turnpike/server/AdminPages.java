package dev.turnpike.server;

import java.util.Map;

/**
 * Plain web pages on the admin listener (the knowledge base under {@code /_turnpike/kb}), beside
 * the SigV4 control plane. Supplied by the composition root, so {@code server} does not depend on
 * what renders them. Called off the event loop.
 */
public interface AdminPages {
  /** No pages: every request goes to the control plane. */
  AdminPages NONE =
      new AdminPages() {
        @Override
        public boolean serves(String rawPath) {
          return false;
        }

        @Override
        public Page render(String method, String rawPath, String rawQuery, boolean loopbackClient) {
          throw new IllegalStateException("no pages");
        }
      };

  /** Whether this path is a page (decided on the event loop: must be cheap). */
  boolean serves(String rawPath);

  /**
   * Renders the page; never throws. {@code loopbackClient}: the peer address is a loopback address.
   */
  Page render(String method, String rawPath, String rawQuery, boolean loopbackClient);

  /** Status, headers and body of a page. */
  record Page(int status, Map<String, String> headers, byte[] body) {}
}
