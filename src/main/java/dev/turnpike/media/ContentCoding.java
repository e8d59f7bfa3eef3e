package dev.turnpike.media;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The response codings API Gateway applies when a REST API has {@code minimumCompressionSize}:
 * {@code gzip} and {@code deflate} (spec 11.4; {@code identity} means none). AWS does not publish
 * how it picks between two accepted codings: the one with the highest {@code q}, the first listed
 * on a tie [UNCONF]. A {@code q=0} coding is refused; {@code *} alone and an absent header give no
 * compression (AWS treats no header as {@code *} and compresses nothing then).
 */
public enum ContentCoding {
  GZIP("gzip"),
  DEFLATE("deflate");

  private final String token;

  ContentCoding(String token) {
    this.token = token;
  }

  /** The {@code Content-Encoding} value. */
  public String token() {
    return token;
  }

  /** The coding to compress with for this {@code Accept-Encoding}, or null for none. */
  public static @Nullable ContentCoding negotiate(@Nullable String acceptEncoding) {
    if (acceptEncoding == null || acceptEncoding.isBlank()) {
      return null;
    }
    ContentCoding best = null;
    double bestQ = 0;
    for (String part : acceptEncoding.split(",")) {
      String[] bits = part.split(";");
      String name = bits[0].trim().toLowerCase(Locale.ROOT);
      ContentCoding c =
          name.equals("gzip") || name.equals("x-gzip")
              ? GZIP
              : name.equals("deflate") ? DEFLATE : null;
      if (c == null) {
        continue;
      }
      double q = quality(bits);
      if (q > bestQ) {
        best = c;
        bestQ = q;
      }
    }
    return best;
  }

  private static double quality(String[] bits) {
    for (int i = 1; i < bits.length; i++) {
      String p = bits[i].trim();
      if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
        try {
          double q = Double.parseDouble(p.substring(2).trim());
          return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
          return 0; // a malformed weight: treated as not acceptable
        }
      }
    }
    return 1;
  }

  /**
   * The coding a request's {@code Content-Encoding} names, or null (absent, {@code identity}, or
   * one API Gateway does not decompress).
   */
  public static @Nullable ContentCoding ofContentEncoding(@Nullable String contentEncoding) {
    if (contentEncoding == null) {
      return null;
    }
    String name = contentEncoding.trim().toLowerCase(Locale.ROOT);
    return name.equals("gzip") || name.equals("x-gzip")
        ? GZIP
        : name.equals("deflate") ? DEFLATE : null;
  }

  /**
   * {@code body} decompressed; at most {@code limit} bytes come out (a small body must not expand
   * without bound).
   *
   * @throws BadBody when the body is not in this coding or expands past the limit
   */
  public byte[] decode(byte[] body, int limit) {
    try (InputStream in =
        this == GZIP
            ? new GZIPInputStream(new ByteArrayInputStream(body))
            : new InflaterInputStream(new ByteArrayInputStream(body))) {
      byte[] out = in.readNBytes(limit + 1);
      if (out.length > limit) {
        throw new BadBody(true, "the body expands past " + limit + " bytes");
      }
      return out;
    } catch (IOException e) {
      throw new BadBody(false, "the body is not " + token + ": " + e.getMessage());
    }
  }

  /** A compressed request body that cannot be used; {@code tooLarge}: it expands past the limit. */
  public static final class BadBody extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final boolean tooLarge;

    BadBody(boolean tooLarge, String message) {
      super(message);
      this.tooLarge = tooLarge;
    }

    public boolean tooLarge() {
      return tooLarge;
    }
  }

  /** {@code body} compressed with this coding (deflate is the zlib format, as RFC 9110 says). */
  public byte[] encode(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 3));
    try {
      if (this == GZIP) {
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
          gz.write(body);
        }
      } else {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, false);
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, deflater, 8192)) {
          d.write(body);
        } finally {
          deflater.end();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }
}
