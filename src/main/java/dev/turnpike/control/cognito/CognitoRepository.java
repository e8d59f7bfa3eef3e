package dev.turnpike.control.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ControlContext;
import dev.turnpike.model.CognitoPoolSecrets;
import dev.turnpike.model.CognitoUser;
import dev.turnpike.model.CognitoUserPool;
import dev.turnpike.model.CognitoUserPoolClient;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads of Cognito's documents, with Cognito's not-found answers. */
final class CognitoRepository {
  private final ControlContext ctx;

  CognitoRepository(ControlContext ctx) {
    this.ctx = ctx;
  }

  /** A pool with the account that owns it. */
  record OwnedPool(String accountId, CognitoUserPool pool) {}

  /** A client with its pool and account (InitiateAuth finds all three from the client id). */
  record OwnedClient(String accountId, CognitoUserPool pool, CognitoUserPoolClient client) {}

  static DocumentKey poolKey(String accountId, String poolId) {
    return DocumentKey.of(accountId, Kinds.COGNITO_USER_POOL, poolId);
  }

  static DocumentKey secretsKey(String accountId, String poolId) {
    return DocumentKey.of(accountId, Kinds.COGNITO_POOL_SECRETS, poolId);
  }

  static DocumentKey clientKey(String accountId, String poolId, String clientId) {
    return new DocumentKey(accountId, Kinds.COGNITO_CLIENT, poolId, clientId);
  }

  static DocumentKey userKey(String accountId, String poolId, String username) {
    return new DocumentKey(accountId, Kinds.COGNITO_USER, poolId, username);
  }

  /** The request's {@code UserPoolId}, required. */
  static String poolId(ObjectNode body) {
    String id = body.path("UserPoolId").asText("");
    if (id.isEmpty()) {
      throw CognitoService.missing("userPoolId");
    }
    return id;
  }

  CognitoUserPool pool(String accountId, String poolId) {
    Optional<Document> d = ctx.store().get(poolKey(accountId, poolId));
    if (d.isEmpty()) {
      throw CognitoService.poolNotFound(poolId);
    }
    return Documents.read(d.get(), CognitoUserPool.class);
  }

  /** A pool by id in any account (the JWKS document is public and names no account). */
  @Nullable OwnedPool anyPool(String poolId) {
    for (Document d : ctx.store().listKind(Kinds.COGNITO_USER_POOL)) {
      if (d.key().id().equals(poolId)) {
        return new OwnedPool(d.key().accountId(), Documents.read(d, CognitoUserPool.class));
      }
    }
    return null;
  }

  CognitoPoolSecrets secrets(String accountId, String poolId) {
    Optional<Document> d = ctx.store().get(secretsKey(accountId, poolId));
    if (d.isEmpty()) {
      throw CognitoService.poolNotFound(poolId);
    }
    return Documents.read(d.get(), CognitoPoolSecrets.class);
  }

  CognitoUserPoolClient client(String accountId, String poolId, String clientId) {
    Optional<Document> d = ctx.store().get(clientKey(accountId, poolId, clientId));
    if (d.isEmpty()) {
      throw CognitoService.clientNotFound(clientId);
    }
    return Documents.read(d.get(), CognitoUserPoolClient.class);
  }

  /** A client by id in any account and pool (InitiateAuth names only the client). */
  OwnedClient anyClient(String clientId) {
    for (Document d : ctx.store().listKind(Kinds.COGNITO_CLIENT)) {
      if (d.key().id().equals(clientId)) {
        CognitoUserPoolClient c = Documents.read(d, CognitoUserPoolClient.class);
        String account = d.key().accountId();
        Optional<Document> p = ctx.store().get(poolKey(account, c.userPoolId()));
        if (p.isPresent()) {
          return new OwnedClient(account, Documents.read(p.get(), CognitoUserPool.class), c);
        }
      }
    }
    throw CognitoService.clientNotFound(clientId);
  }

  @Nullable Document userDocument(String accountId, String poolId, String username) {
    return ctx.store().get(userKey(accountId, poolId, username)).orElse(null);
  }

  CognitoUser user(String accountId, String poolId, String username) {
    Document d = userDocument(accountId, poolId, username);
    if (d == null) {
      throw CognitoService.userNotFound();
    }
    return Documents.read(d, CognitoUser.class);
  }
}
