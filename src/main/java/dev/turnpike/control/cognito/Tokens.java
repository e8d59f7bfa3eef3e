package dev.turnpike.control.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.auth.jwt.JwtSigner;
import dev.turnpike.model.CognitoPoolSecrets;
import dev.turnpike.model.CognitoUser;
import dev.turnpike.model.CognitoUserPool;
import dev.turnpike.model.CognitoUserPoolClient;
import dev.turnpike.store.Documents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The tokens a pool issues. ID and access tokens are RS256 JWTs under the pool's key with the
 * claims Cognito writes, in Cognito's order; refresh tokens (and challenge sessions) are opaque:
 * AES-256-GCM under the pool's refresh key, bound to the pool id, so they need no stored state and
 * cannot be moved to another pool.
 */
final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE_BYTES = 12;

  private Tokens() {}

  /** One sign-in: when it happened and the ids every token of it shares. */
  record AuthEvent(long authTime, String originJti, String eventId) {
    static AuthEvent now(long nowSeconds) {
      return new AuthEvent(nowSeconds, UUID.randomUUID().toString(), UUID.randomUUID().toString());
    }
  }

  /** What a refresh token carries (never seen by its holder: it is sealed). */
  record RefreshGrant(
      String clientId, String username, long authTime, String originJti, long expiresMillis) {}

  static String idToken(
      CognitoUserPool pool,
      CognitoPoolSecrets secrets,
      CognitoUserPoolClient client,
      CognitoUser user,
      AuthEvent event,
      long nowSeconds) {
    ObjectNode c = Documents.MAPPER.createObjectNode();
    c.put("sub", user.sub());
    for (CognitoUser.Attribute a : user.attributes()) {
      if (a.name().endsWith("_verified")) {
        c.put(a.name(), Boolean.parseBoolean(a.value()));
      }
    }
    c.put("iss", pool.issuer());
    c.put("cognito:username", user.username());
    c.put("origin_jti", event.originJti());
    c.put("aud", client.clientId());
    c.put("event_id", event.eventId());
    c.put("token_use", "id");
    c.put("auth_time", event.authTime());
    c.put("exp", nowSeconds + seconds(client.idTokenValidity(), unit(client, "IdToken")));
    c.put("iat", nowSeconds);
    c.put("jti", UUID.randomUUID().toString());
    for (CognitoUser.Attribute a : user.attributes()) {
      if (!a.name().equals("sub") && !a.name().endsWith("_verified")) {
        c.put(a.name(), a.value());
      }
    }
    return JwtSigner.signRs256(key(secrets), secrets.keyId(), c.toString());
  }

  static String accessToken(
      CognitoUserPool pool,
      CognitoPoolSecrets secrets,
      CognitoUserPoolClient client,
      CognitoUser user,
      AuthEvent event,
      long nowSeconds) {
    ObjectNode c = Documents.MAPPER.createObjectNode();
    c.put("sub", user.sub());
    c.put("iss", pool.issuer());
    c.put("client_id", client.clientId());
    c.put("origin_jti", event.originJti());
    c.put("event_id", event.eventId());
    c.put("token_use", "access");
    c.put("scope", "aws.cognito.signin.user.admin");
    c.put("auth_time", event.authTime());
    c.put("exp", nowSeconds + seconds(client.accessTokenValidity(), unit(client, "AccessToken")));
    c.put("iat", nowSeconds);
    c.put("jti", UUID.randomUUID().toString());
    c.put("username", user.username());
    return JwtSigner.signRs256(key(secrets), secrets.keyId(), c.toString());
  }

  /** Seconds an access token lives: {@code ExpiresIn}. */
  static long accessSeconds(CognitoUserPoolClient client) {
    return seconds(client.accessTokenValidity(), unit(client, "AccessToken"));
  }

  static String refreshToken(
      CognitoUserPool pool,
      CognitoPoolSecrets secrets,
      CognitoUserPoolClient client,
      CognitoUser user,
      AuthEvent event,
      long nowMillis) {
    ObjectNode g = Documents.MAPPER.createObjectNode();
    g.put("t", "refresh");
    g.put("c", client.clientId());
    g.put("u", user.username());
    g.put("a", event.authTime());
    g.put("o", event.originJti());
    g.put(
        "x",
        nowMillis + 1000 * seconds(client.refreshTokenValidity(), unit(client, "RefreshToken")));
    return seal(secrets, pool.id(), g.toString());
  }

  /** The grant of a refresh token this pool issued, null when it is not one (or was altered). */
  static @Nullable RefreshGrant openRefresh(
      CognitoPoolSecrets secrets, String poolId, String token) {
    JsonNode g = open(secrets, poolId, token);
    if (g == null || !"refresh".equals(g.path("t").asText())) {
      return null;
    }
    return new RefreshGrant(
        g.path("c").asText(),
        g.path("u").asText(),
        g.path("a").asLong(),
        g.path("o").asText(),
        g.path("x").asLong());
  }

  /** A NEW_PASSWORD_REQUIRED session: who, for which client, until when (3 minutes by default). */
  static String session(
      CognitoPoolSecrets secrets, String poolId, String clientId, String username, long until) {
    ObjectNode g = Documents.MAPPER.createObjectNode();
    g.put("t", "session");
    g.put("c", clientId);
    g.put("u", username);
    g.put("x", until);
    return seal(secrets, poolId, g.toString());
  }

  static @Nullable JsonNode openSession(CognitoPoolSecrets secrets, String poolId, String token) {
    JsonNode g = open(secrets, poolId, token);
    return g != null && "session".equals(g.path("t").asText()) ? g : null;
  }

  private static String seal(CognitoPoolSecrets secrets, String poolId, String json) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, aes(secrets), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(poolId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(json.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a token: " + e.getMessage(), e);
    }
  }

  private static @Nullable JsonNode open(CognitoPoolSecrets secrets, String poolId, String token) {
    try {
      byte[] in = Base64.getUrlDecoder().decode(token);
      if (in.length <= NONCE_BYTES + 16) {
        return null;
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, aes(secrets), new GCMParameterSpec(128, in, 0, NONCE_BYTES));
      cipher.updateAAD(poolId.getBytes(StandardCharsets.UTF_8));
      byte[] json = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return Documents.MAPPER.readTree(json);
    } catch (GeneralSecurityException | IllegalArgumentException | IOException e) {
      return null;
    }
  }

  private static SecretKeySpec aes(CognitoPoolSecrets secrets) {
    return new SecretKeySpec(Base64.getDecoder().decode(secrets.refreshKey()), "AES");
  }

  private static PrivateKey key(CognitoPoolSecrets secrets) {
    return PoolKeys.privateKey(secrets);
  }

  private static String unit(CognitoUserPoolClient client, String token) {
    return client.tokenValidityUnits().getOrDefault(token, "");
  }

  static long seconds(int validity, String unit) {
    return switch (unit) {
      case "seconds" -> validity;
      case "hours" -> validity * 3600L;
      case "days" -> validity * 86400L;
      default -> validity * 60L; // minutes
    };
  }
}
