package dev.turnpike.control.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.lambda.LambdaInvoker;
import dev.turnpike.model.LambdaFunction;
import dev.turnpike.store.Document;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.List;
import java.util.UUID;

/**
 * PutFunctionConcurrency, GetFunctionConcurrency, DeleteFunctionConcurrency and GetAccountSettings.
 * A function's reserved concurrency is the most instances it runs at once (0 stops it: every invoke
 * is throttled); reservations may not leave the account fewer than 100 unreserved executions of its
 * 1,000, AWS's defaults. A change retires the warm instances, so the next invoke runs under the new
 * limit.
 */
final class ConcurrencyOperations {
  /** AWS's default account concurrency and the floor of what must stay unreserved. */
  static final int ACCOUNT_LIMIT = 1000;

  static final int MINIMUM_UNRESERVED = 100;

  private final ControlContext ctx;
  private final StoredFunctions functions;
  private final LambdaInvoker invoker;

  ConcurrencyOperations(ControlContext ctx, StoredFunctions functions, LambdaInvoker invoker) {
    this.ctx = ctx;
    this.functions = functions;
    this.invoker = invoker;
  }

  ControlResponse put(ApiCall call) {
    LambdaFunction f = functions.require(call);
    JsonNode v = call.body().get("ReservedConcurrentExecutions");
    if (v == null || v.isNull()) {
      throw LambdaInputs.validation(
          "1 validation error detected: Value null at 'reservedConcurrentExecutions' failed to"
              + " satisfy constraint: Member must not be null");
    }
    int reserved = v.asInt(-1);
    if (!v.canConvertToInt() || reserved < 0) {
      throw LambdaInputs.validation(
          "1 validation error detected: Value '"
              + v.asText()
              + "' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must"
              + " have value greater than or equal to 0");
    }
    int otherReservations = reservedByOthers(call.accountId(), f.functionName());
    if (ACCOUNT_LIMIT - otherReservations - reserved < MINIMUM_UNRESERVED) {
      throw LambdaInputs.invalidParameter(
          "Specified ReservedConcurrentExecutions for function decreases account's"
              + " UnreservedConcurrentExecution below its minimum value of ["
              + MINIMUM_UNRESERVED
              + "].");
    }
    commit(call, f.withReservedConcurrency(reserved, UUID.randomUUID().toString()));
    return ControlResponse.json(200, body(reserved).toString());
  }

  ControlResponse get(ApiCall call) {
    LambdaFunction f = functions.require(call);
    Integer reserved = f.reservedConcurrentExecutions();
    return ControlResponse.json(200, reserved == null ? "{}" : body(reserved).toString());
  }

  ControlResponse delete(ApiCall call) {
    LambdaFunction f = functions.require(call);
    commit(call, f.withReservedConcurrency(null, UUID.randomUUID().toString()));
    return ControlResponse.empty(204);
  }

  /** GetAccountSettings: the account's limits and usage, as Lambda reports them. */
  ControlResponse accountSettings(ApiCall call) {
    int reserved = reservedByOthers(call.accountId(), "");
    long codeSize = 0;
    int count = 0;
    for (Document d : ctx.store().list(call.accountId(), Kinds.LAMBDA_FUNCTION, "")) {
      codeSize += Documents.read(d, LambdaFunction.class).codeSize();
      count++;
    }
    ObjectNode out = Documents.MAPPER.createObjectNode();
    ObjectNode limit = out.putObject("AccountLimit");
    limit.put("TotalCodeSize", 80_530_636_800L);
    limit.put("CodeSizeUnzipped", 262_144_000L);
    limit.put("CodeSizeZipped", 52_428_800L);
    limit.put("ConcurrentExecutions", ACCOUNT_LIMIT);
    limit.put("UnreservedConcurrentExecutions", ACCOUNT_LIMIT - reserved);
    ObjectNode usage = out.putObject("AccountUsage");
    usage.put("TotalCodeSize", codeSize);
    usage.put("FunctionCount", count);
    return ControlResponse.json(200, out.toString());
  }

  private int reservedByOthers(String account, String except) {
    int sum = 0;
    for (Document d : ctx.store().list(account, Kinds.LAMBDA_FUNCTION, "")) {
      LambdaFunction other = Documents.read(d, LambdaFunction.class);
      if (!other.functionName().equals(except) && other.reservedConcurrentExecutions() != null) {
        sum += other.reservedConcurrentExecutions();
      }
    }
    return sum;
  }

  private void commit(ApiCall call, LambdaFunction updated) {
    ctx.commit(
        List.of(
            Write.put(
                StoredFunctions.key(call.accountId(), updated.functionName()),
                Documents.write(updated))));
    invoker.retire(updated.functionName());
  }

  private static ObjectNode body(int reserved) {
    ObjectNode out = Documents.MAPPER.createObjectNode();
    out.put("ReservedConcurrentExecutions", reserved);
    return out;
  }
}
