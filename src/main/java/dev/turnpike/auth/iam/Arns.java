package dev.turnpike.auth.iam;

/**
 * ARN matching as IAM does it for {@code Resource} and the {@code Arn*} operators: {@code "*"}
 * matches everything; otherwise both sides split into six parts at the first five colons (arn,
 * partition, service, region, account, resource) and each part is matched with {@link Wildcard}, so
 * a wildcard never spans the colons of the prefix but does span {@code /} and {@code :} inside the
 * resource part.
 */
public final class Arns {
  private Arns() {}

  public static boolean matches(String pattern, String arn) {
    if (pattern.equals("*")) {
      return true;
    }
    int pi = 0;
    int ai = 0;
    for (int part = 0; part < 5; part++) {
      int pc = pattern.indexOf(':', pi);
      int ac = arn.indexOf(':', ai);
      if (pc < 0 || ac < 0) {
        return false;
      }
      if (!Wildcard.matches(pattern, pi, pc, arn, ai, ac, false)) {
        return false;
      }
      pi = pc + 1;
      ai = ac + 1;
    }
    return Wildcard.matches(pattern, pi, pattern.length(), arn, ai, arn.length(), false);
  }

  /**
   * True when {@code s} has the six colon-separated parts of an ARN and starts with {@code arn:}.
   */
  public static boolean wellFormed(String s) {
    if (!s.startsWith("arn:")) {
      return false;
    }
    int colons = 0;
    for (int i = 0; i < s.length() && colons < 5; i++) {
      if (s.charAt(i) == ':') {
        colons++;
      }
    }
    return colons == 5;
  }

  /**
   * The account id with all but the last four digits masked, as API Gateway prints resource ARNs in
   * denials.
   */
  public static String maskAccount(String accountId) {
    if (accountId.length() <= 4) {
      return accountId;
    }
    return "*".repeat(accountId.length() - 4) + accountId.substring(accountId.length() - 4);
  }
}
