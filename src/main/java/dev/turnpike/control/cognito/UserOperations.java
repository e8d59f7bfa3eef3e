package dev.turnpike.control.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.AwsJson;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.model.CognitoUser;
import dev.turnpike.model.CognitoUserPool;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * AdminCreateUser, AdminGetUser, AdminSetUserPassword, AdminDeleteUser. A new user has a temporary
 * password ({@code FORCE_CHANGE_PASSWORD}); {@code AdminSetUserPassword --permanent} confirms it.
 * Deviation: nothing is delivered (no e-mail or SMS), so a generated temporary password is never
 * seen; set one with {@code --temporary-password} or {@code admin-set-user-password}.
 */
final class UserOperations {
  private static final Pattern USERNAME =
      Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}");

  private final ControlContext ctx;
  private final CognitoRepository repo;

  UserOperations(ControlContext ctx, CognitoRepository repo) {
    this.ctx = ctx;
    this.repo = repo;
  }

  ControlResponse create(ApiCall call) {
    ObjectNode body = call.body();
    String poolId = CognitoRepository.poolId(body);
    String username = username(body);
    CognitoUserPool pool = repo.pool(call.accountId(), poolId);
    if (repo.userDocument(call.accountId(), poolId, username) != null) {
      throw new ApiException(400, "UsernameExistsException", "User account already exists");
    }
    String temporary = body.path("TemporaryPassword").asText("");
    if (temporary.isEmpty()) {
      temporary = Passwords.temporary();
    } else {
      Passwords.checkShape(temporary, "temporaryPassword");
      Passwords.checkPolicy(pool.passwordPolicy(), temporary);
    }
    List<CognitoUser.Attribute> attributes = new ArrayList<>();
    attributes.add(new CognitoUser.Attribute("sub", UUID.randomUUID().toString()));
    for (JsonNode a : body.path("UserAttributes")) {
      String name = a.path("Name").asText("");
      if (name.equals("sub")) {
        throw CognitoService.invalidParameter("Cannot modify an immutable attribute: sub");
      }
      if (!name.isEmpty()) {
        attributes.add(new CognitoUser.Attribute(name, a.path("Value").asText("")));
      }
    }
    long now = ctx.clock().millis();
    CognitoUser user =
        new CognitoUser(
            username,
            attributes,
            true,
            "FORCE_CHANGE_PASSWORD",
            now,
            now,
            Passwords.hash(temporary),
            now);
    ctx.commit(
        List.of(
            Write.create(
                CognitoRepository.userKey(call.accountId(), poolId, username),
                Documents.write(user))));
    ObjectNode out = Documents.MAPPER.createObjectNode();
    ObjectNode u = out.putObject("User");
    u.put("Username", user.username());
    putAttributes(u.putArray("Attributes"), user);
    putDatesAndStatus(u, user);
    return AwsJson.ok(out.toString());
  }

  ControlResponse get(ApiCall call) {
    ObjectNode body = call.body();
    String poolId = CognitoRepository.poolId(body);
    String username = username(body);
    repo.pool(call.accountId(), poolId);
    CognitoUser user = repo.user(call.accountId(), poolId, username);
    ObjectNode out = Documents.MAPPER.createObjectNode();
    out.put("Username", user.username());
    putAttributes(out.putArray("UserAttributes"), user);
    putDatesAndStatus(out, user);
    return AwsJson.ok(out.toString());
  }

  ControlResponse setPassword(ApiCall call) {
    ObjectNode body = call.body();
    String poolId = CognitoRepository.poolId(body);
    String username = username(body);
    String password = body.path("Password").asText("");
    if (password.isEmpty()) {
      throw CognitoService.missing("password");
    }
    Passwords.checkShape(password, "password");
    CognitoUserPool pool = repo.pool(call.accountId(), poolId);
    CognitoUser user = repo.user(call.accountId(), poolId, username);
    Passwords.checkPolicy(pool.passwordPolicy(), password);
    boolean permanent = body.path("Permanent").asBoolean(false);
    long now = ctx.clock().millis();
    CognitoUser changed =
        new CognitoUser(
            user.username(),
            user.attributes(),
            user.enabled(),
            permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD",
            user.createDate(),
            now,
            Passwords.hash(password),
            now);
    ctx.commit(
        List.of(
            Write.put(
                CognitoRepository.userKey(call.accountId(), poolId, username),
                Documents.write(changed))));
    return AwsJson.ok("{}");
  }

  ControlResponse delete(ApiCall call) {
    ObjectNode body = call.body();
    String poolId = CognitoRepository.poolId(body);
    String username = username(body);
    repo.pool(call.accountId(), poolId);
    repo.user(call.accountId(), poolId, username);
    ctx.commit(
        List.of(Write.delete(CognitoRepository.userKey(call.accountId(), poolId, username))));
    return AwsJson.ok("{}");
  }

  private static String username(ObjectNode body) {
    String username = body.path("Username").asText("");
    if (username.isEmpty()) {
      throw CognitoService.missing("username");
    }
    if (!USERNAME.matcher(username).matches()) {
      throw CognitoService.invalidParameter(
          "1 validation error detected: Value at 'username' failed to satisfy constraint: Member"
              + " must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    }
    return username;
  }

  private static void putAttributes(ArrayNode a, CognitoUser user) {
    for (CognitoUser.Attribute attr : user.attributes()) {
      a.addObject().put("Name", attr.name()).put("Value", attr.value());
    }
  }

  private static void putDatesAndStatus(ObjectNode n, CognitoUser user) {
    n.put("UserCreateDate", user.createDate() / 1000.0);
    n.put("UserLastModifiedDate", user.lastModifiedDate() / 1000.0);
    n.put("Enabled", user.enabled());
    n.put("UserStatus", user.userStatus());
  }
}
