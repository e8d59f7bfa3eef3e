package dev.turnpike.control;

import dev.turnpike.auth.sigv4.Credential;
import dev.turnpike.auth.sigv4.CredentialResolver;
import dev.turnpike.model.AccessKey;
import dev.turnpike.model.Account;
import dev.turnpike.model.StsSession;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Accounts and their access keys. Both live in a global scope (account id {@value #GLOBAL}) so an
 * access key id resolves to its account in one lookup, as AWS resolves any key to its account. The
 * administrator of an account (an account-root equivalent, principal {@code
 * arn:aws:iam::<account>:root}) is a key with no user.
 */
public final class Accounts implements CredentialResolver {
  /** The pseudo-account that holds cross-account indexes (accounts, access keys). */
  public static final String GLOBAL = "global";

  private final ConfigStore store;
  private final Clock clock;

  public Accounts(ConfigStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** An account's administrator credentials, as written to the shared-credentials file. */
  public record AdminCredentials(
      String accountId, String accountName, String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
      return "AdminCredentials[" + accountId + ", " + accountName + ", " + accessKeyId + "]";
    }
  }

  /**
   * The account named {@code name}, created with a generated administrator key on first use. When
   * {@code fixedKeyId}/{@code fixedSecret} are given, that key is the administrator's (created or
   * updated).
   */
  public synchronized AdminCredentials ensureAccount(
      String name, @Nullable String fixedKeyId, @Nullable String fixedSecret) {
    try {
      return ensureOnce(name, fixedKeyId, fixedSecret);
    } catch (ConfigStore.ConflictException anotherNodeFirst) {
      // Another node of a cluster created the account (or its key) meanwhile: use theirs.
      return ensureOnce(name, fixedKeyId, fixedSecret);
    }
  }

  private AdminCredentials ensureOnce(
      String name, @Nullable String fixedKeyId, @Nullable String fixedSecret) {
    long now = clock.instant().getEpochSecond();
    Account account = findByName(name).orElse(null);
    List<Write> writes = new ArrayList<>();
    if (account == null) {
      account = new Account(Ids.accountId(), name, now);
      writes.add(
          Write.create(
              DocumentKey.of(GLOBAL, Kinds.ACCOUNT_NAME, name),
              Documents.write(Map.of("accountId", account.accountId()))));
      writes.add(
          Write.create(
              DocumentKey.of(GLOBAL, Kinds.ACCOUNT, account.accountId()),
              Documents.write(account)));
    }
    AccessKey admin = null;
    if (fixedKeyId != null && fixedSecret != null) {
      admin = new AccessKey(fixedKeyId, fixedSecret, account.accountId(), null, "Active", now);
      AccessKey existing = key(fixedKeyId);
      if (existing != null && !existing.accountId().equals(account.accountId())) {
        throw new IllegalArgumentException(
            "access key " + fixedKeyId + " already belongs to account " + existing.accountId());
      }
      if (existing == null || !existing.secretAccessKey().equals(fixedSecret)) {
        writes.add(
            Write.put(
                DocumentKey.of(GLOBAL, Kinds.ACCESS_KEY, fixedKeyId), Documents.write(admin)));
      }
    } else {
      admin = adminKeyOf(account.accountId());
      if (admin == null) {
        admin =
            new AccessKey(
                Ids.accessKeyId("AKIA"),
                Ids.secretAccessKey(),
                account.accountId(),
                null,
                "Active",
                now);
        writes.add(
            Write.create(
                DocumentKey.of(GLOBAL, Kinds.ACCESS_KEY, admin.accessKeyId()),
                Documents.write(admin)));
      }
    }
    if (!writes.isEmpty()) {
      store.commit(writes);
    }
    return new AdminCredentials(
        account.accountId(), name, admin.accessKeyId(), admin.secretAccessKey());
  }

  /** Creates a new account with a generated administrator key; the name must be new. */
  public synchronized AdminCredentials createAccount(String name) {
    if (findByName(name).isPresent()) {
      throw new IllegalArgumentException("an account named " + name + " already exists");
    }
    return ensureAccount(name, null, null);
  }

  public Optional<Account> findByName(String name) {
    for (Document d : store.list(GLOBAL, Kinds.ACCOUNT, "")) {
      Account a = Documents.read(d, Account.class);
      if (a.name().equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  private @Nullable AccessKey adminKeyOf(String accountId) {
    for (Document d : store.list(GLOBAL, Kinds.ACCESS_KEY, "")) {
      AccessKey k = Documents.read(d, AccessKey.class);
      if (k.accountId().equals(accountId) && k.userName() == null && k.active()) {
        return k;
      }
    }
    return null;
  }

  public @Nullable AccessKey key(String accessKeyId) {
    return store
        .get(DocumentKey.of(GLOBAL, Kinds.ACCESS_KEY, accessKeyId))
        .map(d -> Documents.read(d, AccessKey.class))
        .orElse(null);
  }

  /**
   * SigV4 credential lookup: active keys only; the administrator's principal is the account root.
   */
  @Override
  public @Nullable Credential resolve(String accessKeyId) {
    if (accessKeyId.startsWith("ASIA")) {
      return store
          .get(DocumentKey.of(GLOBAL, Kinds.STS_SESSION, accessKeyId))
          .map(d -> Documents.read(d, StsSession.class))
          .map(
              s ->
                  new Credential(
                      s.accessKeyId(),
                      s.secretAccessKey(),
                      s.accountId(),
                      s.assumedRoleArn(),
                      s.sessionToken(),
                      Instant.ofEpochSecond(s.expiration())))
          .orElse(null);
    }
    AccessKey k = key(accessKeyId);
    if (k == null || !k.active()) {
      return null;
    }
    String principal =
        k.userName() == null
            ? "arn:aws:iam::" + k.accountId() + ":root"
            : "arn:aws:iam::" + k.accountId() + ":user/" + k.userName();
    return Credential.longTerm(k.accessKeyId(), k.secretAccessKey(), k.accountId(), principal);
  }
}
