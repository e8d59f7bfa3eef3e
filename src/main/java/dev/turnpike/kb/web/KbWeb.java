package dev.turnpike.kb.web;

import dev.turnpike.kb.Article;
import dev.turnpike.kb.KnowledgeBase;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Routes {@code /_turnpike/kb…} to its page. Access rule: the articles are public documentation (no
 * authentication); live checks reveal configuration, so only loopback clients get them (the admin
 * listener binds loopback by default; bound elsewhere, remote clients still read the articles but
 * get 403 on checks).
 */
public final class KbWeb {
  public static final String ROOT = Layout.ROOT;
  private static final int MAX_QUERY_CHARS = 200;
  private static final String CACHE_ARTICLES = "public, max-age=300";
  private static final String CACHE_NONE = "no-store";

  private final KnowledgeBase kb;
  private final LiveChecks checks;
  private final ArticlePages pages;

  public KbWeb(KnowledgeBase kb, LiveChecks checks) {
    this.kb = kb;
    this.checks = checks;
    this.pages = new ArticlePages(kb, checks);
  }

  /**
   * Whether this path belongs to the KB pages (everything else on the admin listener is the control
   * plane).
   */
  public static boolean serves(String rawPath) {
    return rawPath.equals(ROOT) || rawPath.startsWith(ROOT + "/");
  }

  /** Renders one request; never throws (bad input is an HTML error page). */
  public HtmlResponse handle(
      String method, String rawPath, String rawQuery, boolean loopbackClient) {
    try {
      return route(method, rawPath, rawQuery, loopbackClient);
    } catch (RuntimeException e) {
      // A bug must cost one page, not the connection; the detail stays out of the page.
      System.err.println("turnpike: knowledge-base page " + rawPath + " failed: " + e);
      return HtmlResponse.of(
          500, CACHE_NONE, error("Internal error", "This page could not be rendered."));
    }
  }

  private HtmlResponse route(
      String method, String rawPath, String rawQuery, boolean loopbackClient) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return HtmlResponse.of(405, CACHE_NONE, error("Method not allowed", "Use GET."))
          .withHeader("Allow", "GET, HEAD");
    }
    Map<String, String> query;
    try {
      query = parseQuery(rawQuery);
    } catch (IllegalArgumentException e) {
      return HtmlResponse.of(
          400, CACHE_NONE, error("Bad request", "The query string is not valid URL encoding."));
    }
    String rest = rawPath.length() <= ROOT.length() ? "" : rawPath.substring(ROOT.length() + 1);
    if (rest.isEmpty()) {
      String q = query.getOrDefault("q", "").trim();
      if (q.isEmpty()) {
        return HtmlResponse.of(200, CACHE_ARTICLES, pages.index());
      }
      q = q.length() > MAX_QUERY_CHARS ? q.substring(0, MAX_QUERY_CHARS) : q;
      return HtmlResponse.of(200, CACHE_ARTICLES, pages.search(q));
    }
    String[] parts = rest.split("/", -1);
    if (parts.length == 1) {
      String html = pages.article(parts[0]);
      return html == null ? notFound(rest) : HtmlResponse.of(200, CACHE_ARTICLES, html);
    }
    if (parts.length == 2 && parts[1].equals("check")) {
      return check(parts[0], query, loopbackClient);
    }
    return notFound(rest);
  }

  private HtmlResponse check(String slug, Map<String, String> query, boolean loopbackClient) {
    Article a = kb.get(slug);
    LiveCheck check = a == null ? null : checks.forCommand(a.doctor());
    if (a == null || check == null) {
      return notFound(slug + "/check");
    }
    if (!loopbackClient) {
      return HtmlResponse.of(
          403,
          CACHE_NONE,
          error(
              "Forbidden",
              "Live checks show this server's configuration, so "
                  + "they are served to loopback clients only. Run the check on the Turnpike host: "
                  + a.doctor()));
    }
    // Live configuration: never cached by a browser or a proxy.
    return HtmlResponse.of(200, CACHE_NONE, CheckPage.render(a, check, query));
  }

  private static HtmlResponse notFound(String what) {
    return HtmlResponse.of(404, CACHE_NONE, ArticlePages.notFound(what));
  }

  private static String error(String title, String text) {
    return Layout.page(
        title, "", "<h1>" + Html.escape(title) + "</h1><p>" + Html.escape(text) + "</p>");
  }

  static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(k, v);
    }
    return out;
  }
}
