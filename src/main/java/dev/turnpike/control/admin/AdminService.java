package dev.turnpike.control.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.Accounts;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.decision.DecisionJson;
import dev.turnpike.decision.DecisionLog;
import dev.turnpike.decision.DecisionRecord;
import dev.turnpike.decision.DecisionStory;
import dev.turnpike.doctor.Doctor;
import dev.turnpike.model.Account;
import dev.turnpike.store.Documents;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** {@code POST /accounts {"name": "..."}} → 201 with the new account's id and administrator key. */
public final class AdminService {
  /** The credential-scope service name of these operations. */
  public static final String SERVICE = "turnpike";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final Accounts accounts;
  private final Runnable onCommit;
  private final @Nullable DecisionLog decisions;
  private final @Nullable Doctor doctor;
  private final PeerDecisions peers;

  private AdminService(
      Accounts accounts,
      Runnable onCommit,
      @Nullable DecisionLog decisions,
      @Nullable Doctor doctor,
      PeerDecisions peers) {
    this.accounts = accounts;
    this.onCommit = onCommit;
    this.decisions = decisions;
    this.doctor = doctor;
    this.peers = peers;
  }

  public static RouteTable<Operation> routes(Accounts accounts, Runnable onCommit) {
    return routes(accounts, onCommit, null);
  }

  /**
   * Also {@code GET /decisions/{request_id}}: the decision record of one request (for {@code
   * turnpike explain}).
   */
  public static RouteTable<Operation> routes(
      Accounts accounts, Runnable onCommit, @Nullable DecisionLog decisions) {
    return routes(accounts, onCommit, decisions, null);
  }

  /**
   * Also {@code GET /doctor/limits?api&stage[&key]} and {@code GET
   * /doctor/access?api&stage&method&path&principal [&sourceIp]} for {@code turnpike doctor}.
   */
  public static RouteTable<Operation> routes(
      Accounts accounts,
      Runnable onCommit,
      @Nullable DecisionLog decisions,
      @Nullable Doctor doctor) {
    return routes(accounts, onCommit, decisions, doctor, PeerDecisions.NONE);
  }

  /**
   * With {@code peers}: a decision record this node does not hold is asked of the cluster's other
   * nodes ({@code ?local=true} asks this node only, as the peers themselves are asked).
   */
  public static RouteTable<Operation> routes(
      Accounts accounts,
      Runnable onCommit,
      @Nullable DecisionLog decisions,
      @Nullable Doctor doctor,
      PeerDecisions peers) {
    AdminService s = new AdminService(accounts, onCommit, decisions, doctor, peers);
    RouteTable<Operation> t =
        new RouteTable<Operation>().add("POST", "/accounts", s::createAccount);
    if (decisions != null) {
      t.add("GET", "/decisions/{request_id}", s::getDecision);
    }
    if (doctor != null) {
      t.add("GET", "/doctor/limits", s::doctorLimits);
      t.add("GET", "/doctor/access", s::doctorAccess);
      t.add("GET", "/doctor/lambda", s::doctorLambda);
      t.add("GET", "/doctor/certificates", s::doctorCertificates);
    }
    return t;
  }

  ControlResponse doctorLimits(ApiCall call) {
    requireInstallationAdmin(call, "run doctor checks");
    return ControlResponse.json(
        200,
        requireNonNull(doctor, "doctor")
            .limits(required(call, "api"), required(call, "stage"), call.query("key"))
            .toString());
  }

  ControlResponse doctorLambda(ApiCall call) {
    requireInstallationAdmin(call, "run doctor checks");
    return ControlResponse.json(
        200,
        requireNonNull(doctor, "doctor")
            .lambda(required(call, "api"), required(call, "stage"))
            .toString());
  }

  ControlResponse doctorAccess(ApiCall call) {
    requireInstallationAdmin(call, "run doctor checks");
    String sourceIp = call.query("sourceIp");
    return ControlResponse.json(
        200,
        requireNonNull(doctor, "doctor")
            .access(
                required(call, "api"),
                required(call, "stage"),
                required(call, "method").toUpperCase(Locale.ROOT),
                required(call, "path"),
                principal(call),
                sourceIp == null ? "127.0.0.1" : sourceIp,
                call.query("token"))
            .toString());
  }

  /** The principal to evaluate; with a token (an authorizer's view) none is needed. */
  private static String principal(ApiCall call) {
    String principal = call.query("principal");
    return principal != null || call.query("token") == null
        ? required(call, "principal")
        : "anonymous";
  }

  ControlResponse doctorCertificates(ApiCall call) {
    requireInstallationAdmin(call, "run doctor checks");
    ObjectNode report = requireNonNull(doctor, "doctor").certificates();
    if (report == null) {
      throw new ApiException(
          404, "NotFoundException", "doctor certificates is not available on this server");
    }
    return ControlResponse.json(200, report.toString());
  }

  private static String required(ApiCall call, String name) {
    String v = call.query(name);
    if (v == null || v.isEmpty()) {
      throw ApiException.badRequest("Missing query parameter '" + name + "'");
    }
    return v;
  }

  ControlResponse getDecision(ApiCall call) {
    requireInstallationAdmin(call, "read decision records");
    String id = call.path("request_id");
    DecisionRecord r = requireNonNull(decisions, "decisions").find(id);
    if (r == null) {
      ApiException none =
          new ApiException(
              404,
              "NotFoundException",
              "No decision record for request "
                  + id
                  + " (records are written to logs/decisions/ in the data directory of the node"
                  + " that served it, whose oldest files are rotated away)");
      if ("true".equals(call.query("local")) || peers == PeerDecisions.NONE) {
        throw none;
      }
      return ControlResponse.deferred(
          peers
              .find(id)
              .thenApply(
                  json ->
                      json == null
                          ? ControlResponse.error(none)
                          : ControlResponse.json(200, json)));
    }
    ObjectNode n = DecisionJson.toJson(r);
    n.put("story", DecisionStory.render(r));
    return ControlResponse.json(200, n.toString());
  }

  private void requireInstallationAdmin(ApiCall call, String what) {
    String installationAdmin = accounts.findByName("default").map(Account::accountId).orElse("");
    if (!call.principalArn().equals("arn:aws:iam::" + installationAdmin + ":root")) {
      throw new ApiException(
          403,
          "AccessDeniedException",
          "Only the administrator of the default account may " + what);
    }
  }

  ControlResponse createAccount(ApiCall call) {
    requireInstallationAdmin(call, "create accounts");
    String name = call.body().path("name").asText("");
    if (name.isEmpty()) {
      name = "account-" + Long.toString(System.currentTimeMillis() % 1_000_000L);
    }
    if (!NAME.matcher(name).matches()) {
      throw ApiException.badRequest(
          "Account names are 1-64 characters of A-Z a-z 0-9 _ . -, got '" + name + "'");
    }
    Accounts.AdminCredentials created;
    try {
      created = accounts.createAccount(name);
    } catch (IllegalArgumentException e) {
      throw ApiException.conflict(String.valueOf(e.getMessage()));
    }
    onCommit.run();
    ObjectNode n = Documents.MAPPER.createObjectNode();
    n.put("accountId", created.accountId());
    n.put("name", created.accountName());
    n.put("accessKeyId", created.accessKeyId());
    n.put("secretAccessKey", created.secretAccessKey());
    return ControlResponse.json(201, n.toString());
  }
}
