package dev.turnpike.control.cognito;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.auth.jwt.JwtKeys;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.cognito.CognitoRepository.OwnedPool;
import dev.turnpike.model.Json;
import dev.turnpike.store.Documents;
import java.util.Map;

/**
 * A pool's public documents, served unsigned as Cognito serves them: {@code
 * /{userPoolId}/.well-known/jwks.json} (the signing keys, in Cognito's member order) and {@code
 * openid-configuration}. An unknown pool is a 404.
 */
final class PoolDocuments {
  private final CognitoRepository repo;

  PoolDocuments(CognitoRepository repo) {
    this.repo = repo;
  }

  ControlResponse jwks(ApiCall call) {
    OwnedPool owned = repo.anyPool(call.path("userPoolId"));
    if (owned == null) {
      return notFoundDocument(call.path("userPoolId"));
    }
    String body =
        JwtKeys.of(Map.of(owned.pool().signingKeyId(), PoolKeys.publicKey(owned.pool()))).toJwks();
    return ControlResponse.json(200, body);
  }

  ControlResponse openIdConfiguration(ApiCall call) {
    OwnedPool owned = repo.anyPool(call.path("userPoolId"));
    if (owned == null) {
      return notFoundDocument(call.path("userPoolId"));
    }
    String iss = owned.pool().issuer();
    ObjectNode n = Documents.MAPPER.createObjectNode();
    n.putArray("id_token_signing_alg_values_supported").add("RS256");
    n.put("issuer", iss);
    n.put("jwks_uri", iss + "/.well-known/jwks.json");
    n.putArray("response_types_supported").add("code").add("token");
    n.putArray("scopes_supported").add("openid").add("email").add("phone").add("profile");
    n.putArray("subject_types_supported").add("public");
    return ControlResponse.json(200, n.toString());
  }

  private static ControlResponse notFoundDocument(String poolId) {
    return ControlResponse.json(
        404, "{\"message\":" + Json.quote("User pool " + poolId + " does not exist.") + "}");
  }
}
