package dev.turnpike.auth.iam;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One compiled statement. Lists are immutable; patterns are kept as written (variables resolve per
 * request).
 */
record Statement(
    String sid,
    boolean allow,
    @Nullable PrincipalSpec principal,
    boolean notPrincipal,
    List<String> actions,
    boolean notAction,
    List<String> resources,
    boolean notResource,
    boolean resourceOmitted,
    List<Condition> conditions) {

  /**
   * NO when the statement does not apply; SPECIFIC or ACCOUNT (how the principal matched) when it
   * does.
   */
  PrincipalSpec.Match applies(RequestContext ctx) {
    PrincipalSpec.Match who = PrincipalSpec.Match.SPECIFIC;
    if (principal != null) {
      PrincipalSpec.Match m = principal.match(ctx.caller());
      who =
          notPrincipal
              ? (m == PrincipalSpec.Match.NO
                  ? PrincipalSpec.Match.SPECIFIC
                  : PrincipalSpec.Match.NO)
              : m;
      if (who == PrincipalSpec.Match.NO) {
        return who;
      }
    }
    if (anyMatch(actions, ctx.action(), true, ctx) == notAction) {
      return PrincipalSpec.Match.NO;
    }
    if (!resourceOmitted && anyMatch(resources, ctx.resource(), false, ctx) == notResource) {
      return PrincipalSpec.Match.NO;
    }
    for (Condition c : conditions) {
      if (!c.test(ctx)) {
        return PrincipalSpec.Match.NO;
      }
    }
    return who;
  }

  private static boolean anyMatch(
      List<String> patterns, String value, boolean action, RequestContext ctx) {
    for (String p : patterns) {
      if (action
          ? Wildcard.matchesIgnoreCase(p, value)
          : Arns.matches(Variables.resolve(p, ctx), value)) {
        return true;
      }
    }
    return false;
  }
}
