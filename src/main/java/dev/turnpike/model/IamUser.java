package dev.turnpike.model;

import java.util.List;

/** An IAM user (botocore {@code User}); {@code attachedPolicies} holds managed-policy ARNs. */
public record IamUser(
    String userName, String userId, String path, long createDate, List<String> attachedPolicies) {
  public IamUser {
    attachedPolicies = List.copyOf(attachedPolicies);
  }

  public String arn(String accountId) {
    return "arn:aws:iam::" + accountId + ":user" + path + userName;
  }

  public IamUser withAttachedPolicies(List<String> arns) {
    return new IamUser(userName, userId, path, createDate, arns);
  }
}
