package dev.turnpike.control.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.AwsJson;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.model.CognitoUserPool;
import dev.turnpike.store.Document;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CreateUserPool, DescribeUserPool, ListUserPools, DeleteUserPool. A pool id is the region, an
 * underscore and nine letters and digits ({@code us-east-1_AbCdEfGhI}); its ARN is {@code
 * arn:aws:cognito-idp:{region}:{account}:userpool/{id}}.
 */
final class UserPoolOperations {
  private static final Pattern NAME = Pattern.compile("[\\w\\s+=,.@-]{1,128}");
  private static final char[] ID_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ControlContext ctx;
  private final CognitoRepository repo;

  UserPoolOperations(ControlContext ctx, CognitoRepository repo) {
    this.ctx = ctx;
    this.repo = repo;
  }

  static String arn(String region, String accountId, String poolId) {
    return "arn:aws:cognito-idp:" + region + ":" + accountId + ":userpool/" + poolId;
  }

  ControlResponse create(ApiCall call) {
    ObjectNode body = call.body();
    String name = body.path("PoolName").asText("");
    if (name.isEmpty()) {
      throw CognitoService.missing("poolName");
    }
    if (!NAME.matcher(name).matches()) {
      throw CognitoService.invalidParameter(
          "1 validation error detected: Value '"
              + name
              + "' at 'poolName' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: [\\w\\s+=,.@-]+");
    }
    CognitoUserPool.PasswordPolicy policy = passwordPolicy(body.path("Policies"));
    String mfa = body.path("MfaConfiguration").asText("OFF");
    if (!List.of("OFF", "ON", "OPTIONAL").contains(mfa)) {
      throw CognitoService.invalidParameter(
          "1 validation error detected: Value '"
              + mfa
              + "' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum"
              + " value set: [OFF, ON, OPTIONAL]");
    }
    String id = call.region() + "_" + randomId();
    long now = ctx.clock().millis();
    PoolKeys.Generated keys = PoolKeys.generate();
    Map<String, String> tags = new LinkedHashMap<>();
    body.path("UserPoolTags")
        .fields()
        .forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
    CognitoUserPool pool =
        new CognitoUserPool(
            id,
            name,
            arn(call.region(), call.accountId(), id),
            now,
            now,
            policy,
            mfa,
            body.path("DeletionProtection").asText("INACTIVE"),
            strings(body.path("UsernameAttributes")),
            strings(body.path("AliasAttributes")),
            strings(body.path("AutoVerifiedAttributes")),
            body.path("AdminCreateUserConfig").path("AllowAdminCreateUserOnly").asBoolean(false),
            tags.isEmpty() ? null : tags,
            keys.keyId(),
            keys.publicKey());
    ctx.commit(
        List.of(
            Write.create(CognitoRepository.poolKey(call.accountId(), id), Documents.write(pool)),
            Write.create(
                CognitoRepository.secretsKey(call.accountId(), id),
                Documents.write(keys.secrets()))));
    ObjectNode out = Documents.MAPPER.createObjectNode();
    out.set("UserPool", PoolShapes.userPool(pool, 0));
    return AwsJson.ok(out.toString());
  }

  ControlResponse describe(ApiCall call) {
    String id = CognitoRepository.poolId(call.body());
    CognitoUserPool pool = repo.pool(call.accountId(), id);
    int users = ctx.store().list(call.accountId(), Kinds.COGNITO_USER, id).size();
    ObjectNode out = Documents.MAPPER.createObjectNode();
    out.set("UserPool", PoolShapes.userPool(pool, users));
    return AwsJson.ok(out.toString());
  }

  ControlResponse list(ApiCall call) {
    ObjectNode body = call.body();
    JsonNode max = body.get("MaxResults");
    if (max == null || max.isNull()) {
      throw CognitoService.missing("maxResults");
    }
    int limit = max.asInt();
    if (limit < 1 || limit > 60) {
      throw CognitoService.invalidParameter(
          "1 validation error detected: Value '"
              + limit
              + "' at 'maxResults' failed to satisfy constraint: Member must have value "
              + (limit < 1 ? "greater than or equal to 1" : "less than or equal to 60"));
    }
    List<CognitoUserPool> pools = new ArrayList<>();
    for (Document d : ctx.store().list(call.accountId(), Kinds.COGNITO_USER_POOL, "")) {
      pools.add(Documents.read(d, CognitoUserPool.class));
    }
    pools.sort(
        Comparator.comparingLong(CognitoUserPool::creationDate).thenComparing(CognitoUserPool::id));
    int start = 0;
    String token = body.path("NextToken").asText("");
    if (!token.isEmpty()) {
      start = -1;
      for (int i = 0; i < pools.size(); i++) {
        if (pools.get(i).id().equals(token)) {
          start = i;
        }
      }
      if (start < 0) {
        throw CognitoService.invalidParameter("Invalid pagination token.");
      }
    }
    ObjectNode out = Documents.MAPPER.createObjectNode();
    ArrayNode list = out.putArray("UserPools");
    int end = Math.min(pools.size(), start + limit);
    for (int i = start; i < end; i++) {
      list.add(PoolShapes.description(pools.get(i)));
    }
    if (end < pools.size()) {
      out.put("NextToken", pools.get(end).id());
    }
    return AwsJson.ok(out.toString());
  }

  ControlResponse delete(ApiCall call) {
    String id = CognitoRepository.poolId(call.body());
    CognitoUserPool pool = repo.pool(call.accountId(), id);
    if ("ACTIVE".equals(pool.deletionProtection())) {
      throw CognitoService.invalidParameter(
          "The user pool cannot be deleted because deletion protection is activated. Deletion"
              + " protection must be inactivated first.");
    }
    List<Write> writes = new ArrayList<>();
    writes.add(Write.delete(CognitoRepository.poolKey(call.accountId(), id)));
    writes.add(Write.delete(CognitoRepository.secretsKey(call.accountId(), id)));
    for (String kind : List.of(Kinds.COGNITO_CLIENT, Kinds.COGNITO_USER)) {
      for (Document d : ctx.store().list(call.accountId(), kind, id)) {
        writes.add(Write.delete(d.key()));
      }
    }
    ctx.commit(writes);
    return AwsJson.ok("{}");
  }

  /**
   * {@code Policies.PasswordPolicy}: absent, Cognito's defaults (8 characters, every class, 7
   * days); present, what it says, with an unsaid requirement off.
   */
  private static CognitoUserPool.PasswordPolicy passwordPolicy(JsonNode policies) {
    JsonNode p = policies.path("PasswordPolicy");
    if (!p.isObject()) {
      return CognitoUserPool.PasswordPolicy.DEFAULT;
    }
    int min = p.path("MinimumLength").asInt(8);
    if (min < 6 || min > 99) {
      throw CognitoService.invalidParameter(
          "1 validation error detected: Value '"
              + min
              + "' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member"
              + " must have value "
              + (min < 6 ? "greater than or equal to 6" : "less than or equal to 99"));
    }
    return new CognitoUserPool.PasswordPolicy(
        min,
        p.path("RequireUppercase").asBoolean(false),
        p.path("RequireLowercase").asBoolean(false),
        p.path("RequireNumbers").asBoolean(false),
        p.path("RequireSymbols").asBoolean(false),
        p.path("TemporaryPasswordValidityDays").asInt(7));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String randomId() {
    char[] c = new char[9];
    for (int i = 0; i < c.length; i++) {
      c[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
    }
    return new String(c);
  }
}
