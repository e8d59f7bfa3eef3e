package dev.turnpike.model;

import org.jspecify.annotations.Nullable;

/**
 * A policy document with a name: an inline user/role policy ({@code policyId} and {@code path}
 * unused) or a managed policy ({@code arn:aws:iam::A:policy{path}{name}}).
 */
public record IamPolicy(
    String policyName,
    @Nullable String policyId,
    String path,
    long createDate,
    String policyDocument,
    @Nullable String description) {

  public String arn(String accountId) {
    return "arn:aws:iam::" + accountId + ":policy" + path + policyName;
  }
}
