package dev.turnpike.control.iam;

import dev.turnpike.control.ApiCall;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One IAM Query-protocol call: the authenticated API call, its form parameters and the caller's
 * account.
 */
record IamCall(ApiCall api, Map<String, String> params, String account) {
  String required(String name) {
    String v = params.get(name);
    if (v == null || v.isEmpty()) {
      throw QueryProtocol.validation(
          "1 validation error detected: Value null at '"
              + IamService.lowerFirst(name)
              + "' failed to satisfy constraint: Member must not be null");
    }
    return v;
  }

  @Nullable String optional(String name) {
    return IamAccess.nullIfBlank(params.get(name));
  }
}
