package dev.turnpike.integration.http;

import io.netty.handler.codec.http.FullHttpResponse;

/**
 * Receives what happens on a backend connection while one call owns it. Called on the connection's
 * event loop.
 */
interface ExchangeListener {

  /** An aggregated response, possibly with a failed decoder result. Owned by the caller. */
  void onResponse(FullHttpResponse response);

  /** The connection closed. */
  void onClosed();

  /** The pipeline raised {@code cause}; the connection is no longer usable. */
  void onError(Throwable cause);
}
