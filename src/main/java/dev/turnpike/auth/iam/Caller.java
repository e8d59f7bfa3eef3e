package dev.turnpike.auth.iam;

import org.jspecify.annotations.Nullable;

/**
 * Who makes a request, as the policy language sees it.
 *
 * @param arn the principal ARN ({@code arn:aws:iam::A:root}, {@code …:user/U}, {@code
 *     arn:aws:sts::A:assumed-role/R/S}); "anonymous" for unsigned callers
 * @param accountId the caller's account, null for anonymous callers
 * @param type {@code aws:PrincipalType}
 * @param roleArn for role sessions, the role's ARN (a Principal naming the role matches its
 *     sessions)
 * @param userId {@code aws:userid}
 * @param userName {@code aws:username} (users only)
 */
public record Caller(
    String arn,
    @Nullable String accountId,
    Type type,
    @Nullable String roleArn,
    @Nullable String userId,
    @Nullable String userName) {

  /** {@code aws:PrincipalType} values. */
  public enum Type {
    ACCOUNT("Account"),
    USER("User"),
    ASSUMED_ROLE("AssumedRole"),
    /** An AWS service acting for the account ({@code apigateway.amazonaws.com} invoking Lambda). */
    SERVICE("AWSService"),
    ANONYMOUS("Anonymous");

    private final String awsName;

    Type(String awsName) {
      this.awsName = awsName;
    }

    public String awsName() {
      return awsName;
    }
  }

  public static final Caller ANONYMOUS =
      new Caller("anonymous", null, Type.ANONYMOUS, null, null, null);

  public static Caller root(String accountId) {
    return new Caller(
        "arn:aws:iam::" + accountId + ":root", accountId, Type.ACCOUNT, null, accountId, null);
  }

  /**
   * A service principal such as {@code apigateway.amazonaws.com}: matched only by a {@code
   * "Principal": {"Service": …}} of the same name.
   */
  public static Caller service(String servicePrincipal) {
    return new Caller(servicePrincipal, null, Type.SERVICE, null, null, null);
  }

  public static Caller user(String accountId, String userName, String userId) {
    return new Caller(
        "arn:aws:iam::" + accountId + ":user/" + userName,
        accountId,
        Type.USER,
        null,
        userId,
        userName);
  }

  public static Caller roleSession(
      String accountId, String roleName, String roleId, String sessionName) {
    return new Caller(
        "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName,
        accountId,
        Type.ASSUMED_ROLE,
        "arn:aws:iam::" + accountId + ":role/" + roleName,
        roleId + ":" + sessionName,
        null);
  }

  /**
   * The caller a principal ARN stands for (the form {@code Credential.principalArn} carries); ids
   * are not known from the ARN alone, so {@code userId} is the ARN's last part.
   */
  public static Caller fromArn(String arn) {
    String[] p = arn.split(":", 6);
    if (p.length < 6) {
      return ANONYMOUS;
    }
    String account = p[4];
    String res = p[5];
    if (res.equals("root")) {
      return root(account);
    }
    if (res.startsWith("user/")) {
      String name = res.substring(res.lastIndexOf('/') + 1);
      return new Caller(arn, account, Type.USER, null, name, name);
    }
    if (res.startsWith("assumed-role/")) {
      String[] parts = res.split("/");
      String role = parts.length > 1 ? parts[1] : "";
      String session = parts.length > 2 ? parts[2] : "";
      return new Caller(
          arn,
          account,
          Type.ASSUMED_ROLE,
          "arn:aws:iam::" + account + ":role/" + role,
          role + ":" + session,
          null);
    }
    return new Caller(arn, account, Type.USER, null, res, null);
  }

  public boolean anonymous() {
    return type == Type.ANONYMOUS;
  }
}
