package dev.turnpike.store;

import org.jspecify.annotations.Nullable;

/** The store could not be read or written (I/O, corrupted file, lost connection). */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
