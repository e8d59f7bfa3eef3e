package dev.turnpike.media;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A deployment's payload settings (frozen with it: on AWS both take effect at the next deployment):
 * its binary media types and its {@code minimumCompressionSize} ({@code -1}: responses are never
 * compressed).
 */
public record ContentSettings(BinaryMediaTypes binary, int minimumCompressionSize) {
  public static final ContentSettings NONE = new ContentSettings(BinaryMediaTypes.NONE, -1);

  public static ContentSettings of(
      @Nullable List<String> binaryMediaTypes, @Nullable Integer minimumCompressionSize) {
    BinaryMediaTypes binary = BinaryMediaTypes.of(binaryMediaTypes);
    int min = minimumCompressionSize == null ? -1 : minimumCompressionSize;
    return binary.isEmpty() && min < 0 ? NONE : new ContentSettings(binary, min);
  }

  public boolean compresses() {
    return minimumCompressionSize >= 0;
  }
}
