package dev.turnpike.observe;

import java.io.ByteArrayOutputStream;

/**
 * Whole lines gathered for one {@link RotatingFile#append(ByteBatch)}: the JDK's growable byte buffer, with its array
 * lent to the file write instead of copied out. Reused by its writer thread for every batch.
 */
public final class ByteBatch extends ByteArrayOutputStream {
  /** A writer appends its batch once it holds this much, so a burst of lines never grows it far. */
  public static final int DRAIN_BYTES = 256 * 1024;

  public ByteBatch() {
    super(DRAIN_BYTES + 8192);
  }

  /** Whether the batch should go to its file now (checked after each whole line). */
  public boolean full() {
    return count >= DRAIN_BYTES;
  }

  byte[] array() {
    return buf;
  }
}
