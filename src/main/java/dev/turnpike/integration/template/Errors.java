package dev.turnpike.integration.template;

import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.exception.TemplateInitException;
import org.jspecify.annotations.Nullable;

/** Turns Velocity's exceptions into {@link TemplateException}s with one-line, actionable text. */
final class Errors {

  private Errors() {}

  static TemplateException syntax(String name, ParseErrorException e) {
    String where = e.getLineNumber() > 0
        ? " line " + e.getLineNumber() + ", column " + e.getColumnNumber()
        : "";
    return new TemplateException(
        "template '" + name + "'" + where + ": invalid VTL: " + firstLine(e.getMessage()), e);
  }

  static TemplateException rendering(String name, RuntimeException e) {
    if (e instanceof MethodInvocationException m) {
      Throwable cause = m.getCause() != null ? m.getCause() : m;
      return new TemplateException(
          "template '" + name + "' line " + m.getLineNumber() + ", column " + m.getColumnNumber()
              + ": " + m.getReferenceName() + "." + m.getMethodName() + " failed: "
              + firstLine(cause.getMessage()),
          e);
    }
    if (e instanceof TemplateInitException t) {
      return new TemplateException(
          "template '" + name + "' line " + t.getLineNumber() + ", column " + t.getColumnNumber()
              + ": " + firstLine(t.getMessage()),
          e);
    }
    return new TemplateException("template '" + name + "': " + firstLine(e.getMessage()), e);
  }

  static String firstLine(@Nullable String message) {
    if (message == null || message.isBlank()) {
      return "(no message)";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
