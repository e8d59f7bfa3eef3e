package dev.turnpike.auth.iam;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One authorization question: may {@code caller} perform {@code action} on {@code resource}, with these condition
 * keys? Condition key names are case-insensitive (IAM's rule); values keep their case.
 */
public final class RequestContext {
  private final String action;
  private final String resource;
  private final Caller caller;
  private final Map<String, List<String>> keys = new HashMap<>();

  public RequestContext(String action, String resource, Caller caller) {
    this.action = action;
    this.resource = resource;
    this.caller = caller;
    if (!caller.anonymous()) {
      put("aws:PrincipalArn", caller.roleArn() != null ? caller.roleArn() : caller.arn());
      put("aws:PrincipalAccount", caller.accountId());
      put("aws:userid", caller.userId());
      put("aws:username", caller.userName());
    }
    put("aws:PrincipalType", caller.type().awsName());
  }

  /** Sets a single-valued key; a null value leaves the key absent. */
  public RequestContext put(String key, @Nullable String value) {
    if (value != null) {
      keys.put(key.toLowerCase(Locale.ROOT), List.of(value));
    }
    return this;
  }

  /** Sets a multi-valued key. */
  public RequestContext putAll(String key, List<String> values) {
    keys.put(key.toLowerCase(Locale.ROOT), List.copyOf(values));
    return this;
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
    return keys.get(key.toLowerCase(Locale.ROOT));
  }

  public @Nullable String value(String key) {
    List<String> v = values(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
