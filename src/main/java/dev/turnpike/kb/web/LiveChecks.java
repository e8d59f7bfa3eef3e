package dev.turnpike.kb.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The live checks this server can run, by {@code turnpike doctor} subcommand. */
public final class LiveChecks {
  private static final String PREFIX = "turnpike doctor ";
  private final Map<String, LiveCheck> bySubcommand = new LinkedHashMap<>();

  public LiveChecks(List<LiveCheck> checks) {
    checks.forEach(c -> bySubcommand.put(c.subcommand(), c));
  }

  /**
   * The check an article's {@code doctor:} line names, or null (explain, or a check this server
   * lacks).
   */
  @Nullable LiveCheck forCommand(String doctorLine) {
    if (!doctorLine.startsWith(PREFIX)) {
      return null;
    }
    String rest = doctorLine.substring(PREFIX.length()).trim();
    int space = rest.indexOf(' ');
    return bySubcommand.get(space < 0 ? rest : rest.substring(0, space));
  }
}
