package dev.turnpike.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A REST API's {@code binaryMediaTypes}, compiled once per deployment: {@code type/subtype} exact,
 * {@code type/*} and {@code *}{@code /*} wildcards (spec 11.3), compared without parameters and
 * ignoring case. A payload is binary when its {@code Content-Type} (a request) or the request's
 * first {@code Accept} type (a response) matches; AWS honors only the first {@code Accept} type
 * (AWS known issues: "only the first media type in the Accept header is honored").
 */
public final class BinaryMediaTypes {
  public static final BinaryMediaTypes NONE = new BinaryMediaTypes(new String[0], new String[0]);

  private final String[] exact; // "image/png"
  private final String[] typePrefixes; // "image/" for "image/*"; "" for "*/*"

  private BinaryMediaTypes(String[] exact, String[] typePrefixes) {
    this.exact = exact;
    this.typePrefixes = typePrefixes;
  }

  /** Compiles the stored list (null or empty: {@link #NONE}); blank entries are ignored. */
  public static BinaryMediaTypes of(@Nullable List<String> types) {
    if (types == null || types.isEmpty()) {
      return NONE;
    }
    List<String> exact = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    for (String t : types) {
      String type = essence(t);
      if (type == null) {
        continue;
      }
      if (type.equals("*/*")) {
        prefixes.add("");
      } else if (type.endsWith("/*")) {
        prefixes.add(type.substring(0, type.length() - 1));
      } else {
        exact.add(type);
      }
    }
    if (exact.isEmpty() && prefixes.isEmpty()) {
      return NONE;
    }
    return new BinaryMediaTypes(exact.toArray(new String[0]), prefixes.toArray(new String[0]));
  }

  public boolean isEmpty() {
    return exact.length == 0 && typePrefixes.length == 0;
  }

  /** Whether {@code mediaType} (a header value, parameters allowed) is one of these. */
  public boolean matches(@Nullable String mediaType) {
    if (isEmpty() || mediaType == null) {
      return false;
    }
    String type = essence(mediaType);
    if (type == null) {
      return false;
    }
    for (String e : exact) {
      if (e.equals(type)) {
        return true;
      }
    }
    for (String p : typePrefixes) {
      if (type.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** The first media type of an {@code Accept} header (null when there is none). */
  public static @Nullable String firstAccept(@Nullable String accept) {
    if (accept == null) {
      return null;
    }
    int comma = accept.indexOf(',');
    return essence(comma < 0 ? accept : accept.substring(0, comma));
  }

  /** {@code type/subtype} in lower case, without parameters; null when blank. */
  static @Nullable String essence(String value) {
    int semi = value.indexOf(';');
    String t = (semi < 0 ? value : value.substring(0, semi)).trim();
    return t.isEmpty() ? null : t.toLowerCase(Locale.ROOT);
  }
}
