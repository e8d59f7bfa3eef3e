package dev.turnpike.snapshot;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A parameter-mapping source expression, parsed once per deployment (it was parsed per request):
 * {@code 'literal'}, {@code method.request.header|querystring|multivaluequerystring|path.x}, {@code
 * stageVariables.x}, {@code context.a.b}, {@code integration.response.header.x} (integration
 * responses only). An expression of any other form resolves to nothing, and its mapping is skipped,
 * as AWS's invoke does for sources it has no value for.
 *
 * @param kind where the value comes from
 * @param name the literal's text, or the header, query, path or stage variable name
 * @param contextPath for {@link Kind#CONTEXT}, the dotted path split once ({@code
 *     identity.sourceIp} → two parts)
 */
public record ParameterSource(Kind kind, String name, List<String> contextPath) {
  private static final String HEADER = "method.request.header.";
  private static final String QUERY = "method.request.querystring.";
  private static final String MULTI_VALUE_QUERY = "method.request.multivaluequerystring.";
  private static final String PATH = "method.request.path.";
  private static final String STAGE_VARIABLE = "stageVariables.";
  private static final String CONTEXT = "context.";
  private static final String INTEGRATION_RESPONSE_HEADER = "integration.response.header.";

  /** Where a source's value is read from. */
  public enum Kind {
    LITERAL,
    HEADER,
    QUERY,
    MULTI_VALUE_QUERY,
    PATH,
    STAGE_VARIABLE,
    CONTEXT,
    INTEGRATION_RESPONSE_HEADER,
    UNSUPPORTED
  }

  public ParameterSource {
    requireNonNull(kind, "kind");
    requireNonNull(name, "name");
    contextPath = List.copyOf(contextPath);
  }

  /** Parses one source expression; never fails (an unknown form is {@link Kind#UNSUPPORTED}). */
  public static ParameterSource parse(String expression) {
    requireNonNull(expression, "expression");
    if (expression.length() >= 2 && expression.startsWith("'") && expression.endsWith("'")) {
      return of(Kind.LITERAL, expression.substring(1, expression.length() - 1));
    }
    if (expression.startsWith(HEADER)) {
      return of(Kind.HEADER, expression.substring(HEADER.length()));
    }
    if (expression.startsWith(QUERY)) {
      return of(Kind.QUERY, expression.substring(QUERY.length()));
    }
    if (expression.startsWith(MULTI_VALUE_QUERY)) {
      return of(Kind.MULTI_VALUE_QUERY, expression.substring(MULTI_VALUE_QUERY.length()));
    }
    if (expression.startsWith(PATH)) {
      return of(Kind.PATH, expression.substring(PATH.length()));
    }
    if (expression.startsWith(STAGE_VARIABLE)) {
      return of(Kind.STAGE_VARIABLE, expression.substring(STAGE_VARIABLE.length()));
    }
    if (expression.startsWith(CONTEXT)) {
      String dotted = expression.substring(CONTEXT.length());
      return new ParameterSource(Kind.CONTEXT, dotted, List.of(dotted.split("\\.")));
    }
    if (expression.startsWith(INTEGRATION_RESPONSE_HEADER)) {
      return of(
          Kind.INTEGRATION_RESPONSE_HEADER,
          expression.substring(INTEGRATION_RESPONSE_HEADER.length()));
    }
    return of(Kind.UNSUPPORTED, expression);
  }

  private static ParameterSource of(Kind kind, String name) {
    return new ParameterSource(kind, name, List.of());
  }
}
