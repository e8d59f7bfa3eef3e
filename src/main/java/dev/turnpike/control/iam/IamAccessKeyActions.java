package dev.turnpike.control.iam;

import static dev.turnpike.control.iam.QueryProtocol.el;

import dev.turnpike.control.Accounts;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.Ids;
import dev.turnpike.model.AccessKey;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * IAM access keys: CreateAccessKey, ListAccessKeys, DeleteAccessKey, UpdateAccessKey (at most two
 * per user).
 */
final class IamAccessKeyActions {
  private static final int MAX_KEYS_PER_USER = 2;

  private final ControlContext ctx;
  private final ConfigStore store;
  private final IamService iam;

  IamAccessKeyActions(ControlContext ctx, IamService iam) {
    this.ctx = ctx;
    this.store = ctx.store();
    this.iam = iam;
  }

  // --- access keys

  List<AccessKey> keysOf(String account, String userName) {
    List<AccessKey> out = new ArrayList<>();
    for (Document d : store.list(Accounts.GLOBAL, Kinds.ACCESS_KEY, "")) {
      AccessKey k = Documents.read(d, AccessKey.class);
      if (k.accountId().equals(account) && userName.equals(k.userName())) {
        out.add(k);
      }
    }
    return out;
  }

  /** The user named by UserName, or the calling user when it is omitted (AWS's rule). */
  private String keyUser(IamCall c) {
    String name = c.optional("UserName");
    if (name != null) {
      return name;
    }
    String arn = c.api().principalArn();
    if (arn.contains(":user/")) {
      return arn.substring(arn.lastIndexOf('/') + 1);
    }
    throw QueryProtocol.validation("Turnpike administrators have no user: specify UserName");
  }

  String createAccessKey(IamCall c) {
    String name = keyUser(c);
    iam.authorize(c, "CreateAccessKey", iam.userArn(c, name));
    iam.user(c.account(), name);
    if (keysOf(c.account(), name).size() >= MAX_KEYS_PER_USER) {
      throw new ApiException(
          409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: " + MAX_KEYS_PER_USER);
    }
    AccessKey k =
        new AccessKey(
            Ids.accessKeyId("AKIA"),
            Ids.secretAccessKey(),
            c.account(),
            name,
            "Active",
            ctx.nowSeconds());
    ctx.commit(
        List.of(
            Write.create(
                DocumentKey.of(Accounts.GLOBAL, Kinds.ACCESS_KEY, k.accessKeyId()),
                Documents.write(k))));
    return "    <AccessKey>\n"
        + el("UserName", name)
        + el("AccessKeyId", k.accessKeyId())
        + el("Status", k.status())
        + el("SecretAccessKey", k.secretAccessKey())
        + el("CreateDate", QueryProtocol.date(k.createDate()))
        + "    </AccessKey>\n";
  }

  String listAccessKeys(IamCall c) {
    String name = keyUser(c);
    iam.authorize(c, "ListAccessKeys", iam.userArn(c, name));
    iam.user(c.account(), name);
    StringBuilder b = new StringBuilder(el("UserName", name)).append("    <AccessKeyMetadata>\n");
    for (AccessKey k : keysOf(c.account(), name)) {
      b.append("      <member>\n")
          .append(el("UserName", name))
          .append(el("AccessKeyId", k.accessKeyId()))
          .append(el("Status", k.status()))
          .append(el("CreateDate", QueryProtocol.date(k.createDate())))
          .append("      </member>\n");
    }
    return b.append("    </AccessKeyMetadata>\n    <IsTruncated>false</IsTruncated>\n").toString();
  }

  private AccessKey ownKey(IamCall c, String name) {
    String id = c.required("AccessKeyId");
    for (AccessKey k : keysOf(c.account(), name)) {
      if (k.accessKeyId().equals(id)) {
        return k;
      }
    }
    throw QueryProtocol.noSuchEntity("The Access Key with id " + id + " cannot be found.");
  }

  @Nullable String deleteAccessKey(IamCall c) {
    String name = keyUser(c);
    iam.authorize(c, "DeleteAccessKey", iam.userArn(c, name));
    AccessKey k = ownKey(c, name);
    ctx.commit(
        List.of(Write.delete(DocumentKey.of(Accounts.GLOBAL, Kinds.ACCESS_KEY, k.accessKeyId()))));
    return null;
  }

  @Nullable String updateAccessKey(IamCall c) {
    String name = keyUser(c);
    iam.authorize(c, "UpdateAccessKey", iam.userArn(c, name));
    String status = c.required("Status");
    if (!status.equals("Active") && !status.equals("Inactive")) {
      throw QueryProtocol.validation(
          "1 validation error detected: Value '"
              + status
              + "' at 'status' failed to"
              + " satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
    }
    AccessKey k = ownKey(c, name);
    AccessKey updated =
        new AccessKey(
            k.accessKeyId(),
            k.secretAccessKey(),
            k.accountId(),
            k.userName(),
            status,
            k.createDate());
    ctx.commit(
        List.of(
            Write.put(
                DocumentKey.of(Accounts.GLOBAL, Kinds.ACCESS_KEY, k.accessKeyId()),
                Documents.write(updated))));
    return null;
  }
}
