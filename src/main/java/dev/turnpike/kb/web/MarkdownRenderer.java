package dev.turnpike.kb.web;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Article bodies to HTML with CommonMark. Raw HTML in an article (blocks and inline tags) is
 * escaped rather than passed through, and link targets with unsafe schemes ({@code javascript:} and
 * the like) are dropped, so an article can never inject markup or script into the admin origin.
 */
final class MarkdownRenderer {
  private final Parser parser = Parser.builder().build();
  private final HtmlRenderer renderer =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  String render(String markdown) {
    return renderer.render(parser.parse(markdown));
  }
}
