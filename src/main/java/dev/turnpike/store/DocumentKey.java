package dev.turnpike.store;

import static java.util.Objects.requireNonNull;

/**
 * Addresses one document: the owning account, the kind of resource, the scope it lives in (the REST
 * API id for resources, stages and deployments; "" for account-level resources) and its id.
 */
public record DocumentKey(String accountId, String kind, String scope, String id) {
  public DocumentKey {
    requireNonNull(accountId, "accountId");
    requireNonNull(kind, "kind");
    requireNonNull(scope, "scope");
    requireNonNull(id, "id");
  }

  public static DocumentKey of(String accountId, String kind, String id) {
    return new DocumentKey(accountId, kind, "", id);
  }
}
