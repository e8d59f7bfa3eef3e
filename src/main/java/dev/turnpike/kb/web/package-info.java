/**
 * The knowledge base as server-rendered HTML on the admin listener ({@code /_turnpike/kb}): index,
 * search, article pages and the live checks. Pages work without JavaScript and load nothing
 * external; every string from an article, a query or a report is escaped, and Markdown is rendered
 * with raw HTML escaped.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it). Not Netty, not {@code server}, not {@code doctor}: the composition
 * root hands in the doctor checks as {@link dev.turnpike.kb.web.LiveCheck}s and adapts {@link
 * dev.turnpike.kb.web.KbWeb} to the admin listener.
 */
@NullMarked
package dev.turnpike.kb.web;

import org.jspecify.annotations.NullMarked;
