package dev.turnpike.integration;

import dev.turnpike.snapshot.CompiledIntegration;
import dev.turnpike.template.CompiledTemplate;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the request template and applies the passthrough behavior (spec 6.8): the template for
 * the request's Content-Type (missing → application/json), else {@code $default}; with no match,
 * {@code WHEN_NO_MATCH} passes the body through, {@code WHEN_NO_TEMPLATES} passes only when no
 * template exists, {@code NEVER} refuses with 415.
 */
final class RequestTemplates {
  private RequestTemplates() {}

  /** The outcome: a template to render, a passthrough, or an unsupported media type. */
  record Choice(@Nullable CompiledTemplate template, boolean unsupportedMediaType) {
    static final Choice PASSTHROUGH = new Choice(null, false);
    static final Choice UNSUPPORTED = new Choice(null, true);
  }

  static Choice choose(CompiledIntegration in, @Nullable String contentType) {
    Map<String, CompiledTemplate> templates = in.requestTemplates();
    String type = mediaType(contentType);
    CompiledTemplate t = templates.get(type);
    if (t == null) {
      t = templates.get("$default");
    }
    if (t != null) {
      return new Choice(t, false);
    }
    return switch (in.passthroughBehavior()) {
      case "NEVER" -> Choice.UNSUPPORTED;
      case "WHEN_NO_TEMPLATES" -> templates.isEmpty() ? Choice.PASSTHROUGH : Choice.UNSUPPORTED;
      default -> Choice.PASSTHROUGH;
    };
  }

  static String mediaType(@Nullable String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return "application/json";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
