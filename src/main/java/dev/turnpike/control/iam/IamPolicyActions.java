package dev.turnpike.control.iam;

import static dev.turnpike.control.iam.QueryProtocol.el;

import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.Ids;
import dev.turnpike.model.IamPolicy;
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
 * IAM policies: inline user/role policies (Put/Get/List/Delete) and managed ones (CreatePolicy,
 * Attach/Detach).
 */
final class IamPolicyActions {
  private final ControlContext ctx;
  private final ConfigStore store;
  private final IamService iam;

  IamPolicyActions(ControlContext ctx, IamService iam) {
    this.ctx = ctx;
    this.store = ctx.store();
    this.iam = iam;
  }

  // --- inline policies

  @Nullable String putInline(IamCall c, boolean user) {
    String owner = iam.name(c, user ? "UserName" : "RoleName", IamService.NAME);
    String policyName = iam.name(c, "PolicyName", IamService.POLICY_NAME);
    iam.authorize(c, user ? "PutUserPolicy" : "PutRolePolicy", iam.ownerArn(c, user, owner));
    iam.requireOwner(c, user, owner);
    String document = IamService.validIdentityPolicy(c.required("PolicyDocument"));
    IamPolicy p = new IamPolicy(policyName, null, "/", ctx.nowSeconds(), document, null);
    ctx.commit(
        List.of(
            Write.put(
                new DocumentKey(
                    c.account(),
                    user ? Kinds.IAM_USER_POLICY : Kinds.IAM_ROLE_POLICY,
                    owner,
                    policyName),
                Documents.write(p))));
    return null;
  }

  private IamPolicy inline(IamCall c, boolean user, String owner, String policyName) {
    return store
        .get(
            new DocumentKey(
                c.account(),
                user ? Kinds.IAM_USER_POLICY : Kinds.IAM_ROLE_POLICY,
                owner,
                policyName))
        .map(d -> Documents.read(d, IamPolicy.class))
        .orElseThrow(
            () ->
                QueryProtocol.noSuchEntity(
                    "The "
                        + (user ? "user" : "role")
                        + " policy with name "
                        + policyName
                        + " cannot be found."));
  }

  String getInline(IamCall c, boolean user) {
    String owner = iam.name(c, user ? "UserName" : "RoleName", IamService.NAME);
    String policyName = iam.name(c, "PolicyName", IamService.POLICY_NAME);
    iam.authorize(c, user ? "GetUserPolicy" : "GetRolePolicy", iam.ownerArn(c, user, owner));
    iam.requireOwner(c, user, owner);
    IamPolicy p = inline(c, user, owner, policyName);
    return el(user ? "UserName" : "RoleName", owner)
        + el("PolicyName", p.policyName())
        + el("PolicyDocument", QueryProtocol.urlEncode(p.policyDocument()));
  }

  String listInline(IamCall c, boolean user) {
    String owner = iam.name(c, user ? "UserName" : "RoleName", IamService.NAME);
    iam.authorize(c, user ? "ListUserPolicies" : "ListRolePolicies", iam.ownerArn(c, user, owner));
    iam.requireOwner(c, user, owner);
    StringBuilder b =
        new StringBuilder("    <IsTruncated>false</IsTruncated>\n    <PolicyNames>\n");
    for (Document d :
        store.list(c.account(), user ? Kinds.IAM_USER_POLICY : Kinds.IAM_ROLE_POLICY, owner)) {
      b.append("      ").append(el("member", d.key().id()));
    }
    return b.append("    </PolicyNames>\n").toString();
  }

  @Nullable String deleteInline(IamCall c, boolean user) {
    String owner = iam.name(c, user ? "UserName" : "RoleName", IamService.NAME);
    String policyName = iam.name(c, "PolicyName", IamService.POLICY_NAME);
    iam.authorize(c, user ? "DeleteUserPolicy" : "DeleteRolePolicy", iam.ownerArn(c, user, owner));
    iam.requireOwner(c, user, owner);
    inline(c, user, owner, policyName);
    ctx.commit(
        List.of(
            Write.delete(
                new DocumentKey(
                    c.account(),
                    user ? Kinds.IAM_USER_POLICY : Kinds.IAM_ROLE_POLICY,
                    owner,
                    policyName))));
    return null;
  }

  // --- managed policies

  String createPolicy(IamCall c) {
    String name = iam.name(c, "PolicyName", IamService.POLICY_NAME);
    String arn = "arn:aws:iam::" + c.account() + ":policy/" + name;
    iam.authorize(c, "CreatePolicy", arn);
    String document = IamService.validIdentityPolicy(c.required("PolicyDocument"));
    if (store.get(DocumentKey.of(c.account(), Kinds.IAM_POLICY, name)).isPresent()) {
      throw QueryProtocol.alreadyExists(
          "A policy called " + name + " already exists. Duplicate names are not" + " allowed.");
    }
    IamPolicy p =
        new IamPolicy(
            name,
            Ids.accessKeyId("ANPA"),
            "/",
            ctx.nowSeconds(),
            document,
            c.optional("Description"));
    ctx.commit(
        List.of(
            Write.create(DocumentKey.of(c.account(), Kinds.IAM_POLICY, name), Documents.write(p))));
    String date = QueryProtocol.date(p.createDate());
    return "    <Policy>\n"
        + el("PolicyName", name)
        + el("DefaultVersionId", "v1")
        + el("PolicyId", p.policyId())
        + el("Path", "/")
        + el("Arn", arn)
        + el("AttachmentCount", 0)
        + el("IsAttachable", true)
        + el("CreateDate", date)
        + el("UpdateDate", date)
        + "    </Policy>\n";
  }

  @Nullable String attach(IamCall c, boolean user, boolean attach) {
    String owner = iam.name(c, user ? "UserName" : "RoleName", IamService.NAME);
    String policyArn = c.required("PolicyArn");
    String action = (attach ? "Attach" : "Detach") + (user ? "UserPolicy" : "RolePolicy");
    iam.authorize(c, action, iam.ownerArn(c, user, owner));
    String prefix = "arn:aws:iam::" + c.account() + ":policy/";
    if (!policyArn.startsWith("arn:aws:iam::")) {
      throw new ApiException(400, "InvalidInput", "ARN " + policyArn + " is not valid.");
    }
    String policyName = policyArn.substring(policyArn.lastIndexOf('/') + 1);
    if (!policyArn.startsWith(prefix)
        || store.get(DocumentKey.of(c.account(), Kinds.IAM_POLICY, policyName)).isEmpty()) {
      throw QueryProtocol.noSuchEntity(
          "Policy " + policyArn + " does not exist or is not attachable.");
    }
    List<String> current;
    if (user) {
      current = new ArrayList<>(iam.user(c.account(), owner).attachedPolicies());
    } else {
      current = new ArrayList<>(iam.role(c.account(), owner).attachedPolicies());
    }
    if (attach) {
      if (!current.contains(policyArn)) {
        current.add(policyArn);
      }
    } else if (!current.remove(policyArn)) {
      throw QueryProtocol.noSuchEntity("Policy " + policyArn + " was not found.");
    }
    String json =
        user
            ? Documents.write(iam.user(c.account(), owner).withAttachedPolicies(current))
            : Documents.write(iam.role(c.account(), owner).withAttachedPolicies(current));
    ctx.commit(
        List.of(
            Write.put(
                DocumentKey.of(c.account(), user ? Kinds.IAM_USER : Kinds.IAM_ROLE, owner), json)));
    return null;
  }
}
