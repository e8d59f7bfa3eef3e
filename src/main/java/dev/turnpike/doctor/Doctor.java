package dev.turnpike.doctor;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.auth.iam.Arns;
import dev.turnpike.auth.iam.Authorization;
import dev.turnpike.auth.iam.Caller;
import dev.turnpike.auth.iam.CompiledPolicy;
import dev.turnpike.auth.iam.RequestContext;
import dev.turnpike.auth.iam.Verdict;
import dev.turnpike.authorizer.AuthorizerStage;
import dev.turnpike.counters.Limiter;
import dev.turnpike.counters.QuotaRule;
import dev.turnpike.routing.ResourceTree;
import dev.turnpike.routing.RouteMatch;
import dev.turnpike.snapshot.CompiledApi;
import dev.turnpike.snapshot.CompiledMethod;
import dev.turnpike.snapshot.CompiledStage;
import dev.turnpike.snapshot.GatewaySnapshot;
import dev.turnpike.snapshot.IamIndex;
import dev.turnpike.snapshot.KeyGrant;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code turnpike doctor limits} and {@code doctor access}, answered from the live snapshot (what
 * the request path uses right now, not the stored configuration). Each report is JSON: {@code
 * level} (OK, WARN or FAIL, the worst finding), {@code findings} (level, message, fix, article) and
 * the data behind them.
 */
public final class Doctor {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Supplier<GatewaySnapshot> snapshot;
  private final AuthorizerDoctor authorizerDoctor;
  private final String region;
  private final Clock clock;
  private volatile @Nullable CertificateDoctor certificateDoctor;

  public Doctor(Supplier<GatewaySnapshot> snapshot, String region, Clock clock) {
    this(snapshot, region, clock, null);
  }

  /** With the request path's authorizer stage, whose cache {@code doctor access --token} reads. */
  public Doctor(
      Supplier<GatewaySnapshot> snapshot,
      String region,
      Clock clock,
      @Nullable AuthorizerStage authorizers) {
    this.authorizerDoctor = new AuthorizerDoctor(snapshot, authorizers, region, clock);
    this.snapshot = snapshot;
    this.region = region;
    this.clock = clock;
  }

  /** Also answers {@code doctor certificates} with {@code certificates}. */
  public Doctor withCertificates(CertificateDoctor certificates) {
    this.certificateDoctor = certificates;
    return this;
  }

  /** {@code doctor certificates}, or null when this Doctor was built without it. */
  public @Nullable ObjectNode certificates() {
    CertificateDoctor c = certificateDoctor;
    return c == null ? null : c.certificates();
  }

  /** Findings collected for one report. */
  static final class Report {
    final ObjectNode root = MAPPER.createObjectNode();
    final ArrayNode findings = root.putArray("findings");
    int worst;

    void add(int level, String message, @Nullable String fix, @Nullable String article) {
      ObjectNode f = findings.addObject();
      f.put("level", name(level));
      f.put("message", message);
      f.put("fix", fix);
      f.put("article", article);
      worst = Math.max(worst, level);
    }

    ObjectNode done() {
      root.put("level", name(worst));
      root.put("exitCode", worst);
      return root;
    }

    static String name(int level) {
      return level == 0 ? "OK" : level == 1 ? "WARN" : "FAIL";
    }
  }

  private @Nullable CompiledStage stage(Report r, String apiId, String stageName) {
    CompiledApi api = snapshot.get().api(apiId);
    if (api == null) {
      r.add(
          2,
          "No deployed API " + apiId + " (requests get 403 Forbidden)",
          "Check the API id, or deploy it: "
              + "aws apigateway create-deployment --rest-api-id "
              + apiId
              + " --stage-name "
              + stageName,
          "unknown-stage-403");
      return null;
    }
    CompiledStage stage = api.stage(stageName);
    if (stage == null) {
      r.add(
          2,
          "API " + apiId + " has no stage " + stageName + " (requests get 403 Forbidden)",
          "aws apigateway create-deployment --rest-api-id " + apiId + " --stage-name " + stageName,
          "unknown-stage-403");
    }
    return stage;
  }

  /**
   * Every Lambda method of a stage: function, permission, handler code, timeout ({@link
   * LambdaDoctor}).
   */
  public ObjectNode lambda(String apiId, String stageName) {
    Report r = new Report();
    r.root.put("api", apiId).put("stage", stageName);
    CompiledStage stage = stage(r, apiId, stageName);
    if (stage != null) {
      LambdaDoctor.check(r, snapshot.get(), stage, region);
    }
    return r.done();
  }

