package dev.turnpike.template;

import java.util.regex.Pattern;
import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.exception.TemplateInitException;
import org.jspecify.annotations.Nullable;

/** Turns Velocity's exceptions into {@link TemplateException}s with one-line, actionable text. */
final class Errors {

  // Velocity appends " at name[line 1, column 2]"; our messages already start with the position.
  private static final Pattern LOCATION_SUFFIX =
      Pattern.compile(" at [^\\[]*\\[line \\d+, column \\d+\\]$");

  private Errors() {}

  static TemplateException syntax(String name, ParseErrorException e) {
    String what = firstLine(e.getMessage());
    if (what.contains("<EOF>")) {
      what += " (is an #end missing?)";
    }
    return new TemplateException(
        where(name, e.getLineNumber(), e.getColumnNumber()) + "invalid VTL: " + what, e);
  }

  static TemplateException rendering(String name, RuntimeException e) {
    if (e instanceof MethodInvocationException m) {
      Throwable cause = m.getCause() != null ? m.getCause() : m;
      String method = "$" + m.getReferenceName() + "." + m.getMethodName();
      return new TemplateException(
          where(name, m.getLineNumber(), m.getColumnNumber())
              + method
              + " failed: "
              + firstLine(cause.getMessage()),
          e);
    }
    if (e instanceof TemplateInitException t) {
      return new TemplateException(
          where(name, t.getLineNumber(), t.getColumnNumber()) + firstLine(t.getMessage()), e);
    }
    return new TemplateException(where(name, 0, 0) + firstLine(e.getMessage()), e);
  }

  /** {@code template 'name' line 2, column 9: }, without the position when it is unknown. */
  private static String where(String name, int line, int column) {
    return "template '"
        + name
        + "'"
        + (line > 0 ? " line " + line + ", column " + column : "")
        + ": ";
  }

  static String firstLine(@Nullable String message) {
    if (message == null || message.isBlank()) {
      return "(no message)";
    }
    int newline = message.indexOf('\n');
    String line = (newline < 0 ? message : message.substring(0, newline)).strip();
    return LOCATION_SUFFIX.matcher(line).replaceFirst("");
  }
}
