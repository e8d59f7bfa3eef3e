package dev.turnpike.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The head of an HTTP/1.1 message Turnpike writes as bytes ({@code Http1Response}, {@code
 * OutboundRequest}), built in an array that each event loop thread reuses, then copied with the
 * body into one buffer for the socket: a few dozen small writes into a pooled buffer, each with its
 * own bounds and reference-count checks, cost more than the bytes they wrote (S1 profile).
 *
 * <p>Characters are written as Netty's {@code HttpHeadersEncoder} writes them ({@code
 * AsciiString.c2b}): one byte each, the character itself up to {@code 0xFF}, {@code ?} above.
 * Header names and values come from Netty's validating header maps, so neither holds CR or LF. Not
 * reentrant: {@link #start()} hands out the calling thread's instance, which {@link #finish} is
 * done with.
 */
public final class MessageHead {
  private static final FastThreadLocal<MessageHead> PER_THREAD =
      new FastThreadLocal<>() {
        @Override
        protected MessageHead initialValue() {
          return new MessageHead();
        }
      };

  private byte[] bytes = new byte[1024];
  private int length;

  private MessageHead() {}

  /** This thread's head, emptied. */
  public static MessageHead start() {
    MessageHead head = PER_THREAD.get();
    head.length = 0;
    return head;
  }

  public MessageHead bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, bytes, length, b.length);
    length += b.length;
    return this;
  }

  public MessageHead ascii(CharSequence s) {
    int n = s.length();
    ensure(n);
    if (s instanceof AsciiString a) {
      a.copy(0, bytes, length, n);
    } else {
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        bytes[length + i] = c > 0xFF ? (byte) '?' : (byte) c;
      }
    }
    length += n;
    return this;
  }

  /** {@code s} in UTF-8 (a request-target, as Netty's request encoder writes it). */
  public MessageHead utf8(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  public MessageHead header(CharSequence name, CharSequence value) {
    ascii(name);
    ensure(2);
    bytes[length++] = ':';
    bytes[length++] = ' ';
    ascii(value);
    return crlf();
  }

  public MessageHead crlf() {
    ensure(2);
    bytes[length++] = '\r';
    bytes[length++] = '\n';
    return this;
  }

  /** The blank line, then the head and {@code body} in one new buffer of exactly their size. */
  public ByteBuf finish(ByteBufAllocator alloc, byte[] body) {
    crlf();
    ByteBuf out = alloc.ioBuffer(length + body.length);
    out.writeBytes(bytes, 0, length);
    out.writeBytes(body);
    return out;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
