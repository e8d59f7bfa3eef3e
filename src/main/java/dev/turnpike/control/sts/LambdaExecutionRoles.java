package dev.turnpike.control.sts;

import dev.turnpike.control.ControlContext;
import dev.turnpike.lambda.ExecutionRoles;
import dev.turnpike.lambda.FunctionConfig;
import dev.turnpike.model.IamRole;
import dev.turnpike.model.LambdaFunction;
import dev.turnpike.model.StsSession;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Lambda's execution-role credentials from Turnpike's own STS: each new instance gets a session of
 * the function's role named after the function ({@code
 * arn:aws:sts::{account}:assumed-role/{role}/{function}}), as Lambda does, valid 12 hours and
 * shared by the function's instances while it has an hour left. The session is issued on the
 * control thread (it is a store write) and is in the served snapshot before the instance starts, so
 * the function can sign calls to Turnpike with it at once.
 */
public final class LambdaExecutionRoles implements ExecutionRoles {
  /** Lambda's execution-role sessions last as long as an execution environment may. */
  static final long SESSION_SECONDS = 12 * 3600;

  private final ControlContext ctx;
  private final ExecutorService control;
  private final Consumer<String> log;

  /**
   * Sessions by account, function and role, reused by later instances while they have an hour left:
   * a cold start then costs no store write. Touched on the control thread only.
   */
  private final Map<String, StsSession> issued = new HashMap<>();

  /**
   * @param control the control plane's thread, the only writer of the store
   * @param log where a refusal is reported (the function then starts without credentials)
   */
  public LambdaExecutionRoles(ControlContext ctx, ExecutorService control, Consumer<String> log) {
    this.ctx = ctx;
    this.control = control;
    this.log = log;
  }

  @Override
  public FunctionConfig.@Nullable Credentials credentials(FunctionConfig function) {
    String account = accountOf(function.arn());
    try {
      StsSession s =
          CompletableFuture.supplyAsync(() -> issue(account, function.name()), control)
              .get(10, TimeUnit.SECONDS);
      return s == null
          ? null
          : new FunctionConfig.Credentials(s.accessKeyId(), s.secretAccessKey(), s.sessionToken());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      log.accept(
          "lambda: no execution-role credentials for " + function.name() + ": " + e.getMessage());
      return null;
    }
  }

  private @Nullable StsSession issue(String account, String functionName) {
    LambdaFunction f =
        ctx.store()
            .get(DocumentKey.of(account, Kinds.LAMBDA_FUNCTION, functionName))
            .map(d -> Documents.read(d, LambdaFunction.class))
            .orElse(null);
    if (f == null) {
      return null;
    }
    String roleName = f.role().substring(f.role().lastIndexOf('/') + 1);
    IamRole role =
        ctx.store()
            .get(DocumentKey.of(account, Kinds.IAM_ROLE, roleName))
            .map(d -> Documents.read(d, IamRole.class))
            .orElse(null);
    if (role == null) {
      log.accept(
          "lambda: "
              + functionName
              + "'s execution role "
              + f.role()
              + " is gone; the function starts without credentials");
      return null;
    }
    String key = account + "/" + functionName + "/" + f.role();
    StsSession reused = issued.get(key);
    if (reused != null && reused.expiration() - ctx.nowSeconds() > 3600) {
      return reused;
    }
    StsSession s = RoleSessions.issue(ctx, account, role, functionName, SESSION_SECONDS);
    issued.put(key, s);
    return s;
  }

  /** {@code arn:aws:lambda:{region}:{account}:function:…}: the account. */
  private static String accountOf(String functionArn) {
    String[] p = functionArn.split(":", 6);
    return p.length > 4 ? p[4] : "";
  }
}
