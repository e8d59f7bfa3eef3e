package dev.turnpike.kb.web;

import dev.turnpike.kb.Article;
import dev.turnpike.kb.KnowledgeBase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The public pages: the index by category, search results, one article. The index and article pages
 * are rendered once at start (the articles ship in the jar and never change while the server runs),
 * so serving one is a lookup.
 */
final class ArticlePages {
  private static final int MAX_RESULTS = 20;
  private static final int RELATED = 4;

  private final KnowledgeBase kb;
  private final LiveChecks checks;
  private final Map<String, String> bodies = new LinkedHashMap<>();
  private final Map<String, String> pages = new LinkedHashMap<>();
  private final String index;

  ArticlePages(KnowledgeBase kb, LiveChecks checks) {
    this.kb = kb;
    this.checks = checks;
    MarkdownRenderer markdown = new MarkdownRenderer();
    for (Article a : kb.articles()) {
      bodies.put(a.slug(), markdown.render(a.body()));
    }
    for (Article a : kb.articles()) {
      pages.put(a.slug(), renderArticle(a));
    }
    this.index = renderIndex();
  }

  String index() {
    return index;
  }

  private String renderIndex() {
    Map<String, List<Article>> byCategory = new TreeMap<>();
    for (Article a : kb.articles()) {
      byCategory.computeIfAbsent(a.category(), c -> new ArrayList<>()).add(a);
    }
    StringBuilder b =
        new StringBuilder("<h1>Knowledge base</h1><p class=\"meta\">")
            .append(kb.articles().size())
            .append(
                " troubleshooting articles. Search by symptom or paste an error message."
                    + " The same articles: <code>turnpike kb list</code>.</p>");
    for (Map.Entry<String, List<Article>> e : byCategory.entrySet()) {
      b.append("<section class=\"category\"><h2 id=\"cat-")
          .append(Html.escape(e.getKey()))
          .append("\">")
          .append(Html.escape(e.getKey()))
          .append("</h2><ul>");
      e.getValue().stream()
          .sorted(Comparator.comparing(Article::title))
          .forEach(a -> b.append("<li>").append(link(a)).append("</li>"));
      b.append("</ul></section>");
    }
    return Layout.page("Knowledge base", "", b.toString());
  }

  /** Ranked results, best first (the same search as {@code turnpike kb search}). */
  String search(String query) {
    List<KnowledgeBase.Hit> hits = kb.search(query);
    StringBuilder b = new StringBuilder("<h1>Search</h1><p class=\"meta\" id=\"summary\">");
    if (hits.isEmpty()) {
      b.append("No article matches <strong>")
          .append(Html.escape(query))
          .append("</strong>. Try other words, or " + "<a href=\"")
          .append(Layout.ROOT)
          .append("\">browse the categories</a>.</p>");
      return Layout.page("Search", query, b.toString());
    }
    b.append(hits.size())
        .append(hits.size() == 1 ? " article" : " articles")
        .append(" for <strong>")
        .append(Html.escape(query))
        .append("</strong>, best first.</p><ol class=\"hits\" id=\"results\">");
    for (KnowledgeBase.Hit h : hits.subList(0, Math.min(MAX_RESULTS, hits.size()))) {
      Article a = h.article();
      b.append("<li class=\"hit\">")
          .append(link(a))
          .append(" <span class=\"cat\">")
          .append(Html.escape(a.category()))
          .append("</span> <span class=\"score\">")
          .append(String.format(Locale.ROOT, "%.2f", h.score()))
          .append("</span>");
      if (!a.symptoms().isEmpty()) {
        b.append("<br><span class=\"meta\">")
            .append(Html.escape(a.symptoms().get(0)))
            .append("</span>");
      }
      b.append("</li>");
    }
    return Layout.page("Search: " + query, query, b.append("</ol>").toString());
  }

  /** The article page, or null when no article has this slug. */
  @Nullable String article(String slug) {
    return pages.get(slug);
  }

  private String renderArticle(Article a) {
    StringBuilder b =
        new StringBuilder("<article><p class=\"cat\">")
            .append(Html.escape(a.category()))
            .append("</p><h1 id=\"title\">")
            .append(Html.escape(a.title()))
            .append("</h1><p class=\"meta\" id=\"updated\">" + "Last updated ")
            .append(Html.escape(a.lastUpdated()))
            .append("</p>");
    if (!a.symptoms().isEmpty()) {
      b.append("<h2>Symptoms</h2><ul id=\"symptoms\">");
      a.symptoms().forEach(s -> b.append("<li>").append(Html.escape(s)).append("</li>"));
      b.append("</ul>");
    }
    if (!a.errors().isEmpty()) {
      b.append("<h2>Exact error strings</h2><ul id=\"errors\">");
      a.errors().forEach(s -> b.append("<li><code>").append(Html.escape(s)).append("</code></li>"));
      b.append("</ul>");
    }
    b.append(checkBox(a))
        .append("<div class=\"body\">")
        .append(bodies.get(a.slug()))
        .append("</div>");
    List<Article> related = kb.related(a, RELATED);
    if (!related.isEmpty()) {
      b.append("<h2>Related articles</h2><ul id=\"related\">");
      related.forEach(r -> b.append("<li>").append(link(r)).append("</li>"));
      b.append("</ul>");
    }
    return Layout.page(a.title(), "", b.append("</article>").toString());
  }

  /**
   * The related doctor command as the exact CLI line, and a link to run it live when this server
   * can.
   */
  private String checkBox(Article a) {
    if (a.doctor().isEmpty()) {
      return "";
    }
    StringBuilder b =
        new StringBuilder(
                "<div class=\"box\" id=\"check\"><strong>Confirm it</strong><pre><code id=\"cli\">")
            .append(Html.escape(a.doctor()))
            .append("</code></pre>");
    LiveCheck check = checks.forCommand(a.doctor());
    if (check != null) {
      b.append("<a id=\"live-check\" href=\"")
          .append(Layout.ROOT)
          .append('/')
          .append(Html.urlComponent(a.slug()))
          .append(
              "/check\">Run this check live on this Turnpike</a> <span class=\"meta\">(loopback"
                  + " clients only)</span>");
    } else {
      b.append(
          "<span class=\"meta\">Run it where Turnpike runs; this page cannot run it live.</span>");
    }
    return b.append("</div>").toString();
  }

  private static String link(Article a) {
    return "<a href=\""
        + Layout.ROOT
        + "/"
        + Html.urlComponent(a.slug())
        + "\">"
        + Html.escape(a.title())
        + "</a>";
  }

  static String notFound(String what) {
    return Layout.page(
        "Not found",
        "",
        "<h1>Not found</h1><p>There is no knowledge-base page <code>"
            + Html.escape(what)
            + "</code>. <a href=\""
            + Layout.ROOT
            + "\">Browse the categories</a> or search above.</p>");
  }
}
