package dev.turnpike.model;

/**
 * A user pool's secrets, stored sealed apart from the pool: the RS256 signing key ({@code
 * privateKey}: PKCS#8, base64, named {@code keyId} in tokens) and the AES-256 key that seals the
 * pool's opaque refresh tokens ({@code refreshKey}, base64).
 */
public record CognitoPoolSecrets(String keyId, String privateKey, String refreshKey) {}
