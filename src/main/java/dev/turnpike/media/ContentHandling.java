package dev.turnpike.media;

import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * An integration's or integration response's {@code contentHandling} and the conversions AWS's
 * "Content type conversions in API Gateway" tables define for non-proxy integrations (spec 11.3).
 * The request side looks at whether the request's {@code Content-Type} is a binary media type; the
 * response side at whether the integration's response is binary (its {@code Content-Type}) and
 * whether the request's first {@code Accept} type is. A {@link Payload} is the converted bytes and
 * whether they are text (mapping templates apply to text only; binary passes through).
 */
public enum ContentHandling {
  PASSTHROUGH,
  CONVERT_TO_TEXT,
  CONVERT_TO_BINARY;

  /** The stored value ({@code null}: not set, pass through). */
  public static ContentHandling of(@Nullable String value) {
    if ("CONVERT_TO_TEXT".equals(value)) {
      return CONVERT_TO_TEXT;
    }
    return "CONVERT_TO_BINARY".equals(value) ? CONVERT_TO_BINARY : PASSTHROUGH;
  }

  /** A payload after conversion; {@code text}: templates may render it. */
  public record Payload(byte[] bytes, boolean text) {}

  /**
   * The integration request's payload: binary stays binary unless converted to base64 text; text
   * stays text unless base64-decoded to binary.
   *
   * @throws IllegalArgumentException when {@code CONVERT_TO_BINARY} meets text that is not base64
   */
  public Payload request(boolean binaryRequest, byte[] body) {
    if (binaryRequest) {
      return this == CONVERT_TO_TEXT
          ? new Payload(Base64.getEncoder().encode(body), true)
          : new Payload(body, false);
    }
    return this == CONVERT_TO_BINARY
        ? new Payload(Base64Text.decode(body), false)
        : new Payload(body, true);
  }

  /**
   * The method response's payload (AWS's response table): without binary media types only {@code
   * CONVERT_TO_BINARY} changes anything; with them, binary data goes to a binary {@code Accept} as
   * it is and to a text one base64-encoded, text data to a binary {@code Accept} base64-decoded,
   * {@code CONVERT_TO_TEXT} always ends in text and {@code CONVERT_TO_BINARY} in binary.
   *
   * @throws IllegalArgumentException when text that is not base64 must be decoded
   */
  public Payload response(
      boolean binaryTypesSet, boolean binaryResponse, boolean binaryAccept, byte[] body) {
    if (!binaryTypesSet) {
      return this == CONVERT_TO_BINARY
          ? new Payload(Base64Text.decode(body), false)
          : new Payload(body, true);
    }
    if (binaryResponse) {
      if (this == CONVERT_TO_TEXT || (this == PASSTHROUGH && !binaryAccept)) {
        return new Payload(Base64.getEncoder().encode(body), true);
      }
      return new Payload(body, false);
    }
    if (this == CONVERT_TO_BINARY || (this == PASSTHROUGH && binaryAccept)) {
      return new Payload(Base64Text.decode(body), false);
    }
    return new Payload(body, true);
  }
}
