package dev.turnpike.validation;

import dev.turnpike.model.Method;
import dev.turnpike.model.RequestValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Compiles each method's {@link MethodValidation} while a deployment compiles. */
public final class ValidationCompiler {
  private final Map<String, RequestValidator> validators = new HashMap<>();
  private final ApiModels models;

  public ValidationCompiler(List<RequestValidator> validators, ApiModels models) {
    for (RequestValidator v : validators) {
      this.validators.put(v.id(), v);
    }
    this.models = models;
  }

  /**
   * The method's validation, null when it has none to do: no validator, a validator that checks
   * nothing, or one that checks only what the method does not declare (no required parameter, no
   * body model).
   */
  public @Nullable MethodValidation compile(Method m) {
    String id = m.requestValidatorId();
    RequestValidator v = id == null ? null : validators.get(id);
    if (v == null || !(v.validateRequestBody() || v.validateRequestParameters())) {
      return null;
    }
    List<RequiredParameter> required = new ArrayList<>();
    if (v.validateRequestParameters() && m.requestParameters() != null) {
      for (Map.Entry<String, Boolean> e : m.requestParameters().entrySet()) {
        RequiredParameter p =
            Boolean.TRUE.equals(e.getValue()) ? RequiredParameter.parse(e.getKey()) : null;
        if (p != null) {
          required.add(p);
        }
      }
    }
    Map<String, BodySchema> bodies = new HashMap<>();
    if (v.validateRequestBody() && m.requestModels() != null) {
      for (Map.Entry<String, String> e : m.requestModels().entrySet()) {
        BodySchema b = models.body(e.getValue());
        if (b != null) {
          String type = e.getKey().trim().toLowerCase(Locale.ROOT);
          bodies.put(type, b.forContentType(e.getKey()));
        }
      }
    }
    if (required.isEmpty() && bodies.isEmpty()) {
      return null;
    }
    return new MethodValidation(required, !bodies.isEmpty(), bodies);
  }
}
