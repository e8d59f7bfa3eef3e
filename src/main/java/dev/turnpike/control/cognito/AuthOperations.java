package dev.turnpike.control.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.AwsJson;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.cognito.CognitoRepository.OwnedClient;
import dev.turnpike.model.CognitoPoolSecrets;
import dev.turnpike.model.CognitoUser;
import dev.turnpike.model.CognitoUserPool;
import dev.turnpike.model.CognitoUserPoolClient;
import dev.turnpike.store.Document;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Write;
import java.util.List;

/**
 * Sign-in: InitiateAuth (public), AdminInitiateAuth (signed), RespondToAuthChallenge for {@code
 * NEW_PASSWORD_REQUIRED} (public). Flows: {@code USER_PASSWORD_AUTH}, {@code
 * ADMIN_USER_PASSWORD_AUTH} (and the legacy {@code ADMIN_NO_SRP_AUTH}), {@code REFRESH_TOKEN_AUTH}
 * ({@code REFRESH_TOKEN}). SRP, custom and passwordless flows are refused as not implemented.
 */
final class AuthOperations {
  private static final String INCORRECT = "Incorrect username or password.";

  private final ControlContext ctx;
  private final CognitoRepository repo;

  AuthOperations(ControlContext ctx, CognitoRepository repo) {
    this.ctx = ctx;
    this.repo = repo;
  }

  ControlResponse initiateAuth(ApiCall call) {
    ObjectNode body = call.body();
    String clientId = required(body, "ClientId", "clientId");
    String flow = required(body, "AuthFlow", "authFlow");
    checkFlowName(flow);
    OwnedClient owned = repo.anyClient(clientId);
    return switch (flow) {
      case "USER_PASSWORD_AUTH" -> {
        requireFlow(owned.client(), "ALLOW_USER_PASSWORD_AUTH", flow);
        yield password(owned, body.path("AuthParameters"));
      }
      case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> {
        requireFlow(owned.client(), "ALLOW_REFRESH_TOKEN_AUTH", flow);
        yield refresh(owned, body.path("AuthParameters"));
      }
      case "ADMIN_NO_SRP_AUTH", "ADMIN_USER_PASSWORD_AUTH" ->
          throw CognitoService.invalidParameter("Initiate Auth method not supported.");
      default -> throw notImplemented(flow);
    };
  }

  ControlResponse adminInitiateAuth(ApiCall call) {
    ObjectNode body = call.body();
    String poolId = CognitoRepository.poolId(body);
    String clientId = required(body, "ClientId", "clientId");
    String flow = required(body, "AuthFlow", "authFlow");
    checkFlowName(flow);
    CognitoUserPool pool = repo.pool(call.accountId(), poolId);
    OwnedClient owned =
        new OwnedClient(call.accountId(), pool, repo.client(call.accountId(), poolId, clientId));
    return switch (flow) {
      case "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH" -> {
        if (!ClientOperations.allows(owned.client(), "ALLOW_ADMIN_USER_PASSWORD_AUTH")) {
          throw CognitoService.invalidParameter("Auth flow not enabled for this client");
        }
        yield password(owned, body.path("AuthParameters"));
      }
      case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> {
        requireFlow(owned.client(), "ALLOW_REFRESH_TOKEN_AUTH", flow);
        yield refresh(owned, body.path("AuthParameters"));
      }
      // The public flow on the admin operation: Cognito's answer (aws-doc-sdk-examples #5289).
      case "USER_PASSWORD_AUTH" ->
          throw CognitoService.invalidParameter("Initiate Auth method not supported.");
      default -> throw notImplemented(flow);
    };
  }

