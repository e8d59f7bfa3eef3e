package dev.turnpike.model;

/**
 * Temporary credentials issued by {@code AssumeRole}: an {@code ASIA…} key, its secret and session
 * token, the role session they act as, and their expiry (epoch seconds). {@link #toString()} shows
 * neither secret nor token.
 */
public record StsSession(
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    String accountId,
    String roleName,
    String roleId,
    String sessionName,
    long issued,
    long expiration) {

  public String assumedRoleArn() {
    return "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName;
  }

  @Override
  public String toString() {
    return "StsSession[" + accessKeyId + ", " + assumedRoleArn() + ", expires " + expiration + "]";
  }
}
