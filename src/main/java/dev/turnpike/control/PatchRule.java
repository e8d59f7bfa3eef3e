package dev.turnpike.control;

import dev.turnpike.control.PatchApplier.Custom;
import dev.turnpike.control.PatchApplier.Kind;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One declared patch path of a {@link PatchApplier}: a pattern of segments ({@code *} matches any
 * one segment, {@code a|b} either), the operations it accepts, and what it writes.
 *
 * @param pattern the path's segments, escapes kept as in the request
 * @param listed whether the unknown-path answer lists it
 * @param kind how a scalar or list path is written (ignored when {@code map}, {@code list} or
 *     {@code custom} is set)
 * @param map the map whose entries the path names (its last key segments are the key)
 * @param list the value list the path names
 * @param custom the code that writes it
 * @param target the segments written instead of the request's (another spelling of a member)
 */
record PatchRule(
    String[] pattern,
    Set<String> ops,
    boolean listed,
    Kind kind,
    @Nullable MapEntries map,
    @Nullable ValueList list,
    @Nullable Custom custom,
    String @Nullable [] target) {

  static PatchRule scalar(String pattern, Kind kind, Set<String> ops, boolean listed) {
    return new PatchRule(split(pattern), ops, listed, kind, null, null, null, null);
  }

  static String[] split(String pattern) {
    return pattern.substring(1).split("/", -1);
  }

  /** Whether the whole of {@code raw} matches the pattern. */
  boolean matches(String[] raw) {
    return pattern.length == raw.length && prefixMatches(raw, raw.length);
  }

  /**
   * Whether {@code raw[0..len)} is the member this rule declares (a map's or a list's path, without
   * the key).
   */
  boolean isMember(String[] raw, int len) {
    int memberLength = pattern.length - (map != null ? map.keySegments() : 0);
    return memberLength == len && prefixMatches(raw, len);
  }

  /** The pattern as the unknown-path answer lists it. */
  String display() {
    return "/" + String.join("/", pattern);
  }

  private boolean prefixMatches(String[] raw, int len) {
    for (int i = 0; i < len; i++) {
      if (!pattern[i].equals("*")
          && !pattern[i].equals(raw[i])
          && !isAlternative(pattern[i], raw[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlternative(String pattern, String segment) {
    if (pattern.indexOf('|') < 0) {
      return false;
    }
    for (String alternative : pattern.split("\\|")) {
      if (alternative.equals(segment)) {
        return true;
      }
    }
    return false;
  }
}
