package dev.turnpike.observe;

import java.io.ByteArrayOutputStream;

/**
 * Whole lines gathered for one {@link RotatingFile#append(ByteBatch)}: the JDK's growable byte
 * buffer, with its array lent to the file write instead of copied out. Reused by its writer thread
 * for every batch.
 */
public final class ByteBatch extends ByteArrayOutputStream {
  /**
   * A busy log's batch goes to its file once it holds this much, so a burst of lines never grows it
   * far.
   */
  public static final int DRAIN_BYTES = 256 * 1024;

  private final int drainBytes;

  /** For a busy log (the decision records): one batch per writer. */
  public ByteBatch() {
    this(DRAIN_BYTES);
  }

  /**
   * For one of many files (an execution log per stage): a smaller batch, so that many of them stay
   * small.
   */
  public ByteBatch(int drainBytes) {
    super(drainBytes + 8192);
    this.drainBytes = drainBytes;
  }

  /** Whether the batch should go to its file now (checked after each whole line). */
  public boolean full() {
    return count >= drainBytes;
  }

  byte[] array() {
    return buf;
  }
}
