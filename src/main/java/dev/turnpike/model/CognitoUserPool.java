package dev.turnpike.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Cognito user pool as Turnpike's {@code cognito-idp} subset keeps it: what DescribeUserPool
 * reports, and the public half of the pool's RS256 signing key ({@code publicKey}: X.509
 * SubjectPublicKeyInfo, base64; the private half is a sealed {@link CognitoPoolSecrets}). Times are
 * epoch milliseconds.
 */
public record CognitoUserPool(
    String id,
    String name,
    String arn,
    long creationDate,
    long lastModifiedDate,
    PasswordPolicy passwordPolicy,
    String mfaConfiguration,
    String deletionProtection,
    List<String> usernameAttributes,
    List<String> aliasAttributes,
    List<String> autoVerifiedAttributes,
    boolean allowAdminCreateUserOnly,
    @Nullable Map<String, String> tags,
    String signingKeyId,
    String publicKey) {

  /** The password rules of the pool ({@code Policies.PasswordPolicy}), with Cognito's defaults. */
  public record PasswordPolicy(
      int minimumLength,
      boolean requireUppercase,
      boolean requireLowercase,
      boolean requireNumbers,
      boolean requireSymbols,
      int temporaryPasswordValidityDays) {
    public static final PasswordPolicy DEFAULT = new PasswordPolicy(8, true, true, true, true, 7);
  }

  /** The region the pool lives in: its id's prefix ({@code us-east-1_AbCdEfGhI}). */
  public String region() {
    int u = id.indexOf('_');
    return u < 0 ? "" : id.substring(0, u);
  }

  /** The {@code iss} of the pool's tokens. */
  public String issuer() {
    return issuer(id);
  }

  public static String issuer(String poolId) {
    int u = poolId.indexOf('_');
    return "https://cognito-idp."
        + (u < 0 ? "" : poolId.substring(0, u))
        + ".amazonaws.com/"
        + poolId;
  }
}
