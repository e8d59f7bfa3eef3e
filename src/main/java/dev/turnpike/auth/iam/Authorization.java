package dev.turnpike.auth.iam;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Combines the caller's identity policies with a resource-based policy, per spec 5.2:
 *
 * <ul>
 *   <li>Any explicit deny wins (identity side first, then resource side).
 *   <li>Same account (table A): either side's Allow suffices. A resource-policy Allow that names
 *       only the account ({@code "AWS": "A"} or {@code arn:aws:iam::A:root}) delegates to the
 *       account's identity policies and does not suffice alone (IAM's rule for account principals).
 *   <li>Cross-account (table B): both sides must Allow.
 *   <li>Anonymous callers (methods without AWS_IAM): the resource policy alone decides; no resource
 *       policy means no check at all.
 * </ul>
 *
 * <p>Denial texts are AWS's current IAM wording ({@code … because no identity-based policy allows
 * the X action}, {@code … with an explicit deny in a resource-based policy}).
 */
public final class Authorization {
  private Authorization() {}

  /** The outcome: allowed, or refused with the message AWS prints. */
  public record Decision(boolean allowed, @Nullable String message, Reason reason) {
    static final Decision ALLOW = new Decision(true, null, Reason.ALLOWED);
  }

  /** Why a request was refused (for logs and {@code turnpike explain}). */
  public enum Reason {
    ALLOWED,
    IDENTITY_DENY,
    RESOURCE_DENY,
    NO_IDENTITY_ALLOW,
    NO_RESOURCE_ALLOW
  }

  /**
   * @param identity the identity side (administrators: {@link Verdict#ALLOW_ALL} in their own
   *     account); ignored for anonymous callers
   * @param resource the resource policy's verdict, or null when the resource has no policy
   * @param resourceOwner the account that owns the resource
   * @param resourceForMessage the resource ARN as the message shows it (API Gateway masks the
   *     account id)
   */
  public static Decision decide(
      Caller caller,
      String action,
      Verdict identity,
      @Nullable Verdict resource,
      String resourceOwner,
      String resourceForMessage) {
    return decide(caller, action, identity, resource, resourceOwner, () -> resourceForMessage);
  }

  /**
   * As above, with the message's resource ARN built only for a denial: allowed requests (nearly
   * all) then build no ARN string at all.
   */
  public static Decision decide(
      Caller caller,
      String action,
      Verdict identity,
      @Nullable Verdict resource,
      String resourceOwner,
      Supplier<String> resourceForMessage) {
    if (caller.anonymous()) {
      if (resource == null) {
        return Decision.ALLOW;
      }
      if (resource.denies()) {
        return deny(caller, action, resourceForMessage, Reason.RESOURCE_DENY);
      }
      return resource.allows()
          ? Decision.ALLOW
          : deny(caller, action, resourceForMessage, Reason.NO_RESOURCE_ALLOW);
    }
    if (identity.denies()) {
      return deny(caller, action, resourceForMessage, Reason.IDENTITY_DENY);
    }
    if (resource != null && resource.denies()) {
      return deny(caller, action, resourceForMessage, Reason.RESOURCE_DENY);
    }
    boolean resourceAllows = resource != null && resource.allows();
    if (resourceOwner.equals(caller.accountId())) {
      if (identity.allows()
          || resourceAllows && resource != null && !resource.accountDelegation()) {
        return Decision.ALLOW;
      }
      return deny(caller, action, resourceForMessage, Reason.NO_IDENTITY_ALLOW);
    }
    if (!identity.allows()) {
      return deny(caller, action, resourceForMessage, Reason.NO_IDENTITY_ALLOW);
    }
    return resourceAllows
        ? Decision.ALLOW
        : deny(caller, action, resourceForMessage, Reason.NO_RESOURCE_ALLOW);
  }

  /** AWS's denial sentence. */
  public static String message(Caller caller, String action, String resource, Reason reason) {
    String head =
        "User: "
            + caller.arn()
            + " is not authorized to perform: "
            + action
            + " on resource: "
            + resource;
    return switch (reason) {
      case IDENTITY_DENY -> head + " with an explicit deny in an identity-based policy";
      case RESOURCE_DENY -> head + " with an explicit deny in a resource-based policy";
      case NO_IDENTITY_ALLOW ->
          head + " because no identity-based policy allows the " + action + " action";
      case NO_RESOURCE_ALLOW ->
          head + " because no resource-based policy allows the " + action + " action";
      case ALLOWED -> head;
    };
  }

  private static Decision deny(
      Caller caller, String action, Supplier<String> resource, Reason reason) {
    return new Decision(false, message(caller, action, resource.get(), reason), reason);
  }
}
