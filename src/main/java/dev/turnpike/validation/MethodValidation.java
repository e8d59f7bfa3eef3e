package dev.turnpike.validation;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a method's request validator checks, compiled once per deployment: the required parameters
 * (when the validator has {@code validateRequestParameters}) and the body models by content type
 * (when it has {@code validateRequestBody}). A method without a validator has none: the request
 * path's check is then one null test.
 *
 * @param models body models by lower-cased content type, {@code $default} included
 */
public record MethodValidation(
    List<RequiredParameter> required, boolean validateBody, Map<String, BodySchema> models) {
  /** The content type a request without {@code Content-Type} is validated as (spec 6.8). */
  public static final String DEFAULT_CONTENT_TYPE = "application/json";

  private static final String DEFAULT_MODEL_KEY = "$default";

  public MethodValidation {
    required = List.copyOf(required);
    models = Map.copyOf(models);
  }

  /**
   * AWS's message for the required parameters the request lacks ({@code Missing required request
   * parameters: [a, b]}), null when none is missing. The names are gathered in a {@link HashSet}
   * and printed as {@code Set.toString()} prints them: that is the order AWS's answers show, and
   * the only one that reproduces both recordings (spec 7.4 C38 {@code [x-header-param, issuer,
   * qs1]}, and a tutorial's {@code [divisor, dividend]} for two query parameters); neither declared
   * nor sorted order gives both. A name missing in two places is listed once, as a set would.
   */
  public @Nullable String missingParameters(ParameterLookup request) {
    Set<String> missing = null;
    for (RequiredParameter p : required) {
      if (!request.present(p.location(), p.name())) {
        if (missing == null) {
          missing = new HashSet<>();
        }
        missing.add(p.name());
      }
    }
    return missing == null ? null : "Missing required request parameters: " + missing;
  }

  /**
   * The model the body is validated against: the one for the request's {@code Content-Type}
   * (parameters dropped, case ignored; none sent means {@code application/json}), else the {@code
   * $default} one, else null: a content type the method has no model for is not validated (spec
   * 11.2).
   */
  public @Nullable BodySchema modelFor(@Nullable String contentType) {
    if (models.isEmpty()) {
      return null;
    }
    BodySchema m = models.get(mediaType(contentType));
    return m != null ? m : models.get(DEFAULT_MODEL_KEY);
  }

  /** {@code Application/JSON; charset=utf-8} → {@code application/json}. */
  static String mediaType(@Nullable String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return DEFAULT_CONTENT_TYPE;
    }
    int semi = contentType.indexOf(';');
    String type = semi < 0 ? contentType : contentType.substring(0, semi);
    return type.trim().toLowerCase(Locale.ROOT);
  }
}
