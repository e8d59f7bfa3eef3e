package dev.turnpike.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import java.security.PrivateKey;

/** Signs claims as an RS256 JWT with a {@code kid} header, as a Cognito user pool does. */
public final class JwtSigner {
  private JwtSigner() {}

  /**
   * The compact JWT {@code header.payload.signature}. The header is {@code {"kid":...,"alg":
   * "RS256"}} (Cognito's tokens carry no {@code typ}); the payload is the claims' JSON object as
   * given (the caller writes it, so the claims keep Cognito's order: a map would lose it).
   *
   * @throws IllegalArgumentException when the key cannot sign RS256
   */
  public static String signRs256(PrivateKey key, String kid, String claimsJson) {
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();
    JWSObject jws = new JWSObject(header, new Payload(claimsJson));
    try {
      jws.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalArgumentException("cannot sign RS256: " + e.getMessage(), e);
    }
    return jws.serialize();
  }
}
