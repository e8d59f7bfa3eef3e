package dev.turnpike.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** An IAM role (botocore {@code Role}) with its trust policy ({@code AssumeRolePolicyDocument}). */
public record IamRole(
    String roleName,
    String roleId,
    String path,
    long createDate,
    String assumeRolePolicyDocument,
    int maxSessionDuration,
    @Nullable String description,
    List<String> attachedPolicies) {
  public IamRole {
    attachedPolicies = List.copyOf(attachedPolicies);
  }

  public String arn(String accountId) {
    return "arn:aws:iam::" + accountId + ":role" + path + roleName;
  }

  public IamRole withAttachedPolicies(List<String> arns) {
    return new IamRole(
        roleName,
        roleId,
        path,
        createDate,
        assumeRolePolicyDocument,
        maxSessionDuration,
        description,
        arns);
  }
}
