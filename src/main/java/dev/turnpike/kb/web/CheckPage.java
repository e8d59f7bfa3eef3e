package dev.turnpike.kb.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.kb.Article;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /_turnpike/kb/<slug>/check}: a GET form for the check's options, and once submitted (or
 * right away for a check without options) the report rendered as HTML next to the exact CLI line
 * that produces the same report.
 */
final class CheckPage {
  private CheckPage() {}

  static String render(Article article, LiveCheck check, Map<String, String> query) {
    Map<String, String> args = new LinkedHashMap<>();
    for (LiveCheck.Field f : check.fields()) {
      String v = query.getOrDefault(f.name(), f.defaultValue()).trim();
      args.put(f.name(), v);
    }
    boolean submitted = check.fields().isEmpty() || query.containsKey("run");
    String missing =
        check.fields().stream()
            .filter(f -> f.required() && args.getOrDefault(f.name(), "").isEmpty())
            .map(f -> "--" + f.name())
            .reduce((a, b) -> a + ", " + b)
            .orElse("");
    String action = Layout.ROOT + "/" + Html.urlComponent(article.slug()) + "/check";
    StringBuilder b =
        new StringBuilder("<p class=\"cat\">Live check</p><h1 id=\"title\">")
            .append(Html.escape("turnpike doctor " + check.subcommand()))
            .append("</h1><p class=\"meta\">For <a href=\"")
            .append(Layout.ROOT)
            .append('/')
            .append(Html.urlComponent(article.slug()))
            .append("\">")
            .append(Html.escape(article.title()))
            .append(
                "</a>. Runs against this server's live configuration (the "
                    + "snapshot requests are served from); read-only.</p>");
    if (!check.fields().isEmpty()) {
      b.append("<form class=\"check\" method=\"get\" action=\"").append(action).append("\">");
      for (LiveCheck.Field f : check.fields()) {
        b.append("<label for=\"f-")
            .append(f.name())
            .append("\">--")
            .append(f.name())
            .append(f.required() ? "" : " (optional)")
            .append("</label><input type=\"text\" id=\"f-")
            .append(f.name())
            .append("\" name=\"")
            .append(f.name())
            .append("\" value=\"")
            .append(Html.escape(args.getOrDefault(f.name(), "")))
            .append("\" placeholder=\"")
            .append(Html.escape(f.help()))
            .append("\">");
      }
      b.append(
          "<p><button type=\"submit\" name=\"run\" value=\"1\" id=\"run\">Run"
              + " check</button></p></form>");
    }
    b.append("<p>Same check from a shell:</p><pre><code id=\"cli\">")
        .append(Html.escape(check.cliLine(args)))
        .append("</code></pre>");
    if (!submitted) {
      return Layout.page("Live check", "", b.toString());
    }
    if (!missing.isEmpty()) {
      b.append("<div class=\"box FAIL\" id=\"report\">Fill in ")
          .append(Html.escape(missing))
          .append(".</div>");
      return Layout.page("Live check", "", b.toString());
    }
    JsonNode report;
    try {
      report = check.run().apply(args);
    } catch (RuntimeException e) {
      // A check refuses bad input with an exception; show its message, never a stack trace.
      b.append("<div class=\"box FAIL\" id=\"report\">The check could not run: ")
          .append(Html.escape(String.valueOf(e.getMessage())))
          .append("</div>");
      return Layout.page("Live check", "", b.toString());
    }
    return Layout.page("Live check", "", b.append(ReportView.render(report)).toString());
  }
}
