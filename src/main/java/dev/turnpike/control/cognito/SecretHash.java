package dev.turnpike.control.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.model.CognitoUserPoolClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The {@code SECRET_HASH} a client with a secret must send with each sign-in. */
final class SecretHash {
  private SecretHash() {}

  /**
   * A client with a secret requires {@code SECRET_HASH}: Base64(HMAC-SHA256(secret, username +
   * client id)).
   */
  static void check(CognitoUserPoolClient client, JsonNode params, String username) {
    String secret = client.clientSecret();
    if (secret == null) {
      return;
    }
    String given = params.path("SECRET_HASH").asText("");
    if (given.isEmpty()) {
      throw CognitoService.notAuthorized(
          "Client "
              + client.clientId()
              + " is configured with secret but SECRET_HASH was not"
              + " received");
    }
    if (!MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8),
        of(client, username).getBytes(StandardCharsets.UTF_8))) {
      throw CognitoService.notAuthorized(
          "Unable to verify secret hash for client " + client.clientId());
    }
  }

  static String of(CognitoUserPoolClient client, String username) {
    String secret = client.clientSecret();
    if (secret == null) {
      return "";
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(
              mac.doFinal((username + client.clientId()).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
