package dev.turnpike.auth.sigv4;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the verifier needs to know about an access key.
 *
 * <p>{@link #toString()} masks the secret and the session token: a credential may end up in a log
 * line or an assertion message, its secrets never may.
 *
 * @param accessKeyId {@code AKIA…} for long-term keys, {@code ASIA…} for STS temporary keys
 * @param secretAccessKey the shared secret the signature is keyed with
 * @param accountId the 12-digit account that owns the key
 * @param principalArn the IAM user, role session or root ARN the key acts as
 * @param sessionToken the token a temporary key must present, null for long-term keys
 * @param expiration when a temporary key stops working, null if never
 */
public record Credential(
    String accessKeyId,
    String secretAccessKey,
    String accountId,
    String principalArn,
    @Nullable String sessionToken,
    @Nullable Instant expiration) {

  public Credential {
    requireNonNull(accessKeyId, "accessKeyId");
    requireNonNull(secretAccessKey, "secretAccessKey");
    requireNonNull(accountId, "accountId");
    requireNonNull(principalArn, "principalArn");
  }

  /** A long-term key: no session token, no expiration. */
  public static Credential longTerm(
      String accessKeyId, String secretAccessKey, String accountId, String principalArn) {
    return new Credential(accessKeyId, secretAccessKey, accountId, principalArn, null, null);
  }

  @Override
  public String toString() {
    return "Credential[accessKeyId="
        + accessKeyId
        + ", secretAccessKey=****, accountId="
        + accountId
        + ", principalArn="
        + principalArn
        + ", sessionToken="
        + (sessionToken == null ? "null" : "****")
        + ", expiration="
        + expiration
        + ']';
  }
}
