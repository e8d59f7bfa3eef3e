package dev.turnpike.kb.web;

/**
 * The page shell every KB page shares: title, inline CSS (no external assets), the search box, a
 * footer.
 */
final class Layout {
  static final String ROOT = "/_turnpike/kb";

  private static final String CSS =
      """
      body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d232b;background:#f6f7f9}
      header{background:#232f3e;color:#fff;padding:.6em 1.2em;display:flex;gap:1.5em;align-items:center;flex-wrap:wrap}
      header a{color:#fff;text-decoration:none;font-weight:600}
      header form{display:flex;gap:.4em;flex:1;max-width:36em}
      input[type=search],input[type=text]{flex:1;padding:.35em .5em;border:1px solid #8a96a3;border-radius:4px;font:inherit}
      button{padding:.35em .9em;border:0;border-radius:4px;background:#ec7211;color:#fff;font:inherit;cursor:pointer}
      main{max-width:52em;margin:1.2em auto;padding:0 1.2em 2em;background:#fff;border-radius:6px;box-shadow:0 1px 3px #0002}
      main>:first-child{padding-top:.8em;margin-top:0}
      h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.4em;border-bottom:1px solid #e3e6ea}
      a{color:#0b63bd}code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;background:#f0f2f4;border-radius:3px}
      code{padding:.05em .3em;overflow-wrap:anywhere}pre{padding:.6em .8em;white-space:pre-wrap;overflow-wrap:anywhere}
      pre code{padding:0}
      .meta{color:#56616d;font-size:.9em}.cat{text-transform:uppercase;letter-spacing:.05em;font-size:.8em;color:#56616d}
      ul.hits li{margin:.4em 0}.score{color:#8a96a3;font-size:.85em}
      .box{border:1px solid #d5dbe1;border-radius:6px;padding:.6em 1em;margin:1em 0;background:#fafbfc}
      .OK{color:#1d7a33}.WARN{color:#9a5b00}.FAIL{color:#b0201c}.level{font-weight:700}
      table{border-collapse:collapse;width:100%;table-layout:fixed}th.lv{width:4.5em}table.details th{width:9em}td,th{border-bottom:1px solid #e3e6ea;padding:.3em .4em;text-align:left;vertical-align:top}
      label{display:block;margin:.4em 0 .1em;font-weight:600}form.check input{width:100%;box-sizing:border-box}
      footer{text-align:center;color:#8a96a3;font-size:.8em;padding-bottom:1em}
      """;

  private Layout() {}

  /**
   * A full document; {@code title} and {@code query} are escaped here, {@code content} is already
   * HTML.
   */
  static String page(String title, String query, String content) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + "<title>"
        + Html.escape(title)
        + " · Turnpike knowledge base</title><style>"
        + CSS
        + "</style></head>"
        + "<body><header><a href=\""
        + ROOT
        + "\">Turnpike knowledge base</a>"
        + "<form method=\"get\" action=\""
        + ROOT
        + "\" role=\"search\">"
        + "<input type=\"search\" name=\"q\" id=\"q\" aria-label=\"Search the knowledge base\" "
        + "placeholder=\"Search symptoms or error messages\" value=\""
        + Html.escape(query)
        + "\">"
        + "<button type=\"submit\" id=\"search\">Search</button></form></header>"
        + "<main>"
        + content
        + "</main><footer>Served by this Turnpike's admin listener · no scripts, no external"
        + " assets</footer></body></html>\n";
  }
}
