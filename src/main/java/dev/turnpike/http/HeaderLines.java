package dev.turnpike.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * HTTP/1.1 header lines written as Netty's {@code HttpHeadersEncoder} writes them: {@code name: value} and CRLF, name
 * and value in US-ASCII (a character outside it becomes {@code ?}). For messages Turnpike writes as bytes
 * ({@code Http1Response}, {@code OutboundRequest}); the names and values come from Netty's validating header maps,
 * so neither can hold CR or LF.
 */
public final class HeaderLines {
  private static final byte[] COLON_SPACE = {':', ' '};
  private static final byte[] CRLF = {'\r', '\n'};
  /** The blank line that ends a message head. */
  public static final int END_LENGTH = 2;

  private HeaderLines() {}

  /** The bytes {@link #write} writes for this header. */
  public static int length(CharSequence name, CharSequence value) {
    return name.length() + value.length() + 4;
  }

  public static void write(ByteBuf out, CharSequence name, CharSequence value) {
    ByteBufUtil.writeAscii(out, name);
    out.writeBytes(COLON_SPACE);
    ByteBufUtil.writeAscii(out, value);
    out.writeBytes(CRLF);
  }

  /** The blank line after the last header. */
  public static void end(ByteBuf out) {
    out.writeBytes(CRLF);
  }
}
