package dev.turnpike.template;

import static java.util.Objects.requireNonNull;

import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.app.event.MethodExceptionEventHandler;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.jspecify.annotations.Nullable;

/**
 * A compiled mapping template. Immutable and thread-safe: every rendering gets its own variables.
 *
 * <p>Implementation notes. A template sees {@code $input} ({@link InputVariable}), {@code $util}
 * ({@link UtilVariable}), {@code $stageVariables} and {@code $context}: the caller's context values
 * plus a fresh {@code responseOverride} map ({@code status}, {@code header}) that the template may
 * set and {@link #renderWithOverrides} reads back
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html).
 * A reference that resolves to {@code null} renders as nothing rather than as its source text,
 * which is what API Gateway's renderer does for absent values such as {@code $stageVariables.unset}
 * ([UNCONF] for every reference form). The output is capped at 10 MB, API Gateway's payload limit,
 * so a runaway {@code #foreach} cannot exhaust memory.
 */
public final class CompiledTemplate {

  /** API Gateway's payload limit; a rendering that would exceed it fails. */
  static final int MAX_OUTPUT_CHARS = 10 * 1024 * 1024;

  private static final ReferenceInsertionEventHandler NULL_AS_EMPTY =
      (context, reference, value) -> value == null ? "" : value;

  // With a per-context cartridge, Velocity 2 swallows method exceptions unless a handler rethrows;
  // Velocity then wraps what we throw in a MethodInvocationException carrying the position.
  private static final MethodExceptionEventHandler RETHROW =
      (context, type, method, e, info) -> {
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
      };

  private final String name;
  private final Template template;

  CompiledTemplate(String name, Template template) {
    this.name = name;
    this.template = template;
  }

  /** The name given at compile time. */
  public String name() {
    return name;
  }

  /**
   * Renders the template.
   *
   * @throws TemplateException if evaluation fails (a method throws, the body is not JSON where JSON
   *     is needed, the output is too large); the message names the line and column
   */
  public String render(TemplateInput input) throws TemplateException {
    return renderWithOverrides(input).body();
  }

  /**
   * Renders the template and returns the body with the {@code $context.responseOverride} values it
   * set.
   *
   * @throws TemplateException as {@link #render}, or if {@code responseOverride.status} is not an
   *     HTTP status code
   */
  public RenderResult renderWithOverrides(TemplateInput input) throws TemplateException {
    requireNonNull(input, "input");
    Map<String, @Nullable Object> header = new LinkedHashMap<>();
    Map<String, @Nullable Object> responseOverride = new LinkedHashMap<>();
    responseOverride.put("header", header);
    Map<String, @Nullable Object> context = new LinkedHashMap<>(input.context());
    context.put("responseOverride", responseOverride);

    VelocityContext velocityContext = new VelocityContext();
    velocityContext.put("input", new InputVariable(input));
    velocityContext.put("context", context);
    velocityContext.put("stageVariables", input.stageVariables());
    velocityContext.put("util", UtilVariable.INSTANCE);
    EventCartridge events = new EventCartridge();
    events.addReferenceInsertionEventHandler(NULL_AS_EMPTY);
    events.addMethodExceptionHandler(RETHROW);
    events.attachToContext(velocityContext);

    Writer out = new BoundedWriter(MAX_OUTPUT_CHARS);
    try {
      template.merge(velocityContext, out);
    } catch (RuntimeException e) {
      throw Errors.rendering(name, e);
    }
    return new RenderResult(
        out.toString(), status(responseOverride.get("status")), headers(header));
  }

  @Override
  public String toString() {
    return "CompiledTemplate(" + name + ")";
  }

  private OptionalInt status(@Nullable Object value) throws TemplateException {
    if (value == null || value.toString().isBlank()) {
      return OptionalInt.empty();
    }
    try {
      int status =
          value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().strip());
      if (status >= 100 && status <= 599) {
        return OptionalInt.of(status);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new TemplateException(
        "template '"
            + name
            + "': $context.responseOverride.status: '"
            + value
            + "' (expected: an HTTP status code 100-599)");
  }

  private static Map<String, String> headers(Map<String, @Nullable Object> set) {
    Map<String, String> headers = new LinkedHashMap<>();
    set.forEach(
        (headerName, value) -> {
          if (value != null) {
            headers.put(headerName, value.toString());
          }
        });
    return headers;
  }
}
