package dev.turnpike.kb.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A doctor report (JSON tree) as HTML: the overall level, the findings with fix and article, then
 * the data.
 */
final class ReportView {
  private ReportView() {}

  static String render(JsonNode report) {
    StringBuilder b = new StringBuilder();
    String level = level(report.path("level").asText("FAIL"));
    b.append("<div class=\"box\" id=\"report\"><p>Result: <span class=\"level ")
        .append(level)
        .append("\" id=\"level\">")
        .append(level)
        .append(
            "</span></p><table><thead><tr><th"
                + " class=\"lv\">Level</th><th>Finding</th></tr></thead><tbody>");
    for (JsonNode f : report.path("findings")) {
      String l = level(f.path("level").asText("FAIL"));
      b.append("<tr class=\"finding\"><td class=\"level ")
          .append(l)
          .append("\">")
          .append(l)
          .append("</td><td>")
          .append(Html.escape(f.path("message").asText("")));
      if (f.hasNonNull("fix")) {
        b.append("<br><span class=\"meta\">Fix: ")
            .append(Html.escape(f.path("fix").asText()))
            .append("</span>");
      }
      if (f.hasNonNull("article")) {
        String slug = f.path("article").asText();
        b.append("<br><a href=\"")
            .append(Layout.ROOT)
            .append('/')
            .append(Html.urlComponent(slug))
            .append("\">Read: ")
            .append(Html.escape(slug))
            .append("</a>");
      }
      b.append("</td></tr>");
    }
    b.append("</tbody></table></div><h2>Details</h2><table class=\"details\">");
    for (Iterator<Map.Entry<String, JsonNode>> it = report.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("findings")
          || e.getKey().equals("level")
          || e.getKey().equals("exitCode")) {
        continue;
      }
      JsonNode v = e.getValue();
      b.append("<tr><th>").append(Html.escape(e.getKey())).append("</th><td>");
      if (v.isContainerNode()) {
        b.append("<pre><code>").append(Html.escape(v.toPrettyString())).append("</code></pre>");
      } else {
        b.append(Html.escape(v.isNull() ? "—" : v.asText()));
      }
      b.append("</td></tr>");
    }
    return b.append("</table>").toString();
  }

  /**
   * Only the three known levels become CSS classes; anything else is shown as FAIL rather than
   * echoed.
   */
  private static String level(String l) {
    return l.equals("OK") || l.equals("WARN") ? l : "FAIL";
  }
}
