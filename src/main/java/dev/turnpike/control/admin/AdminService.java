package dev.turnpike.control.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.Accounts;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.Account;
import dev.turnpike.store.Documents;
import java.util.regex.Pattern;

/** {@code POST /accounts {"name": "..."}} → 201 with the new account's id and administrator key. */
public final class AdminService {
  /** The credential-scope service name of these operations. */
  public static final String SERVICE = "turnpike";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final Accounts accounts;
  private final Runnable onCommit;
  private final dev.turnpike.decision.@org.jspecify.annotations.Nullable DecisionLog decisions;

  private AdminService(Accounts accounts, Runnable onCommit,
      dev.turnpike.decision.@org.jspecify.annotations.Nullable DecisionLog decisions) {
    this.accounts = accounts;
    this.onCommit = onCommit;
    this.decisions = decisions;
  }

  public static RouteTable<Operation> routes(Accounts accounts, Runnable onCommit) {
    return routes(accounts, onCommit, null);
  }

  /** Also {@code GET /decisions/{request_id}}: the decision record of one request (for {@code turnpike explain}). */
  public static RouteTable<Operation> routes(Accounts accounts, Runnable onCommit,
      dev.turnpike.decision.@org.jspecify.annotations.Nullable DecisionLog decisions) {
    AdminService s = new AdminService(accounts, onCommit, decisions);
    RouteTable<Operation> t = new RouteTable<Operation>().add("POST", "/accounts", s::createAccount);
    if (decisions != null) {
      t.add("GET", "/decisions/{request_id}", s::getDecision);
    }
    return t;
  }

  ControlResponse getDecision(ApiCall call) {
    requireInstallationAdmin(call, "read decision records");
    String id = call.path("request_id");
    dev.turnpike.decision.DecisionRecord r = decisions.find(id);
    if (r == null) {
      throw new ApiException(404, "NotFoundException", "No decision record for request " + id
          + " (the server keeps the last " + decisions.ring().capacity() + " in memory, older ones in logs/decisions/)");
    }
    ObjectNode n = dev.turnpike.decision.DecisionJson.toJson(r);
    n.put("story", dev.turnpike.decision.DecisionStory.render(r));
    return ControlResponse.json(200, n.toString());
  }

  private void requireInstallationAdmin(ApiCall call, String what) {
    String installationAdmin = accounts.findByName("default").map(Account::accountId).orElse("");
    if (!call.principalArn().equals("arn:aws:iam::" + installationAdmin + ":root")) {
      throw new ApiException(403, "AccessDeniedException", "Only the administrator of the default account may "
          + what);
    }
  }

  ControlResponse createAccount(ApiCall call) {
    requireInstallationAdmin(call, "create accounts");
    String name = call.body().path("name").asText("");
    if (name.isEmpty()) {
      name = "account-" + Long.toString(System.currentTimeMillis() % 1_000_000L);
    }
    if (!NAME.matcher(name).matches()) {
      throw ApiException.badRequest("Account names are 1-64 characters of A-Z a-z 0-9 _ . -, got '" + name + "'");
    }
    Accounts.AdminCredentials created;
    try {
      created = accounts.createAccount(name);
    } catch (IllegalArgumentException e) {
      throw ApiException.conflict(e.getMessage());
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
