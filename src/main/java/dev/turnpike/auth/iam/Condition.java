package dev.turnpike.auth.iam;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One condition test ({@code "StringEquals": {"aws:SourceVpce": ["a", "b"]}} is one per key),
 * compiled: operator, qualifiers ({@code ForAnyValue:}/{@code ForAllValues:} prefix, {@code
 * IfExists} suffix) and pre-parsed values (numbers, dates, CIDR blocks).
 *
 * <p>Semantics (IAM's): several values for one key are OR-ed for positive operators and NOR-ed for
 * negated ones; a key absent from the request makes positive operators false and negated ones true,
 * {@code …IfExists} true, and {@code ForAllValues} true; {@code Null} tests presence.
 */
final class Condition {
  enum Family {
    STRING,
    STRING_IGNORE_CASE,
    STRING_LIKE,
    NUMERIC,
    DATE,
    BOOL,
    IP,
    ARN,
    ARN_LIKE,
    NULL
  }

  enum Compare {
    EQ,
    LT,
    LE,
    GT,
    GE
  }

  enum SetQualifier {
    NONE,
    FOR_ANY_VALUE,
    FOR_ALL_VALUES
  }

  private final String operator;
  private final Family family;
  private final Compare compare;
  private final boolean negated;
  private final boolean ifExists;
  private final SetQualifier qualifier;
  private final String key;

  /**
   * The key as {@link RequestContext} looks it up (key names are case-insensitive): lowered once,
   * here.
   */
  private final String lookupKey;

  private final List<String> values;
  private final List<Object> parsed;

  private Condition(
      String operator,
      Family family,
      Compare compare,
      boolean negated,
      boolean ifExists,
      SetQualifier qualifier,
      String key,
      List<String> values,
      List<Object> parsed) {
    this.operator = operator;
    this.family = family;
    this.compare = compare;
    this.negated = negated;
    this.ifExists = ifExists;
    this.qualifier = qualifier;
    this.key = key;
    this.lookupKey = key.toLowerCase(Locale.ROOT);
    this.values = values;
    this.parsed = parsed;
  }

  /**
   * Compiles one operator/key/values triple; throws {@link MalformedPolicyException} with the
   * reason.
   */
  static Condition compile(String operatorText, String key, List<String> values) {
    String op = operatorText;
    SetQualifier q = SetQualifier.NONE;
    if (op.startsWith("ForAnyValue:")) {
      q = SetQualifier.FOR_ANY_VALUE;
      op = op.substring("ForAnyValue:".length());
    } else if (op.startsWith("ForAllValues:")) {
      q = SetQualifier.FOR_ALL_VALUES;
      op = op.substring("ForAllValues:".length());
    }
    boolean ifExists = false;
    if (op.endsWith("IfExists") && !op.equals("IfExists")) {
      ifExists = true;
      op = op.substring(0, op.length() - "IfExists".length());
    }
    Family family;
    Compare compare = Compare.EQ;
    boolean negated = false;
    switch (op) {
      case "StringEquals" -> family = Family.STRING;
      case "StringNotEquals" -> {
        family = Family.STRING;
        negated = true;
      }
      case "StringEqualsIgnoreCase" -> family = Family.STRING_IGNORE_CASE;
      case "StringNotEqualsIgnoreCase" -> {
        family = Family.STRING_IGNORE_CASE;
        negated = true;
      }
      case "StringLike" -> family = Family.STRING_LIKE;
      case "StringNotLike" -> {
        family = Family.STRING_LIKE;
        negated = true;
      }
      case "NumericEquals" -> family = Family.NUMERIC;
      case "NumericNotEquals" -> {
        family = Family.NUMERIC;
        negated = true;
      }
      case "NumericLessThan" -> {
        family = Family.NUMERIC;
        compare = Compare.LT;
      }
      case "NumericLessThanEquals" -> {
        family = Family.NUMERIC;
        compare = Compare.LE;
      }
      case "NumericGreaterThan" -> {
        family = Family.NUMERIC;
        compare = Compare.GT;
      }
      case "NumericGreaterThanEquals" -> {
        family = Family.NUMERIC;
        compare = Compare.GE;
      }
      case "DateEquals" -> family = Family.DATE;
      case "DateNotEquals" -> {
        family = Family.DATE;
        negated = true;
      }
      case "DateLessThan" -> {
        family = Family.DATE;
        compare = Compare.LT;
      }
      case "DateLessThanEquals" -> {
        family = Family.DATE;
        compare = Compare.LE;
      }
      case "DateGreaterThan" -> {
        family = Family.DATE;
        compare = Compare.GT;
      }
      case "DateGreaterThanEquals" -> {
        family = Family.DATE;
        compare = Compare.GE;
      }
      case "Bool" -> family = Family.BOOL;
      case "IpAddress" -> family = Family.IP;
      case "NotIpAddress" -> {
        family = Family.IP;
        negated = true;
      }
      case "ArnEquals" -> family = Family.ARN;
      case "ArnNotEquals" -> {
        family = Family.ARN;
        negated = true;
      }
      case "ArnLike" -> family = Family.ARN_LIKE;
      case "ArnNotLike" -> {
        family = Family.ARN_LIKE;
        negated = true;
      }
      case "Null" -> family = Family.NULL;
      default -> throw new MalformedPolicyException("Invalid Condition type : " + operatorText);
    }
    if (family == Family.NULL && (ifExists || q != SetQualifier.NONE)) {
      throw new MalformedPolicyException("Invalid Condition type : " + operatorText);
    }
    if (key.isEmpty()) {
      throw new MalformedPolicyException("Condition key must not be empty in " + operatorText);
    }
    if (values.isEmpty()) {
      throw new MalformedPolicyException(
          "Condition " + operatorText + " on " + key + " has no values");
    }
    List<Object> parsed = new ArrayList<>(values.size());
    for (String v : values) {
      parsed.add(parse(family, operatorText, key, v));
    }
    return new Condition(
        operatorText,
        family,
        compare,
        negated,
        ifExists,
        q,
        key,
        List.copyOf(values),
        List.copyOf(parsed));
  }

  private static Object parse(Family family, String op, String key, String v) {
    try {
      return switch (family) {
        case NUMERIC -> new BigDecimal(v.trim());
        case DATE -> parseDate(v);
        case BOOL, NULL -> {
          String lower = v.toLowerCase(Locale.ROOT);
          if (!lower.equals("true") && !lower.equals("false")) {
            throw new MalformedPolicyException(
                "Condition " + op + " on " + key + " needs true or false, got '" + v + "'");
          }
          yield Boolean.valueOf(lower);
        }
        case IP -> Cidr.parse(v);
        case STRING_IGNORE_CASE -> v.toLowerCase(Locale.ROOT);
        default -> v;
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new MalformedPolicyException(
          "Condition "
              + op
              + " on "
              + key
              + ": '"
              + v
              + "' is not a valid "
              + (family == Family.NUMERIC ? "number" : "date (ISO 8601 or epoch seconds)"));
    }
  }

  static Instant parseDate(String v) {
    String s = v.trim();
    if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
      return Instant.ofEpochSecond(Long.parseLong(s));
    }
    if (s.length() == 10) {
      return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    return OffsetDateTime.parse(s).toInstant();
  }

  boolean test(RequestContext ctx) {
    List<String> present = ctx.values(lookupKey);
    if (family == Family.NULL) {
      boolean absent = present == null || present.isEmpty();
      return (Boolean) parsed.get(0) == absent;
    }
    if (present == null || present.isEmpty()) {
      if (qualifier == SetQualifier.FOR_ALL_VALUES) {
        return true;
      }
      return ifExists || negated;
    }
    return switch (qualifier) {
      case FOR_ALL_VALUES -> {
        for (String v : present) {
          if (!matchesValue(v, ctx)) {
            yield false;
          }
        }
        yield true;
      }
      case FOR_ANY_VALUE, NONE -> {
        for (String v : present) {
          if (matchesValue(v, ctx)) {
            yield true;
          }
        }
        yield false;
      }
    };
  }

  /** One request value against the policy values, with the operator's negation applied. */
  private boolean matchesValue(String requestValue, RequestContext ctx) {
    boolean any = false;
    for (int i = 0; i < parsed.size() && !any; i++) {
      any = positive(requestValue, parsed.get(i), values.get(i), ctx);
    }
    return negated != any;
  }

  private boolean positive(String rv, Object pv, String raw, RequestContext ctx) {
    switch (family) {
      case STRING:
        return rv.equals(Variables.resolve(raw, ctx));
      case STRING_IGNORE_CASE:
        return rv.equalsIgnoreCase(Variables.resolve(raw, ctx));
      case STRING_LIKE:
        return Wildcard.matches(Variables.resolve(raw, ctx), rv);
      case NUMERIC:
        {
          BigDecimal r;
          try {
            r = new BigDecimal(rv.trim());
          } catch (NumberFormatException e) {
            return false;
          }
          return compare(r.compareTo((BigDecimal) pv));
        }
      case DATE:
        {
          Instant r;
          try {
            r = parseDate(rv);
          } catch (RuntimeException e) {
            return false;
          }
          return r != null && compare(r.compareTo((Instant) pv));
        }
      case BOOL:
        return rv.equalsIgnoreCase(String.valueOf(pv));
      case IP:
        return ((Cidr) pv).contains(rv);
      case ARN:
      case ARN_LIKE:
        return Arns.matches(Variables.resolve(raw, ctx), rv);
      default:
        return false;
    }
  }

  private boolean compare(int c) {
    return switch (compare) {
      case EQ -> c == 0;
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
    };
  }

  @Override
  public String toString() {
    return operator + "{" + key + "=" + values + "}";
  }

  /**
   * An IPv4 or IPv6 address block ({@code 192.0.2.0/24}, {@code 2001:db8::/32}, or a single
   * address).
   */
  record Cidr(byte[] network, int prefix) {
    static Cidr parse(String text) {
      String s = text.trim();
      int slash = s.indexOf('/');
      String addr = slash < 0 ? s : s.substring(0, slash);
      byte[] bytes = literal(addr);
      if (bytes == null) {
        throw new MalformedPolicyException(
            "Invalid IP address or CIDR block in condition: '" + text + "'");
      }
      int prefix = bytes.length * 8;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw new MalformedPolicyException(
              "Invalid IP address or CIDR block in condition: '" + text + "'");
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
          throw new MalformedPolicyException(
              "Invalid IP address or CIDR block in condition: '" + text + "'");
        }
      }
      return new Cidr(bytes, prefix);
    }

    boolean contains(String address) {
      byte[] a = literal(address.trim());
      if (a == null) {
        return false;
      }
      if (a.length != network.length) {
        if (a.length == 16 && network.length == 4 && isMapped(a)) {
          a = Arrays.copyOfRange(a, 12, 16);
        } else {
          return false;
        }
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (a[full] & mask) == (network[full] & mask);
    }

    private static boolean isMapped(byte[] a) {
      for (int i = 0; i < 10; i++) {
        if (a[i] != 0) {
          return false;
        }
      }
      return (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
    }

    /** Parses an IP literal without any DNS lookup; null when the text is not one. */
    static byte @Nullable [] literal(String s) {
      if (s.isEmpty()) {
        return null;
      }
      if (s.indexOf(':') < 0) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
          return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
          if (parts[i].isEmpty()
              || parts[i].length() > 3
              || !parts[i].chars().allMatch(Character::isDigit)) {
            return null;
          }
          int v = Integer.parseInt(parts[i]);
          if (v > 255) {
            return null;
          }
          b[i] = (byte) v;
        }
        return b;
      }
      String h = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
      int pct = h.indexOf('%');
      if (pct >= 0) {
        h = h.substring(0, pct);
      }
      if (!h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
        return null;
      }
      try {
        return InetAddress.getByName(h)
            .getAddress(); // a literal: no lookup happens for hex/colon text
      } catch (UnknownHostException e) {
        return null;
      }
    }
  }
}
