package dev.turnpike.control.sts;

import dev.turnpike.control.Accounts;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.Ids;
import dev.turnpike.model.IamRole;
import dev.turnpike.model.StsSession;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Issues a role's temporary credentials ({@code ASIA…} key, secret, session token) and stores them
 * where SigV4 verification finds them: the one place a role session is made, for {@code AssumeRole}
 * and for Lambda's execution role alike. Runs on the control thread (it commits).
 */
final class RoleSessions {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RoleSessions() {}

  /** A new session of {@code role} (of {@code account}) lasting {@code durationSeconds}. */
  static StsSession issue(
      ControlContext ctx, String account, IamRole role, String sessionName, long durationSeconds) {
    long now = ctx.nowSeconds();
    StsSession s =
        new StsSession(
            Ids.accessKeyId("ASIA"),
            Ids.secretAccessKey(),
            sessionToken(),
            account,
            role.roleName(),
            role.roleId(),
            sessionName,
            now,
            now + durationSeconds);
    List<Write> writes = new ArrayList<>();
    writes.add(
        Write.create(
            DocumentKey.of(Accounts.GLOBAL, Kinds.STS_SESSION, s.accessKeyId()),
            Documents.write(s)));
    // Sessions expired for over a day are no longer answered "expired" (IamIndexCompiler): drop
    // them.
    for (var old : ctx.store().list(Accounts.GLOBAL, Kinds.STS_SESSION, "")) {
      if (Documents.read(old, StsSession.class).expiration() + 86_400 < now) {
        writes.add(Write.delete(old.key()));
      }
    }
    ctx.commit(writes);
    return s;
  }

  private static String sessionToken() {
    byte[] b = new byte[144];
    RANDOM.nextBytes(b);
    return "IQoJb3JpZ2luX2VjE" + Base64.getEncoder().encodeToString(b);
  }
}
