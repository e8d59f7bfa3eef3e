package dev.turnpike.decision;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Renders a decision record as the plain-words story {@code turnpike explain} prints. */
public final class DecisionStory {
  private DecisionStory() {}

  public static String render(DecisionRecord r) {
    StringBuilder b = new StringBuilder();
    b.append("Request ").append(r.requestId()).append('\n');
    b.append("  at ")
        .append(Instant.ofEpochMilli(r.epochMillis()))
        .append(" from ")
        .append(r.sourceIp())
        .append(" (")
        .append(r.protocol())
        .append(r.secure() ? ", HTTPS" : ", HTTP")
        .append(")\n");
    b.append("  ").append(r.method()).append(' ').append(r.rawPath());
    if (r.host() != null) {
      b.append("  Host: ").append(r.host());
    }
    b.append('\n');
    b.append("\nWhat Turnpike found\n");
    b.append("  addressing: ").append(addressing(r.addressing())).append('\n');
    customDomain(b, r);
    line(b, "API", r.apiId());
    line(b, "stage", r.stageName());
    if (r.resourcePath() != null) {
      b.append("  matched: ")
          .append(r.method())
          .append(' ')
          .append(r.resourcePath())
          .append(" (resource ")
          .append(r.resourceId())
          .append(", authorization ")
          .append(r.authorizationType())
          .append(r.apiKeyRequired() ? ", API key required" : "")
          .append(")\n");
    }
    line(b, "caller", r.callerArn());
    line(b, "API key", r.maskedApiKey());
    line(b, "usage plan", r.usagePlanId());
    if (r.integrationType() != null) {
      b.append("  integration: ").append(r.integrationType());
      if (r.integrationUri() != null && !r.integrationUri().isEmpty()) {
        b.append(' ').append(r.integrationUri());
      }
      if (r.integrationTimeoutMillis() > 0) {
        b.append(" (timeout ").append(r.integrationTimeoutMillis()).append(" ms)");
      }
      b.append('\n');
    }
    metering(b, r.metering());
    b.append("\nOutcome\n");
    b.append("  status ").append(r.status());
    if (r.errorType() != null) {
      b.append(' ').append(r.errorType());
    }
    b.append(" after ").append(r.latencyMillis()).append(" ms");
    if (r.integrationLatencyMillis() >= 0) {
      b.append(" (integration ").append(r.integrationLatencyMillis()).append(" ms)");
    }
    b.append('\n');
    b.append("  why: ").append(r.cause().summary()).append(".\n");
    detail(b, r);
    if (r.kbSlug() != null) {
      b.append("\nRead: turnpike kb show ")
          .append(r.kbSlug())
          .append("   (docs/kb/")
          .append(r.kbSlug())
          .append(".md)\n");
    }
    return b.toString();
  }

  private static void detail(StringBuilder b, DecisionRecord r) {
    DecisionRecord.Fact d = r.detail();
    if (d instanceof DecisionRecord.LimitFact f) {
      String level =
          switch (r.cause()) {
            case THROTTLE_PLAN ->
                "the usage plan "
                    + (r.usagePlanId() == null ? "" : r.usagePlanId() + " ")
                    + "for key "
                    + r.maskedApiKey();
            case THROTTLE_STAGE ->
                "the stage "
                    + r.stageName()
                    + " (method "
                    + r.method()
                    + " "
                    + r.resourcePath()
                    + ")";
            default -> "the account (all APIs of the Region)";
          };
      b.append("  limit: ")
          .append(level)
          .append(": rate ")
          .append(String.format(Locale.ROOT, "%.2f", f.rate()))
          .append(" requests/s, burst ")
          .append(f.burst())
          .append(". The bucket was empty.\n");
    } else if (d instanceof DecisionRecord.QuotaFact f) {
      b.append("  quota: usage plan ")
          .append(f.planId())
          .append(" allows ")
          .append(f.limit())
          .append(" requests per ")
          .append(f.period())
          .append(" for key ")
          .append(r.maskedApiKey())
          .append("; all are used.\n");
    } else if (d instanceof DecisionRecord.PolicyFact f) {
      b.append("  policy decision: ").append(policyReason(f.reason())).append('\n');
      b.append("  ")
          .append(
              f.crossAccount()
                  ? "cross-account (table B: both the caller's identity policy and the "
                      + "resource policy must allow)"
                  : "same account (table A: either the identity or the resource policy may "
                      + "allow, no explicit deny)")
          .append('\n');
      if (f.identityStatement() != null) {
        b.append("  identity policy statement that decided: ")
            .append(f.identityStatement())
            .append('\n');
      }
      if (f.resourceStatement() != null) {
        b.append("  resource policy statement that decided: ")
            .append(f.resourceStatement())
            .append('\n');
      }
      if (f.message() != null) {
        b.append("  message: ").append(f.message()).append('\n');
      }
    } else if (d instanceof DecisionRecord.SignatureFact f) {
      b.append("  SigV4: ").append(f.errorType()).append('\n');
      for (String l : f.message().split("\n", -1)) {
        b.append("    ").append(l).append('\n');
      }
    } else if (d instanceof DecisionRecord.KeyFact f) {
      b.append("  API key check: ").append(f.reason()).append('\n');
    } else if (d instanceof DecisionRecord.ValidationFact f) {
      b.append("  request validator: ").append(f.message()).append('\n');
    } else if (d instanceof DecisionRecord.CorsFact f) {
      b.append("  CORS preflight answered by the gateway: ").append(f.verdict());
      if (f.refused() != null) {
        b.append(" (not allowed by corsConfiguration: ")
            .append(f.refused())
            .append("; the answer carries no CORS headers and the browser blocks the call)");
      }
      b.append('\n');
    } else if (d instanceof DecisionRecord.LambdaFact f) {
      lambda(b, f);
    } else if (d instanceof DecisionRecord.AuthorizerFact f) {
      authorizer(b, f);
    }
  }