  /**
   * The effective throttle of every method at every level, which binds first, and the key's quota.
   */
  public ObjectNode limits(String apiId, String stageName, @Nullable String keyId) {
    Report r = new Report();
    r.root.put("api", apiId).put("stage", stageName).put("key", keyId);
    CompiledStage stage = stage(r, apiId, stageName);
    if (stage == null) {
      return r.done();
    }
    KeyGrant grant = null;
    if (keyId != null) {
      for (KeyGrant g : stage.metering().grants().values()) {
        if (g.keyId().equals(keyId)) {
          grant = g;
        }
      }
      if (grant == null) {
        r.add(
            2,
            "API key "
                + keyId
                + " is not in an enabled state in a usage plan of "
                + apiId
                + "/"
                + stageName
                + " (methods that require a key answer 403 Forbidden)",
            "aws apigateway create-usage-plan-key "
                + "--usage-plan-id PLAN --key-id "
                + keyId
                + " --key-type API_KEY (the plan must list this stage)",
            "api-key-403");
      } else {
        r.root.put("usagePlanId", grant.planId());
      }
    }
    Limiter account = stage.metering().account();
    ObjectNode acct = r.root.putObject("account");
    putLimit(acct, account);
    ArrayNode methods = r.root.putArray("methods");
    for (ResourceTree.Entry<CompiledMethod> e : stage.tree().entries()) {
      ObjectNode m = methods.addObject();
      m.put("method", e.httpMethod())
          .put("resourcePath", e.resourcePath())
          .put("resourceId", e.resourceId())
          .put("apiKeyRequired", e.method().apiKeyRequired());
      Limiter planLimiter =
          grant != null && e.method().apiKeyRequired()
              ? grant.limiter(e.resourceId(), e.httpMethod())
              : null;
      Limiter stageLimiter = stage.metering().method(e.resourceId(), e.httpMethod()).limiter();
      putLimit(m.putObject("usagePlan"), planLimiter);
      putLimit(m.putObject("stage"), stageLimiter);
      String binding = null;
      double best = Double.MAX_VALUE;
      for (Object[] level :
          new Object[][] {
            {"usagePlan", planLimiter}, {"stage", stageLimiter}, {"account", account}
          }) {
        Limiter l = (Limiter) level[1];
        if (l != null && l.rate() < best) {
          best = l.rate();
          binding = (String) level[0];
        }
        if (l != null && (l.burst() <= 0 || l.rate() <= 0)) {
          r.add(
              2,
              e.httpMethod()
                  + " "
                  + e.resourcePath()
                  + ": the "
                  + level[0]
                  + " throttle has rate "
                  + fmt(l.rate())
                  + " and burst "
                  + l.burst()
                  + ", so every request is throttled (429)",
              "Raise the " + level[0] + " throttle's rateLimit and burstLimit",
              "throttling-429");
        }
      }
      m.put("bindsFirst", binding);
    }
    if (grant != null) {
      QuotaRule q = grant.meter().quota();
      ObjectNode quota = r.root.putObject("quota");
      long now = clock.millis();
      if (q == null) {
        quota.put("limit", (String) null);
      } else {
        long used = grant.meter().used(now);
        long remaining = grant.meter().remaining(now);
        quota
            .put("limit", q.limit())
            .put("period", String.valueOf(q.period()))
            .put("used", used)
            .put("remaining", remaining);
        if (remaining <= 0) {
          r.add(
              2,
              "Key "
                  + keyId
                  + " has used its quota of "
                  + q.limit()
                  + " per "
                  + q.period()
                  + " (requests get 429 Limit Exceeded)",
              "Raise the plan's quota, or aws apigateway update-usage "
                  + "--usage-plan-id "
                  + grant.planId()
                  + " --key-id "
                  + keyId
                  + " --patch-operations op=replace,path=/remaining,value=N",
              "quota-limit-exceeded-429");
        } else if (remaining * 10 < q.limit()) {
          r.add(
              1,
              "Key "
                  + keyId
                  + " has "
                  + remaining
                  + " of "
                  + q.limit()
                  + " requests left this "
                  + q.period(),
              "Raise the plan's quota before it runs out",
              "quota-limit-exceeded-429");
        }
      }
    }
    if (r.worst == 0) {
      r.add(0, "No throttle or quota refuses every request", null, null);
    }
    return r.done();
  }

  /**
   * Would this principal be allowed to invoke the method, and by which statements
   * (execute-api:Invoke).
   */
  public ObjectNode access(
      String apiId,
      String stageName,
      String verb,
      String path,
      String principalArn,
      String sourceIp) {
    return access(apiId, stageName, verb, path, principalArn, sourceIp, null);
  }

