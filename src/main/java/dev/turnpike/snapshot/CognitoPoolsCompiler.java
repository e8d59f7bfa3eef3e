package dev.turnpike.snapshot;

import dev.turnpike.auth.jwt.JwtKeys;
import dev.turnpike.model.CognitoUserPool;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles the stored user pools into {@link CognitoPools}. A pool's key is decoded once and reused
 * while the pool is unchanged; when no pool changed, the previous {@link CognitoPools} is returned
 * as is. Runs on the snapshot thread only.
 */
final class CognitoPoolsCompiler {
  private Map<String, CognitoPools.Pool> previous = Map.of();
  private CognitoPools last = CognitoPools.EMPTY;

  synchronized CognitoPools compile(ConfigStore store, Map<String, String> problems) {
    Map<String, CognitoPools.Pool> now = new HashMap<>();
    for (Document d : store.listKind(Kinds.COGNITO_USER_POOL)) {
      try {
        CognitoUserPool pool = Documents.read(d, CognitoUserPool.class);
        String identity = pool.arn() + " " + pool.signingKeyId() + " " + pool.publicKey();
        CognitoPools.Pool known = previous.get(identity);
        now.put(
            identity,
            known != null
                ? known
                : new CognitoPools.Pool(
                    pool.arn(),
                    pool.id(),
                    d.key().accountId(),
                    pool.issuer(),
                    JwtKeys.of(Map.of(pool.signingKeyId(), publicKey(pool.publicKey())))));
      } catch (RuntimeException | GeneralSecurityException e) {
        problems.put("user pool " + d.key().id(), "unreadable signing key: " + e.getMessage());
      }
    }
    if (!now.keySet().equals(previous.keySet())) {
      List<CognitoPools.Pool> pools = new ArrayList<>(now.values());
      pools.sort((a, b) -> a.arn().compareTo(b.arn()));
      last = new CognitoPools(pools);
      previous = Map.copyOf(now);
    }
    return last;
  }

  private static RSAPublicKey publicKey(String base64) throws GeneralSecurityException {
    return (RSAPublicKey)
        KeyFactory.getInstance("RSA")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
