package dev.turnpike.kb.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A doctor check the KB pages can run live: the {@code turnpike doctor} subcommand it is, its
 * options as form fields, and the code that produces the report (the same {@code doctor.Doctor}
 * call the CLI's admin request reaches, so the page and the CLI never disagree). The report is the
 * doctor JSON: {@code level} and {@code findings} (level, message, fix, article) plus the data
 * behind them.
 */
public record LiveCheck(
    String subcommand, List<Field> fields, Function<Map<String, String>, ObjectNode> run) {

  public LiveCheck {
    fields = List.copyOf(fields);
  }

  /**
   * One CLI option ({@code --name}) as a form field; a blank optional field is left out of the CLI
   * line.
   */
  public record Field(String name, String help, boolean required, String defaultValue) {
    public static Field required(String name, String help) {
      return new Field(name, help, true, "");
    }

    public static Field optional(String name, String help, String defaultValue) {
      return new Field(name, help, false, defaultValue);
    }
  }

  /** The exact CLI line for these arguments, shell-quoted where a value needs it. */
  String cliLine(Map<String, String> args) {
    StringBuilder b = new StringBuilder("turnpike doctor ").append(subcommand);
    for (Field f : fields) {
      String v = args.getOrDefault(f.name(), "");
      if (!v.isEmpty()) {
        b.append(" --").append(f.name()).append(' ').append(shellQuote(v));
      } else if (f.required()) {
        b.append(" --").append(f.name()).append(' ').append(f.name().toUpperCase(Locale.ROOT));
      }
    }
    return b.toString();
  }

  static String shellQuote(String v) {
    return v.matches("[A-Za-z0-9_./:@=,+-]+") ? v : "'" + v.replace("'", "'\\''") + "'";
  }
}
