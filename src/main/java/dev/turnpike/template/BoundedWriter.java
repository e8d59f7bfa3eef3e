package dev.turnpike.template;

import java.io.Writer;

/** A writer into a StringBuilder that refuses to grow past a limit; one rendering, one thread. */
final class BoundedWriter extends Writer {
  private final StringBuilder buffer = new StringBuilder();
  private final int limit;

  BoundedWriter(int limit) {
    this.limit = limit;
  }

  @Override
  public void write(char[] cbuf, int off, int len) {
    check(len);
    buffer.append(cbuf, off, len);
  }

  @Override
  public void write(String str, int off, int len) {
    check(len);
    buffer.append(str, off, off + len);
  }

  @Override
  public void write(int c) {
    check(1);
    buffer.append((char) c);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  @Override
  public String toString() {
    return buffer.toString();
  }

  private void check(int more) {
    if (buffer.length() + (long) more > limit) {
      throw new IllegalStateException("output exceeds " + limit + " characters");
    }
  }
}
