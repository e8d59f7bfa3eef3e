package dev.turnpike.control.apigateway;

import dev.turnpike.control.ApiException;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Stage-variable rules (spec 6.10;
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/aws-api-gateway-stage-variables-reference.html):
 * names {@code [A-Za-z0-9_]+} up to 64 characters, values {@code [A-Za-z0-9-._~:/?#&=,]+} up to
 * 512, at most 100 per stage. The error texts are ours: AWS's exact wording is not recorded.
 */
final class StageVariables {
  static final int MAX_NAME = 64;
  static final int MAX_VALUE = 512;
  static final int MAX_COUNT = 100;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9\\-._~:/?#&=,]+");

  private StageVariables() {}

  static void validate(@Nullable Map<String, String> variables) {
    if (variables == null) {
      return;
    }
    if (variables.size() > MAX_COUNT) {
      throw ApiException.badRequest("A stage can have at most " + MAX_COUNT + " stage variables");
    }
    variables.forEach(StageVariables::validate);
  }

  static void validate(String name, String value) {
    if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
      throw ApiException.badRequest(
          "Stage variable name '"
              + name
              + "' is invalid: it must be 1 to 64 characters of [A-Za-z0-9_]");
    }
    if (value.length() > MAX_VALUE || !VALUE.matcher(value).matches()) {
      throw ApiException.badRequest(
          "Stage variable value '"
              + value
              + "' for '"
              + name
              + "' is invalid: it must be 1 to 512 characters of [A-Za-z0-9-._~:/?#&=,]");
    }
  }
}
