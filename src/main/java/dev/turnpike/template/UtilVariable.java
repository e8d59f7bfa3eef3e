package dev.turnpike.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The {@code $util} variable of a mapping template. Public only because the template engine calls
 * its methods reflectively; it has no constructor outside this package.
 *
 * <p>Implementation notes, per "$util variables" in
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html:
 *
 * <ul>
 *   <li>{@code escapeJavaScript} uses JavaScript string rules as Apache Commons Lang 2 did (the
 *       docs' note that {@code '} becomes {@code \'} matches that library): {@code \\ " ' /} are
 *       backslash-escaped, control characters become {@code \b \t \n \f \r} or {@code \\u00XX}, and
 *       every character above U+007E becomes {@code \\uXXXX} (upper-case hex).
 *   <li>{@code urlEncode}/{@code urlDecode} use {@code application/x-www-form-urlencoded} (space is
 *       {@code +}), UTF-8.
 *   <li>{@code base64Encode}/{@code base64Decode} are standard Base64 over UTF-8 text.
 *   <li>{@code parseJson} returns the same objects as {@code $input.path}.
 * </ul>
 *
 * Every method takes any object (using its text form) and maps {@code null} to {@code null}, which
 * renders as nothing.
 */
public final class UtilVariable {

  static final UtilVariable INSTANCE = new UtilVariable();

  private UtilVariable() {}

  /** Escapes the text of {@code value} with JavaScript string rules (see the class notes). */
  public @Nullable String escapeJavaScript(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    String s = value.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\'' -> out.append("\\'");
        case '/' -> out.append("\\/");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * Parses JSON text into template objects (maps, lists, strings, numbers, booleans).
   *
   * @throws IllegalArgumentException if {@code json} is not JSON; rendering then fails with a
   *     {@link TemplateException}
   */
  public @Nullable Object parseJson(@Nullable Object json) {
    if (json == null) {
      return null;
    }
    try {
      return VtlJson.toVtl(VtlJson.parse(json.toString()));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "$util.parseJson: not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Encodes {@code s} as {@code application/x-www-form-urlencoded}, UTF-8. */
  public @Nullable String urlEncode(@Nullable Object s) {
    return s == null ? null : URLEncoder.encode(s.toString(), StandardCharsets.UTF_8);
  }

  /** Decodes an {@code application/x-www-form-urlencoded} string, UTF-8. */
  public @Nullable String urlDecode(@Nullable Object s) {
    return s == null ? null : URLDecoder.decode(s.toString(), StandardCharsets.UTF_8);
  }

  /** Base64-encodes the UTF-8 bytes of {@code s}. */
  public @Nullable String base64Encode(@Nullable Object s) {
    return s == null
        ? null
        : Base64.getEncoder().encodeToString(s.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decodes Base64 text to a UTF-8 string.
   *
   * @throws IllegalArgumentException if {@code s} is not Base64
   */
  public @Nullable String base64Decode(@Nullable Object s) {
    return s == null
        ? null
        : new String(Base64.getDecoder().decode(s.toString().strip()), StandardCharsets.UTF_8);
  }
}
