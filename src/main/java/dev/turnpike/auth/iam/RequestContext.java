package dev.turnpike.auth.iam;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One authorization question: may {@code caller} perform {@code action} on {@code resource}, with
 * these condition keys? Condition key names are case-insensitive (IAM's rule); values keep their
 * case.
 *
 * <p>Keys are answered when a policy reads them, not built up front: the principal keys come from
 * the caller, the request's keys from an optional {@link Keys} source, and {@link #put} adds
 * explicit ones (which win). Most policies read no condition key at all, and building a map of a
 * dozen keys per request was most of a resource policy's cost on the request path (S6).
 */
public final class RequestContext {
  /** Request-derived keys, computed on demand. */
  @FunctionalInterface
  public interface Keys {
    /**
     * The value of {@code lowerCaseKey} for this request, or null when the request has no such key.
     */
    @Nullable String value(String lowerCaseKey);
  }

  private static final Keys NONE = key -> null;

  private final String action;
  private final String resource;
  private final Caller caller;
  private final Keys requestKeys;
  private @Nullable Map<String, List<String>> explicit;

  public RequestContext(String action, String resource, Caller caller) {
    this(action, resource, caller, NONE);
  }

  public RequestContext(String action, String resource, Caller caller, Keys requestKeys) {
    this.action = action;
    this.resource = resource;
    this.caller = caller;
    this.requestKeys = requestKeys;
  }

  /** Sets a single-valued key; a null value leaves the key absent. */
  public RequestContext put(String key, @Nullable String value) {
    if (value != null) {
      explicitKeys().put(key.toLowerCase(Locale.ROOT), List.of(value));
    }
    return this;
  }

  /** Sets a multi-valued key. */
  public RequestContext putAll(String key, List<String> values) {
    explicitKeys().put(key.toLowerCase(Locale.ROOT), List.copyOf(values));
    return this;
  }

  private Map<String, List<String>> explicitKeys() {
    if (explicit == null) {
      explicit = new HashMap<>();
    }
    return explicit;
  }

  public String action() {
    return action;
  }

  public String resource() {
    return resource;
  }

  public Caller caller() {
    return caller;
  }

  /** The key's values, or null when the request has no such key. */
  public @Nullable List<String> values(String key) {
    String k =
        key.toLowerCase(
            Locale.ROOT); // the same string when already lower case (compiled conditions)
    if (explicit != null) {
      List<String> v = explicit.get(k);
      if (v != null) {
        return v;
      }
    }
    String v = principalKey(k);
    if (v == null) {
      v = requestKeys.value(k);
    }
    return v == null ? null : List.of(v);
  }

  public @Nullable String value(String key) {
    List<String> v = values(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The principal's keys: the type always, the others only for a signed caller. */
  private @Nullable String principalKey(String k) {
    if (k.equals("aws:principaltype")) {
      return caller.type().awsName();
    }
    if (caller.anonymous()) {
      return null;
    }
    return switch (k) {
      case "aws:principalarn" -> caller.roleArn() != null ? caller.roleArn() : caller.arn();
      case "aws:principalaccount" -> caller.accountId();
      case "aws:userid" -> caller.userId();
      case "aws:username" -> caller.userName();
      default -> null;
    };
  }
}
