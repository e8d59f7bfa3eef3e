package dev.turnpike.openapi;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * GetExport's choices (spec 10.1): the format ({@code oas30} or {@code swagger}), the {@code
 * extensions} asked for, and where the stage is served (for {@code host}/{@code servers}).
 */
public record ExportOptions(
    Format format, Set<String> extensions, String region, String stageName, long deployedAt) {

  public ExportOptions {
    extensions = Set.copyOf(extensions);
  }

  /** The two export types and their file-name prefix. */
  public enum Format {
    OAS30("oas30"),
    SWAGGER("swagger");

    public final String exportType;

    Format(String exportType) {
      this.exportType = exportType;
    }

    /** The format an export type names (case-insensitive), or null for any other. */
    public static @Nullable Format parse(String exportType) {
      for (Format f : values()) {
        if (f.exportType.equals(exportType.toLowerCase(Locale.ROOT))) {
          return f;
        }
      }
      return null;
    }
  }

  boolean integrations() {
    return extensions.contains("integrations") || extensions.contains("apigateway");
  }

  boolean authorizers() {
    return extensions.contains("authorizers") || extensions.contains("apigateway");
  }

  boolean apigateway() {
    return extensions.contains("apigateway");
  }
}
