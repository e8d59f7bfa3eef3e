package dev.turnpike.store;

import org.jspecify.annotations.Nullable;

/**
 * The store could not be read or written (I/O, corrupted file, lost connection). {@link
 * #unavailable()} tells a store that cannot be reached (PostgreSQL down, network cut) from one that
 * refused the operation: the control plane answers the first with AWS's 503 {@code
 * ServiceUnavailableException}, and the store reconnects on the next call.
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean unavailable;

  public StoreException(String message, @Nullable Throwable cause) {
    this(message, cause, false);
  }

  private StoreException(String message, @Nullable Throwable cause, boolean unavailable) {
    super(message, cause);
    this.unavailable = unavailable;
  }

  /** The store cannot be reached now; the same call may succeed once it is back. */
  public static StoreException unreachable(String message, @Nullable Throwable cause) {
    return new StoreException(message, cause, true);
  }

  public boolean unavailable() {
    return unavailable;
  }
}
