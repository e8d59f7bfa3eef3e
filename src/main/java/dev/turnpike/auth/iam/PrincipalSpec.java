package dev.turnpike.auth.iam;

import java.util.Set;

/**
 * The {@code Principal} of a statement, compiled: {@code "*"}, account ids (from {@code
 * "123456789012"} or {@code arn:aws:iam::123456789012:root}) and exact principal ARNs (users,
 * roles, role sessions) and service principals ({@code apigateway.amazonaws.com}: what a Lambda
 * function's resource policy names when API Gateway may invoke it). Federated and canonical-user
 * principals are kept only for validation: no Turnpike caller is one.
 */
record PrincipalSpec(boolean any, Set<String> accounts, Set<String> arns, Set<String> services) {
  enum Match {
    NO,
    SPECIFIC,
    ACCOUNT
  }

  Match match(Caller caller) {
    if (any) {
      return Match.SPECIFIC;
    }
    if (caller.anonymous()) {
      return Match.NO;
    }
    if (caller.type() == Caller.Type.SERVICE) {
      return services.contains(caller.arn()) ? Match.SPECIFIC : Match.NO;
    }
    if (arns.contains(caller.arn())
        || caller.roleArn() != null && arns.contains(caller.roleArn())) {
      return Match.SPECIFIC;
    }
    if (caller.accountId() != null && accounts.contains(caller.accountId())) {
      return caller.type() == Caller.Type.ACCOUNT ? Match.SPECIFIC : Match.ACCOUNT;
    }
    return Match.NO;
  }
}