  private static void authorizer(StringBuilder b, DecisionRecord.AuthorizerFact f) {
    b.append("  authorizer: ").append(f.authorizerId()).append(" (").append(f.type()).append(")\n");
    switch (f.cache()) {
      case "hit" ->
          b.append("  result: from the cache, ")
              .append(f.cacheAgeMillis() / 1000)
              .append(" s old (the policy cached for this identity was used as it was)\n");
      case "miss" -> b.append("  result: the authorizer was asked (not in the cache)\n");
      default -> b.append("  result: the authorizer was asked (caching off)\n");
    }
    if (f.principalId() != null) {
      b.append("  principal: ").append(f.principalId()).append('\n');
    }
    if (f.statement() != null) {
      b.append("  deciding statement: ").append(f.statement()).append('\n');
    }
    if (f.problem() != null) {
      b.append("  problem: ").append(f.problem()).append('\n');
    }
  }

  private static void lambda(StringBuilder b, DecisionRecord.LambdaFact f) {
    b.append("  Lambda function: ").append(f.functionArn());
    if (f.executedVersion() != null) {
      b.append(" (ran version ").append(f.executedVersion()).append(')');
    }
    b.append('\n');
    if (!Double.isNaN(f.durationMs())) {
      b.append("  instance: ").append(f.coldStart() ? "cold start" : "warm");
      if (f.coldStart() && !Double.isNaN(f.initDurationMs())) {
        b.append(String.format(java.util.Locale.ROOT, " (init %.2f ms)", f.initDurationMs()));
      }
      b.append(String.format(java.util.Locale.ROOT, ", ran %.2f ms", f.durationMs())).append('\n');
    } else {
      b.append("  the function was not run\n");
    }
    if (f.problem() != null) {
      b.append("  problem: ").append(f.problem()).append('\n');
    }
  }

  private static void customDomain(StringBuilder b, DecisionRecord r) {
    if (r.domainName() == null) {
      return;
    }
    b.append("  custom domain: ").append(r.domainName()).append('\n');
    if (r.basePath() == null) {
      b.append("  base path mapping: none matched ")
          .append(r.rawPath())
          .append(" (no mapping of ")
          .append(r.domainName())
          .append(
              " has this path's first segment as its base path, and there is no "
                  + "(none) mapping)\n");
      return;
    }
    b.append("  base path mapping: ")
        .append(r.basePath())
        .append(" -> API ")
        .append(r.mappingApiId())
        .append(", stage ")
        .append(r.mappingStage())
        .append('\n');
  }

  private static void metering(StringBuilder b, DecisionRecord.@Nullable Metering m) {
    if (m == null) {
      return;
    }
    if (m.planChecked() || m.stageChecked() || m.accountChecked()) {
      b.append("  throttles checked (tokens left right after the check):\n");
    }
    if (m.planChecked()) {
      bucket(
          b,
          m.planLevel() == DecisionRecord.PlanLevel.PER_KEY
              ? "usage plan, per key"
              : "usage plan, per method",
          m.planRate(),
          m.planBurst(),
          m.planTokens());
    }
    if (m.stageChecked()) {
      bucket(b, "stage, per method", m.stageRate(), m.stageBurst(), m.stageTokens());
    }
    if (m.accountChecked()) {
      bucket(b, "account", m.accountRate(), m.accountBurst(), m.accountTokens());
    }
    if (m.quotaChecked()) {
      b.append("  quota: ")
          .append(m.quotaUsed())
          .append(" used of ")
          .append(m.quotaLimit())
          .append(" per ")
          .append(m.quotaPeriod())
          .append(", ")
          .append(Math.max(0, m.quotaRemaining()))
          .append(" remaining\n");
    }
  }

  private static void bucket(StringBuilder b, String level, double rate, int burst, int tokens) {
    b.append("    ")
        .append(level)
        .append(": rate ")
        .append(String.format(Locale.ROOT, "%.2f", rate))
        .append(" requests/s, burst ")
        .append(burst)
        .append(", ")
        .append(tokens)
        .append(tokens == 1 ? " token" : " tokens")
        .append(" left\n");
  }

  private static String policyReason(String reason) {
    return switch (reason) {
      case "IDENTITY_DENY" ->
          "an identity policy of the caller explicitly denies execute-api:Invoke";
      case "RESOURCE_DENY" -> "the API's resource policy explicitly denies this caller";
      case "NO_IDENTITY_ALLOW" ->
          "no identity policy of the caller allows execute-api:Invoke on this resource";
      case "NO_RESOURCE_ALLOW" -> "the API's resource policy does not allow this caller";
      default -> reason;
    };
  }

  private static String addressing(@Nullable String a) {
    if (a == null) {
      return "unresolved (neither an execute-api host, the /restapis/ path style, nor a custom"
          + " domain)";
    }
    return switch (a) {
      case "host" -> "execute-api host ({apiId}.execute-api.{region}.{suffix}/{stage}/...)";
      case "path" -> "path style (/restapis/{apiId}/{stage}/_user_request_/...)";
      case "domain" -> "custom domain (base path mapping)";
      default -> a;
    };
  }

  private static void line(StringBuilder b, String label, @Nullable String value) {
    if (value != null) {
      b.append("  ").append(label).append(": ").append(value).append('\n');
    }
  }
}
