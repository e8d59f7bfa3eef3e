package dev.turnpike.snapshot;

import dev.turnpike.model.Authorizer;
import dev.turnpike.model.AuthorizerRules;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A REST authorizer as one deployment froze it (spec 8.1), compiled once: identity sources parsed,
 * the validation expression compiled, the TTL resolved. Identity equality on purpose: the
 * authorizer's result cache keys by this object, so a new deployment (a new object) never reads a
 * result its predecessor cached, and a stale entry simply ages out.
 */
public final class CompiledAuthorizer {
  private final String id;
  private final String name;
  private final String type;
  private final @Nullable String authorizerUri;
  private final @Nullable String credentials;
  private final List<AuthorizerRules.Source> sources;
  private final @Nullable Pattern validation;
  private final int ttlSeconds;
  private final List<String> providerArns;

  private CompiledAuthorizer(Authorizer a, @Nullable Pattern validation) {
    this.id = a.id();
    this.name = a.name();
    this.type = a.type();
    this.authorizerUri = a.authorizerUri();
    this.credentials = a.authorizerCredentials();
    this.sources = List.copyOf(AuthorizerRules.sources(a));
    this.validation = validation;
    this.ttlSeconds = AuthorizerRules.ttlSeconds(a);
    this.providerArns = a.providerARNs() == null ? List.of() : List.copyOf(a.providerARNs());
  }

  /**
   * Compiles {@code a}; an authorizer the rules refuse (stored by an older import, say) compiles
   * with its problem in {@code problems} and is null: methods using it answer AWS's 500.
   */
  public static @Nullable CompiledAuthorizer compile(Authorizer a, List<String> problems) {
    String problem = AuthorizerRules.problem(a);
    if (problem != null) {
      problems.add("authorizer " + a.id() + ": " + problem);
      return null;
    }
    String expression = a.identityValidationExpression();
    Pattern validation = null;
    if (expression != null && !expression.isEmpty()) {
      try {
        validation = Pattern.compile(expression);
      } catch (PatternSyntaxException e) {
        problems.add("authorizer " + a.id() + ": " + e.getDescription());
        return null;
      }
    }
    return new CompiledAuthorizer(a, validation);
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  /** {@code TOKEN}, {@code REQUEST} or {@code COGNITO_USER_POOLS}. */
  public String type() {
    return type;
  }

  /** The Lambda invocation URI of TOKEN and REQUEST authorizers, null for Cognito. */
  public @Nullable String authorizerUri() {
    return authorizerUri;
  }

  /** The role API Gateway assumes to invoke the function, null for the function's own policy. */
  public @Nullable String credentials() {
    return credentials;
  }

  /** The identity sources in their configured order; empty for an uncached REQUEST authorizer. */
  public List<AuthorizerRules.Source> sources() {
    return sources;
  }

  /** {@code identityValidationExpression}, compiled; null when unset. */
  public @Nullable Pattern validation() {
    return validation;
  }

  /** Seconds a result is cached; 0 disables caching. */
  public int ttlSeconds() {
    return ttlSeconds;
  }

  /** The user pools of a Cognito authorizer. */
  public List<String> providerArns() {
    return providerArns;
  }

  @Override
  public String toString() {
    return "authorizer " + id + " (" + name + ", " + type + ")";
  }
}