  /** {@code NEW_PASSWORD_REQUIRED}: the new password becomes permanent, then tokens. */
  ControlResponse respondToAuthChallenge(ApiCall call) {
    ObjectNode body = call.body();
    String clientId = required(body, "ClientId", "clientId");
    String challenge = required(body, "ChallengeName", "challengeName");
    OwnedClient owned = repo.anyClient(clientId);
    if (!challenge.equals("NEW_PASSWORD_REQUIRED")) {
      throw notImplemented(challenge);
    }
    JsonNode responses = body.path("ChallengeResponses");
    String username = responses.path("USERNAME").asText("");
    String newPassword = responses.path("NEW_PASSWORD").asText("");
    if (username.isEmpty()) {
      throw CognitoService.invalidParameter("Missing required parameter USERNAME");
    }
    if (newPassword.isEmpty()) {
      throw CognitoService.invalidParameter("Missing required parameter NEW_PASSWORD");
    }
    CognitoPoolSecrets secrets = repo.secrets(owned.accountId(), owned.pool().id());
    JsonNode session =
        Tokens.openSession(secrets, owned.pool().id(), body.path("Session").asText(""));
    if (session == null
        || !session.path("c").asText().equals(clientId)
        || !session.path("u").asText().equals(username)
        || session.path("x").asLong() < ctx.clock().millis()) {
      throw CognitoService.notAuthorized("Invalid session for the user, session is expired.");
    }
    SecretHash.check(owned.client(), responses, username);
    Passwords.checkShape(newPassword, "challengeResponses.NEW_PASSWORD");
    Passwords.checkPolicy(owned.pool().passwordPolicy(), newPassword);
    CognitoUser user = repo.user(owned.accountId(), owned.pool().id(), username);
    long now = ctx.clock().millis();
    CognitoUser confirmed =
        new CognitoUser(
            user.username(),
            user.attributes(),
            user.enabled(),
            "CONFIRMED",
            user.createDate(),
            now,
            Passwords.hash(newPassword),
            now);
    ctx.commit(
        List.of(
            Write.put(
                CognitoRepository.userKey(owned.accountId(), owned.pool().id(), username),
                Documents.write(confirmed))));
    return tokens(owned, secrets, confirmed, Tokens.AuthEvent.now(ctx.nowSeconds()), true);
  }

  private ControlResponse password(OwnedClient owned, JsonNode params) {
    String username = params.path("USERNAME").asText("");
    if (username.isEmpty()) {
      throw CognitoService.invalidParameter("Missing required parameter USERNAME");
    }
    String password = params.path("PASSWORD").asText("");
    if (password.isEmpty()) {
      throw CognitoService.invalidParameter("Missing required parameter PASSWORD");
    }
    SecretHash.check(owned.client(), params, username);
    Document d = repo.userDocument(owned.accountId(), owned.pool().id(), username);
    if (d == null) {
      throw "ENABLED".equals(owned.client().preventUserExistenceErrors())
          ? CognitoService.notAuthorized(INCORRECT)
          : CognitoService.userNotFound();
    }
    CognitoUser user = Documents.read(d, CognitoUser.class);
    String hash = user.passwordHash();
    if (hash == null || !Passwords.matches(password, hash)) {
      throw CognitoService.notAuthorized(INCORRECT);
    }
    if (!user.enabled()) {
      throw CognitoService.notAuthorized("User is disabled.");
    }
    CognitoPoolSecrets secrets = repo.secrets(owned.accountId(), owned.pool().id());
    long nowMillis = ctx.clock().millis();
    if ("FORCE_CHANGE_PASSWORD".equals(user.userStatus())) {
      long days = owned.pool().passwordPolicy().temporaryPasswordValidityDays();
      if (nowMillis > user.passwordSetDate() + days * 86_400_000L) {
        throw CognitoService.notAuthorized(
            "Temporary password has expired and must be reset by an administrator.");
      }
      return newPasswordRequired(owned, secrets, user, nowMillis);
    }
    return tokens(owned, secrets, user, Tokens.AuthEvent.now(nowMillis / 1000), true);
  }

  private ControlResponse refresh(OwnedClient owned, JsonNode params) {
    String token = params.path("REFRESH_TOKEN").asText("");
    if (token.isEmpty()) {
      throw CognitoService.invalidParameter("Missing required parameter REFRESH_TOKEN");
    }
    CognitoPoolSecrets secrets = repo.secrets(owned.accountId(), owned.pool().id());
    Tokens.RefreshGrant grant = Tokens.openRefresh(secrets, owned.pool().id(), token);
    if (grant == null || !grant.clientId().equals(owned.client().clientId())) {
      throw CognitoService.notAuthorized("Invalid Refresh Token");
    }
    if (grant.expiresMillis() <= ctx.clock().millis()) {
      throw CognitoService.notAuthorized("Refresh Token has expired");
    }
    Document d = repo.userDocument(owned.accountId(), owned.pool().id(), grant.username());
    if (d == null) {
      throw CognitoService.notAuthorized("User does not exist.");
    }
    CognitoUser user = Documents.read(d, CognitoUser.class);
    if (!user.enabled()) {
      throw CognitoService.notAuthorized("User is disabled.");
    }
    if (owned.client().clientSecret() != null) {
      // With a client secret, the hash of a refresh is computed over the user's sub or name.
      String given = params.path("SECRET_HASH").asText("");
      if (!given.equals(SecretHash.of(owned.client(), user.username()))
          && !given.equals(SecretHash.of(owned.client(), user.sub()))) {
        SecretHash.check(owned.client(), params, user.username());
      }
    }
    return tokens(
        owned,
        secrets,
        user,
        new Tokens.AuthEvent(
            grant.authTime(), grant.originJti(), java.util.UUID.randomUUID().toString()),
        false);
  }

