package dev.turnpike.oidc;

/**
 * Why an issuer's keys could not be had: the URL and what failed ({@code GET
 * https://issuer/.well-known/openid-configuration: HTTP 404}, {@code ...: timed out}, {@code the
 * discovery document has no jwks_uri}). Never carries a token.
 */
public final class OidcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OidcException(String message) {
    super(message);
  }

  public OidcException(String message, Throwable cause) {
    super(message, cause);
  }
}
