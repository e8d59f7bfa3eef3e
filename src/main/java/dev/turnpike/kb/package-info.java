/**
 * The knowledge base: {@link dev.turnpike.kb.Article} (an article's front matter and Markdown body)
 * and {@link dev.turnpike.kb.KnowledgeBase} (the articles listed by the classpath's {@code
 * kb/INDEX}, copied from {@code docs/kb/} by the build; BM25 search with edit-distance-1 expansion;
 * related articles).
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it). The CLI ({@code turnpike kb}) and {@code kb.web} (the HTML pages)
 * both read it, so it knows neither a terminal nor HTML.
 */
@NullMarked
package dev.turnpike.kb;

import org.jspecify.annotations.NullMarked;