  /**
   * As {@link #access(String, String, String, String, String, String)}; with {@code token}, the
   * method's Lambda or Cognito authorizer's view of that token instead ({@link AuthorizerDoctor}).
   */
  public ObjectNode access(
      String apiId,
      String stageName,
      String verb,
      String path,
      String principalArn,
      String sourceIp,
      @Nullable String token) {
    Report r = new Report();
    r.root
        .put("api", apiId)
        .put("stage", stageName)
        .put("method", verb)
        .put("path", path)
        .put("principal", principalArn);
    CompiledStage stage = stage(r, apiId, stageName);
    if (stage == null) {
      return r.done();
    }
    RouteMatch<CompiledMethod> match = stage.tree().match(verb, path);
    if (match == null) {
      r.add(
          2,
          "No resource and method match "
              + verb
              + " "
              + path
              + " in "
              + apiId
              + "/"
              + stageName
              + " (403 Missing Authentication Token)",
          "Check the path and verb, create the method and redeploy",
          "missing-authentication-token");
      return r.done();
    }
    CompiledMethod method = match.method();
    r.root
        .put("resourcePath", match.resourcePath())
        .put("authorizationType", method.authorizationType());
    if (token != null) {
      authorizerDoctor.check(r, stage, method, verb, path, token);
      return r.done();
    }
    IamIndex iam = snapshot.get().iam();
    CompiledPolicy resourcePolicy = iam.resourcePolicy(stage.apiId(), stage.deploymentId());
    boolean awsIam = "AWS_IAM".equals(method.authorizationType());
    r.root.put("resourcePolicy", resourcePolicy != null);
    if (!awsIam && resourcePolicy == null) {
      r.add(
          0,
          "Method "
              + verb
              + " "
              + match.resourcePath()
              + " has authorization "
              + method.authorizationType()
              + " and the API has no resource policy: any caller may invoke it",
          null,
          null);
      return r.done();
    }
    Caller caller = awsIam ? Caller.fromArn(principalArn) : Caller.ANONYMOUS;
    String owner = stage.accountId();
    String tail = ":" + stage.apiId() + "/" + stage.stageName() + "/" + verb + path;
    String arn = "arn:aws:execute-api:" + region + ":" + owner + tail;
    Instant now = clock.instant();
    RequestContext ctx =
        new RequestContext("execute-api:Invoke", arn, caller)
            .put("aws:SourceIp", sourceIp)
            .put(
                "aws:CurrentTime",
                DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)))
            .put("aws:EpochTime", Long.toString(now.getEpochSecond()))
            .put("aws:SecureTransport", "true");
    Verdict identity = Verdict.NONE;
    if (awsIam) {
      identity =
          caller.type() == Caller.Type.ACCOUNT
              ? Verdict.ALLOW_ALL
              : CompiledPolicy.evaluateAll(iam.identityPolicies(caller), ctx);
    }
    Verdict resource = resourcePolicy == null ? null : resourcePolicy.evaluate(ctx);
    Authorization.Decision d =
        Authorization.decide(
            caller,
            "execute-api:Invoke",
            identity,
            resource,
            owner,
            "arn:aws:execute-api:" + region + ":" + Arns.maskAccount(owner) + tail);
    boolean cross = caller.accountId() != null && !caller.accountId().equals(owner);
    r.root
        .put("resourceArn", arn)
        .put("caller", caller.arn())
        .put("crossAccount", cross)
        .put(
            "table",
            cross ? "B (both sides must allow)" : "A (either side may allow, no explicit deny)");
    ObjectNode id = r.root.putObject("identity");
    id.put("effect", awsIam ? identity.effect().name() : "not evaluated (not AWS_IAM)")
        .put("statement", identity.statementId());
    ObjectNode res = r.root.putObject("resource");
    res.put("effect", resource == null ? "no resource policy" : resource.effect().name())
        .put("statement", resource == null ? null : resource.statementId());
    r.root.put("allowed", d.allowed()).put("reason", d.reason().name());
    if (d.allowed()) {
      r.add(
          0,
          caller.arn()
              + " may invoke "
              + verb
              + " "
              + path
              + " (identity: "
              + id.get("effect").asText()
              + statement(identity)
              + ", resource: "
              + res.get("effect").asText()
              + (resource == null ? "" : statement(resource))
              + ")",
          null,
          null);
    } else {
      r.add(
          2,
          requireNonNull(d.message(), "denied"),
          cross
              ? "Cross-account: allow execute-api:Invoke on "
                  + arn
                  + " in an identity policy of the caller's account "
                  + "AND name the caller in the API's resource policy, then redeploy"
              : "Remove the explicit Deny or add an Allow in the identity or the resource policy,"
                  + " then redeploy",
          "cross-account-403");
    }
    return r.done();
  }

  private static String statement(Verdict v) {
    return v.statementId() == null ? "" : " by statement " + v.statementId();
  }

  private static void putLimit(ObjectNode n, @Nullable Limiter l) {
    if (l == null) {
      n.put("rate", (String) null);
      return;
    }
    n.put("rate", l.rate()).put("burst", l.burst());
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.2f", d);
  }
}
