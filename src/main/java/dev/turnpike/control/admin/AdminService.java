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

  private AdminService(Accounts accounts, Runnable onCommit) {
    this.accounts = accounts;
    this.onCommit = onCommit;
  }

  public static RouteTable<Operation> routes(Accounts accounts, Runnable onCommit) {
    AdminService s = new AdminService(accounts, onCommit);
    return new RouteTable<Operation>().add("POST", "/accounts", s::createAccount);
  }

  ControlResponse createAccount(ApiCall call) {
    String installationAdmin = accounts.findByName("default").map(Account::accountId).orElse("");
    if (!call.principalArn().equals("arn:aws:iam::" + installationAdmin + ":root")) {
      throw new ApiException(403, "AccessDeniedException", "Only the administrator of the default account may"
          + " create accounts");
    }
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
