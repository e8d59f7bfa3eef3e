package dev.turnpike.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * The rules of a REST {@link Authorizer} (spec 8.1), one home for the control plane (which refuses
 * a bad authorizer) and the snapshot compiler (which compiles a good one): types, identity-source
 * syntax, the TTL range. Messages follow AWS's {@code BadRequestException} style; their exact words
 * are [UNCONF] (no recording of these refusals).
 */
public final class AuthorizerRules {
  public static final String TOKEN = "TOKEN";
  public static final String REQUEST = "REQUEST";
  public static final String COGNITO = "COGNITO_USER_POOLS";

  /** {@code authorizerResultTtlInSeconds} when unset (spec 8.1). */
  public static final int DEFAULT_TTL_SECONDS = 300;

  public static final int MAX_TTL_SECONDS = 3600;

  private AuthorizerRules() {}

  /** Where an identity source's value comes from. */
  public enum SourceKind {
    HEADER("method.request.header."),
    QUERY("method.request.querystring."),
    STAGE_VARIABLE("stageVariables."),
    CONTEXT("context.");

    private final String prefix;

    SourceKind(String prefix) {
      this.prefix = prefix;
    }

    public String prefix() {
      return prefix;
    }
  }

  /**
   * One identity source: {@code method.request.header.Authorization} is (HEADER, Authorization).
   */
  public record Source(SourceKind kind, String name) {
    public String expression() {
      return kind.prefix() + name;
    }
  }

  /** The TTL in effect: 300 when unset. */
  public static int ttlSeconds(Authorizer a) {
    Integer ttl = a.authorizerResultTtlInSeconds();
    return ttl == null ? DEFAULT_TTL_SECONDS : ttl;
  }

  /**
   * The identity sources, parsed; an empty list when none is set. Call only for an authorizer
   * {@link #problem} passed.
   */
  public static List<Source> sources(Authorizer a) {
    List<Source> out = new ArrayList<>();
    String raw = a.identitySource();
    if (raw == null || raw.isBlank()) {
      return out;
    }
    for (String part : raw.split(",", -1)) {
      Source s = parse(part.trim());
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /** What is wrong with {@code a}, in AWS's style, or null when it may be stored. */
  public static @Nullable String problem(Authorizer a) {
    String type = a.type();
    if (!type.equals(TOKEN) && !type.equals(REQUEST) && !type.equals(COGNITO)) {
      return "Invalid authorizer type specified: '"
          + type
          + "'. Valid options are TOKEN, REQUEST, COGNITO_USER_POOLS";
    }
    Integer ttl = a.authorizerResultTtlInSeconds();
    if (ttl != null && (ttl < 0 || ttl > MAX_TTL_SECONDS)) {
      return "Invalid authorizer TTL specified: "
          + ttl
          + ". Must be between 0 and "
          + MAX_TTL_SECONDS
          + " seconds";
    }
    if (type.equals(COGNITO)) {
      List<String> arns = a.providerARNs();
      if (arns == null || arns.isEmpty()) {
        return "ProviderARNs need to be specified for authorizer type COGNITO_USER_POOLS";
      }
      for (String arn : arns) {
        if (!arn.matches("arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\\d{12}:userpool/[\\w-]+_\\w+")) {
          return "Invalid ProviderARN specified: " + arn;
        }
      }
    } else if (a.authorizerUri() == null || a.authorizerUri().isBlank()) {
      return "Authorizer URI must be specified for authorizer type " + type;
    }
    String validation = a.identityValidationExpression();
    if (validation != null && !validation.isEmpty()) {
      try {
        Pattern.compile(validation);
      } catch (PatternSyntaxException e) {
        return "Invalid identityValidationExpression specified: " + validation;
      }
    }
    return identitySourceProblem(a, type);
  }

  private static @Nullable String identitySourceProblem(Authorizer a, String type) {
    String raw = a.identitySource();
    if (raw == null || raw.isBlank()) {
      // REQUEST authorizers need identity sources only when their results are cached.
      return type.equals(REQUEST) && ttlSeconds(a) == 0
          ? null
          : "Identity source must be specified for authorizer type "
              + type
              + (type.equals(REQUEST) ? " when authorizer caching is enabled" : "");
    }
    String[] parts = raw.split(",", -1);
    if (!type.equals(REQUEST) && parts.length != 1) {
      return "Invalid identity source specified: "
          + raw
          + ". Authorizers of type "
          + type
          + " take exactly one header";
    }
    for (String part : parts) {
      Source s = parse(part.trim());
      if (s == null || (!type.equals(REQUEST) && s.kind() != SourceKind.HEADER)) {
        return "Invalid identity source specified: "
            + part.trim()
            + (type.equals(REQUEST)
                ? ". Must be method.request.header.{name}, method.request.querystring.{name},"
                    + " stageVariables.{name} or context.{name}"
                : ". Must be method.request.header.{name}");
      }
    }
    return null;
  }

  private static @Nullable Source parse(String expression) {
    for (SourceKind k : SourceKind.values()) {
      if (expression.startsWith(k.prefix()) && expression.length() > k.prefix().length()) {
        String name = expression.substring(k.prefix().length());
        if (name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ',')) {
          return new Source(k, name);
        }
      }
    }
    return null;
  }
}
