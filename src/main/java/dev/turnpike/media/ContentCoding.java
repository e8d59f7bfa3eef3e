package dev.turnpike.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
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
