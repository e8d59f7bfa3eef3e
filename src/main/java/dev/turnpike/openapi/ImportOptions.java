package dev.turnpike.openapi;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * ImportRestApi's and PutRestApi's {@code parameters}: how the document's base path becomes
 * resource paths ({@code basepath=ignore|prepend|split}, spec 10.2) and whether {@code
 * x-amazon-apigateway-documentation} is skipped ({@code ignore=documentation}).
 */
public record ImportOptions(BasePathMode basePath, boolean ignoreDocumentation) {

  public static final ImportOptions DEFAULTS = new ImportOptions(BasePathMode.IGNORE, false);

  /** The three base-path modes of spec 10.2. */
  public enum BasePathMode {
    IGNORE,
    PREPEND,
    SPLIT;

    /**
     * The mode a {@code basepath} parameter names (case-insensitive), {@code IGNORE} when absent.
     *
     * @throws OpenApiException for any other value
     */
    public static BasePathMode parse(@Nullable String value) {
      if (value == null || value.isEmpty()) {
        return IGNORE;
      }
      try {
        return valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new OpenApiException(
            "Invalid basepath parameter value: "
                + value
                + ". Must be one of: [ignore, prepend, split]");
      }
    }
  }
}
