package dev.turnpike.oidc;

import dev.turnpike.oidc.JwtOutcome.Reason;
import dev.turnpike.oidc.JwtOutcome.Refused;
import java.util.List;

/**
 * The refusals of an HTTP API JWT authorizer, as AWS words them: 401 {@code
 * {"message":"Unauthorized"}} (26 bytes) with {@code www-authenticate: Bearer scope="{the route's
 * scopes}" error="invalid_token" error_description="..."}, and for a token without the route's
 * scopes 403 {@code {"message":"Forbidden"}} with {@code error="insufficient_scope"}.
 *
 * <p>Sources: "token contains an invalid number of segments" [REC, two captures], "the token does
 * not have a valid audience" [DOC http-api-troubleshooting-jwt.html], "the token has expired" with
 * the route's scope in {@code scope="..."} [REC 2020 capture], bare {@code Bearer} without a token
 * [REC weak, project notes]. Every other {@code error_description}, the 403 for missing scopes and
 * the 401 when the issuer's keys cannot be fetched are Turnpike's wording [UNCONF].
 */
final class JwtRefusals {
  static final String UNAUTHORIZED = "{\"message\":\"Unauthorized\"}";
  static final String FORBIDDEN = "{\"message\":\"Forbidden\"}";

  private JwtRefusals() {}

  static Refused noToken(String detail) {
    return new Refused(401, UNAUTHORIZED, "Bearer", Reason.NO_TOKEN, detail);
  }

  static Refused invalid(Reason reason, List<String> routeScopes, String detail) {
    return new Refused(
        401,
        UNAUTHORIZED,
        "Bearer scope=\""
            + String.join(" ", routeScopes)
            + "\" error=\"invalid_token\" error_description=\""
            + description(reason)
            + "\"",
        reason,
        detail);
  }

  static Refused insufficientScope(List<String> routeScopes, String detail) {
    return new Refused(
        403,
        FORBIDDEN,
        "Bearer scope=\""
            + String.join(" ", routeScopes)
            + "\" error=\"insufficient_scope\" error_description=\"the token does not have the"
            + " required scopes\"",
        Reason.INSUFFICIENT_SCOPE,
        detail);
  }

  static String description(Reason reason) {
    return switch (reason) {
      case MALFORMED -> "token contains an invalid number of segments";
      case UNREADABLE -> "the token could not be decoded";
      case KEYS_UNAVAILABLE -> "the signing keys of the issuer could not be retrieved";
      case UNSUPPORTED_ALGORITHM -> "the token is not signed with a supported algorithm";
      case UNKNOWN_KEY -> "the token's kid does not match a key of the issuer";
      case BAD_SIGNATURE -> "the token's signature is invalid";
      case WRONG_ISSUER -> "the token does not have a valid issuer";
      case WRONG_AUDIENCE -> "the token does not have a valid audience";
      case NO_EXPIRY -> "the token does not have an expiration time";
      case EXPIRED -> "the token has expired";
      case NOT_YET_VALID -> "the token is not valid yet";
      case ISSUED_IN_FUTURE -> "the token was issued in the future";
      case NO_TOKEN, INSUFFICIENT_SCOPE -> "";
    };
  }
}
