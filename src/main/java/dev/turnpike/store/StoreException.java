package dev.turnpike.store;

/** The store could not be read or written (I/O, corrupted file, lost connection). */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, @org.jspecify.annotations.Nullable Throwable cause) {
    super(message, cause);
  }
}
