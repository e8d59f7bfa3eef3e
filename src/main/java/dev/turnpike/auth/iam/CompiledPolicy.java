package dev.turnpike.auth.iam;

import java.util.List;

/**
 * A policy document parsed and validated once ({@link PolicyParser}); {@link #evaluate} answers one
 * request without parsing or allocating beyond policy-variable substitution. Immutable and
 * shareable across threads.
 */
public final class CompiledPolicy {
  private final List<Statement> statements;
  private final String source;

  CompiledPolicy(List<Statement> statements, String source) {
    this.statements = List.copyOf(statements);
    this.source = source;
  }

  /**
   * Explicit deny if any Deny statement applies; else allow if any Allow statement applies; else
   * silence.
   */
  public Verdict evaluate(RequestContext ctx) {
    Verdict allow = null;
    for (Statement s : statements) {
      PrincipalSpec.Match m = s.applies(ctx);
      if (m == PrincipalSpec.Match.NO) {
        continue;
      }
      if (!s.allow()) {
        return new Verdict(Verdict.Effect.DENY, false, s.sid());
      }
      if (allow == null || allow.accountDelegation() && m == PrincipalSpec.Match.SPECIFIC) {
        allow = new Verdict(Verdict.Effect.ALLOW, m == PrincipalSpec.Match.ACCOUNT, s.sid());
      }
    }
    return allow == null ? Verdict.NONE : allow;
  }

  /** Evaluates several policies of the same side (all identity policies of a caller). */
  public static Verdict evaluateAll(List<CompiledPolicy> policies, RequestContext ctx) {
    Verdict v = Verdict.NONE;
    for (CompiledPolicy p : policies) {
      v = Verdict.combine(v, p.evaluate(ctx));
      if (v.denies()) {
        return v;
      }
    }
    return v;
  }

  public int statementCount() {
    return statements.size();
  }

  /** The document as it was parsed (after any shorthand expansion). */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "CompiledPolicy[" + statements.size() + " statements]";
  }
}
