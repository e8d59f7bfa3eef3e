package dev.turnpike.auth.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A raw query string split into parameters, and its two canonical forms. */
final class QueryParameters {

  private static final Comparator<String[]> BY_KEY_THEN_VALUE =
      Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]);

  private final List<String[]> raw; // {key, value} exactly as sent
  private String @Nullable []
      decodedNames; // parallel to raw; filled on first use (one request, one thread)

  private QueryParameters(List<String[]> raw) {
    this.raw = raw;
  }

  /** Splits on {@code '&'}, then each pair at its first {@code '='}, as botocore does. */
  static QueryParameters parse(String rawQuery) {
    List<String[]> pairs = new ArrayList<>();
    if (!rawQuery.isEmpty()) {
      // By index rather than split("&"): the same pairs (empty ones included) without the
      // intermediate array.
      int start = 0;
      while (true) {
        int amp = rawQuery.indexOf('&', start);
        int end = amp < 0 ? rawQuery.length() : amp;
        int eq = rawQuery.indexOf('=', start);
        pairs.add(
            eq < 0 || eq >= end
                ? new String[] {rawQuery.substring(start, end), ""}
                : new String[] {rawQuery.substring(start, eq), rawQuery.substring(eq + 1, end)});
        if (amp < 0) {
          break;
        }
        start = amp + 1;
      }
    }
    return new QueryParameters(pairs);
  }

  /** The decoded value of the first parameter whose decoded name is {@code name}, or null. */
  @Nullable String first(String name) {
    String[] names = decodedNames();
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return decoded(raw.get(i)[1]);
      }
    }
    return null;
  }

  /**
   * Every name decoded, once: a presigned request asks for seven parameters, and decoding every
   * name for each of them was most of {@link #first}'s cost in the S5 profile.
   */
  private String[] decodedNames() {
    String[] names = decodedNames;
    if (names == null) {
      names = new String[raw.size()];
      for (int i = 0; i < names.length; i++) {
        names[i] = decoded(raw.get(i)[0]);
      }
      decodedNames = names;
    }
    return names;
  }

  boolean contains(String name) {
    return first(name) != null;
  }

  /**
   * The canonical query per the AWS documentation: each name and value decoded and re-encoded per
   * RFC 3986, sorted by encoded name then value, {@code excluded} names left out, empty pairs
   * dropped.
   */
  List<String[]> normalized(@Nullable String excluded) {
    List<String[]> pairs = new ArrayList<>(raw.size());
    for (String[] p : raw) {
      if (p[0].isEmpty() && p[1].isEmpty()) {
        continue;
      }
      String key = canonical(p[0]);
      if (!key.equals(excluded)) {
        pairs.add(new String[] {key, canonical(p[1])});
      }
    }
    return join(pairs);
  }

  /**
   * The canonical query as botocore builds it from a URL: the client's own encoding kept, pairs
   * sorted. Equal to {@link #normalized} whenever the client encoded canonically.
   */
  List<String[]> verbatim(@Nullable String excluded) {
    List<String[]> pairs = new ArrayList<>(raw.size());
    for (String[] p : raw) {
      if (!p[0].equals(excluded)) {
        pairs.add(p);
      }
    }
    return join(pairs);
  }

  /**
   * Sorted {name, value} pairs; the canonical request writes each as {@code name=value}, joined by
   * {@code '&'}.
   */
  private static List<String[]> join(List<String[]> pairs) {
    pairs.sort(BY_KEY_THEN_VALUE);
    return pairs;
  }

  /**
   * Decoded and re-encoded per RFC 3986. Text already in canonical form (most names and values, and
   * presigned values such as {@code AKID%2F20261125%2F…}) is returned as it is instead of being
   * decoded and encoded.
   */
  static String canonical(String text) {
    return UriEncoding.isCanonical(text)
        ? text
        : UriEncoding.encode(UriEncoding.decode(text), false);
  }

  private static String decoded(String text) {
    return text.indexOf('%') < 0
        ? text
        : new String(UriEncoding.decode(text), StandardCharsets.UTF_8);
  }
}