  private ControlResponse tokens(
      OwnedClient owned,
      CognitoPoolSecrets secrets,
      CognitoUser user,
      Tokens.AuthEvent event,
      boolean withRefreshToken) {
    long nowMillis = ctx.clock().millis();
    long now = nowMillis / 1000;
    CognitoUserPool pool = owned.pool();
    CognitoUserPoolClient client = owned.client();
    ObjectNode out = Documents.MAPPER.createObjectNode();
    out.putObject("ChallengeParameters");
    ObjectNode r = out.putObject("AuthenticationResult");
    r.put("AccessToken", Tokens.accessToken(pool, secrets, client, user, event, now));
    r.put("ExpiresIn", Tokens.accessSeconds(client));
    r.put("TokenType", "Bearer");
    if (withRefreshToken) {
      r.put("RefreshToken", Tokens.refreshToken(pool, secrets, client, user, event, nowMillis));
    }
    r.put("IdToken", Tokens.idToken(pool, secrets, client, user, event, now));
    return AwsJson.ok(out.toString());
  }

  private static ControlResponse newPasswordRequired(
      OwnedClient owned, CognitoPoolSecrets secrets, CognitoUser user, long nowMillis) {
    ObjectNode attributes = Documents.MAPPER.createObjectNode();
    for (CognitoUser.Attribute a : user.attributes()) {
      if (!a.name().equals("sub")) {
        attributes.put(a.name(), a.value());
      }
    }
    ObjectNode out = Documents.MAPPER.createObjectNode();
    out.put("ChallengeName", "NEW_PASSWORD_REQUIRED");
    out.put(
        "Session",
        Tokens.session(
            secrets,
            owned.pool().id(),
            owned.client().clientId(),
            user.username(),
            nowMillis + owned.client().authSessionValidity() * 60_000L));
    out.putObject("ChallengeParameters")
        .put("USER_ID_FOR_SRP", user.username())
        .put("requiredAttributes", "[]")
        .put("userAttributes", attributes.toString());
    return AwsJson.ok(out.toString());
  }

  private static void requireFlow(CognitoUserPoolClient client, String allow, String flow) {
    if (!ClientOperations.allows(client, allow)) {
      throw CognitoService.invalidParameter(
          (flow.startsWith("REFRESH_TOKEN") ? "REFRESH_TOKEN_AUTH" : flow)
              + " flow not enabled for this client");
    }
  }

  private static void checkFlowName(String flow) {
    List<String> known =
        List.of(
            "USER_SRP_AUTH",
            "REFRESH_TOKEN_AUTH",
            "REFRESH_TOKEN",
            "CUSTOM_AUTH",
            "ADMIN_NO_SRP_AUTH",
            "USER_PASSWORD_AUTH",
            "ADMIN_USER_PASSWORD_AUTH",
            "USER_AUTH");
    if (!known.contains(flow)) {
      throw CognitoService.invalidParameter(
          "1 validation error detected: Value '"
              + flow
              + "' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: "
              + known);
    }
  }

  private static ApiException notImplemented(String what) {
    return CognitoService.invalidParameter(
        what
            + " is not implemented by Turnpike's cognito-idp (use USER_PASSWORD_AUTH,"
            + " ADMIN_USER_PASSWORD_AUTH or REFRESH_TOKEN_AUTH).");
  }

  private static String required(ObjectNode body, String name, String member) {
    String v = body.path(name).asText("");
    if (v.isEmpty()) {
      throw CognitoService.missing(member);
    }
    return v;
  }
}
