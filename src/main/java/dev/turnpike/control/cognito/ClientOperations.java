package dev.turnpike.control.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.AwsJson;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Ids;
import dev.turnpike.model.CognitoUserPoolClient;
import dev.turnpike.store.Document;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * CreateUserPoolClient, DescribeUserPoolClient, ListUserPoolClients, DeleteUserPoolClient. A client
 * id is 26 lowercase letters and digits; a generated secret 51. Notes on Cognito kept here: a
 * client created without {@code ExplicitAuthFlows} allows SRP, custom auth and refresh ({@link
 * #effectiveFlows}); {@code PreventUserExistenceErrors} defaults to {@code LEGACY} through the API
 * (an unknown user is {@code UserNotFoundException}, not a password error).
 */
final class ClientOperations {
  static final Set<String> FLOWS =
      Set.of(
          "ADMIN_NO_SRP_AUTH",
          "CUSTOM_AUTH_FLOW_ONLY",
          "USER_PASSWORD_AUTH",
          "ALLOW_ADMIN_USER_PASSWORD_AUTH",
          "ALLOW_CUSTOM_AUTH",
          "ALLOW_USER_PASSWORD_AUTH",
          "ALLOW_USER_SRP_AUTH",
          "ALLOW_REFRESH_TOKEN_AUTH",
          "ALLOW_USER_AUTH");
  private static final List<String> DEFAULT_FLOWS =
      List.of("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH");

  private final ControlContext ctx;
  private final CognitoRepository repo;

  ClientOperations(ControlContext ctx, CognitoRepository repo) {
    this.ctx = ctx;
    this.repo = repo;
  }

  /**
   * The flows a client allows: as configured (a legacy name counts as its {@code ALLOW_} form), or
   * Cognito's defaults when none were configured.
   */
  static boolean allows(CognitoUserPoolClient client, String allowFlow) {
    List<String> flows =
        client.explicitAuthFlows().isEmpty() ? DEFAULT_FLOWS : client.explicitAuthFlows();
    String legacy =
        switch (allowFlow) {
          case "ALLOW_USER_PASSWORD_AUTH" -> "USER_PASSWORD_AUTH";
          case "ALLOW_ADMIN_USER_PASSWORD_AUTH" -> "ADMIN_NO_SRP_AUTH";
          default -> allowFlow;
        };
    return flows.contains(allowFlow)
        || flows.contains(legacy)
        // Legacy-only clients always allowed refreshing.
        || (allowFlow.equals("ALLOW_REFRESH_TOKEN_AUTH")
            && flows.stream().noneMatch(f -> f.startsWith("ALLOW_")));
  }

  ControlResponse create(ApiCall call) {
    ObjectNode body = call.body();
    String poolId = CognitoRepository.poolId(body);
    String name = body.path("ClientName").asText("");
    if (name.isEmpty()) {
      throw CognitoService.missing("clientName");
    }
    repo.pool(call.accountId(), poolId);
    List<String> flows = new ArrayList<>();
    for (JsonNode f : body.path("ExplicitAuthFlows")) {
      if (!FLOWS.contains(f.asText())) {
        throw CognitoService.invalidParameter(
            "1 validation error detected: Value '["
                + f.asText()
                + "]' at 'explicitAuthFlows' failed to satisfy constraint: Member must satisfy"
                + " constraint: [Member must satisfy enum value set: "
                + FLOWS.stream().sorted().toList()
                + "]");
      }
      flows.add(f.asText());
    }
    boolean legacy = flows.stream().anyMatch(f -> !f.startsWith("ALLOW_"));
    boolean modern = flows.stream().anyMatch(f -> f.startsWith("ALLOW_"));
    if (legacy && modern) {
      throw CognitoService.invalidParameter(
          "ExplicitAuthFlows cannot have both legacy and new values.");
    }
    String prevent = body.path("PreventUserExistenceErrors").asText("LEGACY");
    if (!prevent.equals("LEGACY") && !prevent.equals("ENABLED")) {
      throw CognitoService.invalidParameter(
          "1 validation error detected: Value '"
              + prevent
              + "' at 'preventUserExistenceErrors' failed to satisfy constraint: Member must"
              + " satisfy enum value set: [LEGACY, ENABLED]");
    }
    Map<String, String> units = new LinkedHashMap<>();
    JsonNode u = body.path("TokenValidityUnits");
    units.put("AccessToken", u.path("AccessToken").asText("minutes"));
    units.put("IdToken", u.path("IdToken").asText("minutes"));
    units.put("RefreshToken", u.path("RefreshToken").asText("days"));
    long now = ctx.clock().millis();
    String clientId = Ids.random(26);
    CognitoUserPoolClient client =
        new CognitoUserPoolClient(
            poolId,
            clientId,
            name,
            body.path("GenerateSecret").asBoolean(false) ? Ids.random(51) : null,
            now,
            now,
            flows,
            body.path("RefreshTokenValidity").asInt(30),
            body.path("AccessTokenValidity").asInt(60),
            body.path("IdTokenValidity").asInt(60),
            units,
            prevent,
            body.path("EnableTokenRevocation").asBoolean(true),
            body.path("AuthSessionValidity").asInt(3),
            strings(body.get("ReadAttributes")),
            strings(body.get("WriteAttributes")));
    ctx.commit(
        List.of(
            Write.create(
                CognitoRepository.clientKey(call.accountId(), poolId, clientId),
                Documents.write(client))));
    ObjectNode out = Documents.MAPPER.createObjectNode();
    out.set("UserPoolClient", shape(client));
    return AwsJson.ok(out.toString());
  }

  ControlResponse describe(ApiCall call) {
    ObjectNode body = call.body();
    String poolId = CognitoRepository.poolId(body);
    String clientId = body.path("ClientId").asText("");
    if (clientId.isEmpty()) {
      throw CognitoService.missing("clientId");
    }
    repo.pool(call.accountId(), poolId);
    ObjectNode out = Documents.MAPPER.createObjectNode();
    out.set("UserPoolClient", shape(repo.client(call.accountId(), poolId, clientId)));
    return AwsJson.ok(out.toString());
  }

  ControlResponse list(ApiCall call) {
    ObjectNode body = call.body();
    String poolId = CognitoRepository.poolId(body);
    repo.pool(call.accountId(), poolId);
    int limit = body.path("MaxResults").asInt(60);
    List<CognitoUserPoolClient> clients = new ArrayList<>();
    for (Document d : ctx.store().list(call.accountId(), Kinds.COGNITO_CLIENT, poolId)) {
      clients.add(Documents.read(d, CognitoUserPoolClient.class));
    }
    clients.sort(
        Comparator.comparingLong(CognitoUserPoolClient::creationDate)
            .thenComparing(CognitoUserPoolClient::clientId));
    int start = 0;
    String token = body.path("NextToken").asText("");
    for (int i = 0; !token.isEmpty() && i < clients.size(); i++) {
      if (clients.get(i).clientId().equals(token)) {
        start = i;
      }
    }
    ObjectNode out = Documents.MAPPER.createObjectNode();
    ArrayNode list = out.putArray("UserPoolClients");
    int end = Math.min(clients.size(), start + Math.max(1, limit));
    for (int i = start; i < end; i++) {
      CognitoUserPoolClient c = clients.get(i);
      list.addObject()
          .put("ClientId", c.clientId())
          .put("UserPoolId", c.userPoolId())
          .put("ClientName", c.clientName());
    }
    if (end < clients.size()) {
      out.put("NextToken", clients.get(end).clientId());
    }
    return AwsJson.ok(out.toString());
  }

  ControlResponse delete(ApiCall call) {
    ObjectNode body = call.body();
    String poolId = CognitoRepository.poolId(body);
    String clientId = body.path("ClientId").asText("");
    repo.pool(call.accountId(), poolId);
    repo.client(call.accountId(), poolId, clientId);
    ctx.commit(
        List.of(Write.delete(CognitoRepository.clientKey(call.accountId(), poolId, clientId))));
    return AwsJson.ok("{}");
  }

  /** {@code UserPoolClientType}, in Cognito's member order. */
  static ObjectNode shape(CognitoUserPoolClient c) {
    ObjectNode n = Documents.MAPPER.createObjectNode();
    n.put("UserPoolId", c.userPoolId());
    n.put("ClientName", c.clientName());
    n.put("ClientId", c.clientId());
    if (c.clientSecret() != null) {
      n.put("ClientSecret", c.clientSecret());
    }
    n.put("LastModifiedDate", c.lastModifiedDate() / 1000.0);
    n.put("CreationDate", c.creationDate() / 1000.0);
    n.put("RefreshTokenValidity", c.refreshTokenValidity());
    n.put("AccessTokenValidity", c.accessTokenValidity());
    n.put("IdTokenValidity", c.idTokenValidity());
    ObjectNode units = n.putObject("TokenValidityUnits");
    c.tokenValidityUnits().forEach(units::put);
    putList(n, "ReadAttributes", c.readAttributes());
    putList(n, "WriteAttributes", c.writeAttributes());
    if (!c.explicitAuthFlows().isEmpty()) {
      putList(n, "ExplicitAuthFlows", c.explicitAuthFlows());
    }
    n.put("AllowedOAuthFlowsUserPoolClient", false);
    n.put("PreventUserExistenceErrors", c.preventUserExistenceErrors());
    n.put("EnableTokenRevocation", c.enableTokenRevocation());
    n.put("EnablePropagateAdditionalUserContextData", false);
    n.put("AuthSessionValidity", c.authSessionValidity());
    return n;
  }

  private static void putList(ObjectNode n, String name, @Nullable List<String> values) {
    if (values != null) {
      ArrayNode a = n.putArray(name);
      values.forEach(a::add);
    }
  }

  private static @Nullable List<String> strings(@Nullable JsonNode array) {
    if (array == null || !array.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
