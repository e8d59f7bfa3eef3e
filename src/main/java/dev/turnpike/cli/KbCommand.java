package dev.turnpike.cli;

import dev.turnpike.kb.Article;
import dev.turnpike.kb.KnowledgeBase;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code turnpike kb search <words>} and {@code turnpike kb show <slug>}: the knowledge base
 * packaged in the jar.
 */
@Command(
    name = "kb",
    mixinStandardHelpOptions = true,
    description = "Search and read the knowledge base.",
    subcommands = {KbCommand.Search.class, KbCommand.Show.class, KbCommand.ListArticles.class})
final class KbCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      description = "Ranked full-text search (typo-tolerant).")
  static final class Search implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "WORDS")
    List<String> words;

    @Override
    public Integer call() {
      List<KnowledgeBase.Hit> hits = KnowledgeBase.fromClasspath().search(String.join(" ", words));
      if (hits.isEmpty()) {
        System.err.println("turnpike: no article matches; try other words or: turnpike kb list");
        return 1;
      }
      for (KnowledgeBase.Hit h : hits.subList(0, Math.min(10, hits.size()))) {
        System.out.printf(
            Locale.ROOT, "%-32s %6.2f  %s%n", h.article().slug(), h.score(), h.article().title());
      }
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print one article.")
  static final class Show implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SLUG")
    String slug;

    @Override
    public Integer call() {
      Article a = KnowledgeBase.fromClasspath().get(slug);
      if (a == null) {
        System.err.println("turnpike: no article '" + slug + "'; see: turnpike kb list");
        return 1;
      }
      System.out.println("# " + a.title());
      System.out.println(
          "category: "
              + a.category()
              + "   last updated: "
              + a.lastUpdated()
              + (a.doctor().isEmpty() ? "" : "   check: " + a.doctor()));
      System.out.print(a.body());
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the articles by category.")
  static final class ListArticles implements Callable<Integer> {
    @Override
    public Integer call() {
      KnowledgeBase.fromClasspath().articles().stream()
          .sorted(Comparator.comparing(Article::category).thenComparing(Article::slug))
          .forEach(
              a ->
                  System.out.printf(
                      Locale.ROOT, "%-14s %-32s %s%n", a.category(), a.slug(), a.title()));
      return 0;
    }
  }
}
