package dev.turnpike.auth.iam;

import org.jspecify.annotations.Nullable;

/**
 * What one policy (or a set of them) says about one request.
 *
 * @param effect explicit deny, allow, or silence
 * @param accountDelegation for resource policies: every allowing statement named the caller's
 *     account (or {@code arn:aws:iam::A:root}) rather than the caller itself, so the account's own
 *     identity policies must allow too (IAM's delegation rule)
 * @param statementId the Sid (or index) of the deciding statement, for explanations
 */
public record Verdict(Effect effect, boolean accountDelegation, @Nullable String statementId) {
  public enum Effect {
    ALLOW,
    DENY,
    NONE
  }

  public static final Verdict NONE = new Verdict(Effect.NONE, false, null);
  public static final Verdict ALLOW_ALL = new Verdict(Effect.ALLOW, false, "administrator");

  public boolean allows() {
    return effect == Effect.ALLOW;
  }

  public boolean denies() {
    return effect == Effect.DENY;
  }

  /** Combines the verdicts of several policies of the same side: any deny wins, then any allow. */
  public static Verdict combine(Verdict a, Verdict b) {
    if (a.denies()) {
      return a;
    }
    if (b.denies()) {
      return b;
    }
    if (a.allows() && b.allows()) {
      return a.accountDelegation ? b : a;
    }
    return a.allows() ? a : b;
  }
}
