package dev.turnpike.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code turnpike doctor limits|access|lambda}: checks answered by the running server from its live
 * snapshot. Exit code 0 (OK), 1 (WARN) or 2 (FAIL, also when the server cannot be asked); {@code
 * --json} prints the report as is.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description =
        "Check limits and access on the running " + "Turnpike. Exit code 0 OK, 1 WARN, 2 FAIL.",
    subcommands = {
      DoctorCommand.Limits.class,
      DoctorCommand.Access.class,
      DoctorCommand.Lambda.class,
      DoctorDomainCommand.class,
      DoctorCertificatesCommand.class
    })
final class DoctorCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  abstract static class Check implements Callable<Integer> {
    @Option(
        names = "--data-dir",
        defaultValue = "${env:TURNPIKE_DATA_DIR:-.turnpike}",
        description = "The data directory of the Turnpike (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--api", required = true, description = "The REST API id.")
    String api;

    @Option(names = "--stage", required = true, description = "The stage name.")
    String stage;

    abstract String path();

    abstract Map<String, String> query();

    @Override
    public Integer call() throws Exception {
      Map<String, String> q = new LinkedHashMap<>(query());
      q.put("api", api);
      q.put("stage", stage);
      String raw =
          new TreeMap<>(q)
              .entrySet().stream()
                  .filter(e -> e.getValue() != null)
                  .map(
                      e ->
                          e.getKey()
                              + "="
                              + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)
                                  .replace("+", "%20"))
                  .collect(Collectors.joining("&"));
      return DoctorReports.ask(dataDir, path(), raw, json, this::print);
    }

    /** The report in words: the check's own data (subclasses), then the findings. */
    void print(JsonNode report) {
      DoctorReports.printFindings(report);
    }
  }

  @Command(
      name = "lambda",
      mixinStandardHelpOptions = true,
      description =
          "Every Lambda method of the stage: the function exists, API Gateway may invoke it"
              + " (resource policy or credentials role), its handler's code is there, its timeout"
              + " fits the integration's.")
  static final class Lambda extends Check {
    @Override
    String path() {
      return "/doctor/lambda";
    }

    @Override
    Map<String, String> query() {
      return Map.of();
    }

    @Override
    void print(JsonNode report) {
      for (JsonNode m : report.path("methods")) {
        System.out.println(
            m.path("method").asText()
                + " → "
                + m.path("function").asText(m.path("uri").asText())
                + (m.has("runtime")
                    ? " (" + m.get("runtime").asText() + ", " + m.path("timeoutSeconds") + " s)"
                    : ""));
      }
      if (report.path("lambdaMethods").asInt() == 0 && report.has("lambdaMethods")) {
        System.out.println("no method of this stage integrates with Lambda");
      }
      super.print(report);
    }
  }

  @Command(
      name = "limits",
      mixinStandardHelpOptions = true,
      description =
          "The effective throttle of every method at every level (which binds first), the key's"
              + " quota used and remaining, the account limits.")
  static final class Limits extends Check {
    @Option(names = "--key", description = "An API key id (not its value).")
    @Nullable String key;

    @Override
    String path() {
      return "/doctor/limits";
    }

    @Override
    Map<String, String> query() {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("key", key);
      return q;
    }

    @Override
    void print(JsonNode report) {
      JsonNode acct = report.path("account");
      System.out.println("account throttle: " + rate(acct));
      if (report.has("quota")) {
        JsonNode q = report.get("quota");
        System.out.println(
            "quota (plan "
                + report.path("usagePlanId").asText()
                + "): "
                + (q.path("limit").isNull()
                    ? "none"
                    : q.path("used").asText()
                        + " used, "
                        + q.path("remaining").asText()
                        + " remaining of "
                        + q.path("limit").asText()
                        + " per "
                        + q.path("period").asText()));
      }
      for (JsonNode m : report.path("methods")) {
        System.out.printf(
            Locale.ROOT,
            "%-7s %-30s plan %-18s stage %-18s binds first: %s%n",
            m.path("method").asText(),
            m.path("resourcePath").asText(),
            rate(m.path("usagePlan")),
            rate(m.path("stage")),
            m.path("bindsFirst").asText("none"));
      }
      super.print(report);
    }

    private static String rate(JsonNode n) {
      return n.path("rate").isNull() || n.path("rate").isMissingNode()
          ? "-"
          : String.format(
              Locale.ROOT, "%.2f/s burst %d", n.path("rate").asDouble(), n.path("burst").asInt());
    }
  }

  @Command(
      name = "access",
      mixinStandardHelpOptions = true,
      description =
          "Would this principal be allowed to "
              + "invoke the method (execute-api:Invoke), and by which statements.")
  static final class Access extends Check {
    @Option(names = "--method", required = true)
    String method;

    @Option(
        names = "--path",
        required = true,
        description = "The path after the stage, e.g. /pets/1.")
    String requestPath;

    @Option(
        names = "--principal",
        description = "The caller's ARN (user, assumed role or root); not needed with --token.")
    @Nullable String principal;

    @Option(
        names = "--token",
        description =
            "A Lambda authorizer's token or a Cognito JWT: the method's authorizer's view of it"
                + " (validation expression and the policy cached for it, or the Cognito checks).")
    @Nullable String token;

    @Option(names = "--source-ip", description = "aws:SourceIp for conditions (default 127.0.0.1).")
    @Nullable String sourceIp;

    @Override
    String path() {
      return "/doctor/access";
    }

    @Override
    Map<String, String> query() {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("method", method);
      q.put("path", requestPath);
      q.put("principal", principal);
      q.put("sourceIp", sourceIp);
      q.put("token", token);
      return q;
    }

    @Override
    void print(JsonNode report) {
      if (report.has("table")) {
        System.out.println("resource: " + report.path("resourceArn").asText());
        System.out.println(
            "caller:   "
                + report.path("caller").asText()
                + "   table "
                + report.path("table").asText());
        System.out.println(
            "identity: "
                + report.path("identity").path("effect").asText()
                + stmt(report.path("identity"))
                + "   resource policy: "
                + report.path("resource").path("effect").asText()
                + stmt(report.path("resource")));
      }
      super.print(report);
    }

    private static String stmt(JsonNode n) {
      return n.path("statement").isNull() || n.path("statement").isMissingNode()
          ? ""
          : " (statement " + n.path("statement").asText() + ")";
    }
  }
}
