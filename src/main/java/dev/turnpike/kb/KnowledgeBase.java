package dev.turnpike.kb;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The articles of {@code docs/kb/} (packaged in the jar under {@code kb/}, listed by {@code
 * kb/INDEX}) and a small BM25 search over them. Fields are weighted by repeating their terms: title
 * ×3, symptoms and error strings ×2, body ×1. A query term that is not in the vocabulary (a typo)
 * is expanded to the vocabulary terms within edit distance 1 (insert, delete, substitute, swap), at
 * a reduced weight, so "certficate expired" finds the article about expired certificates.
 */
public final class KnowledgeBase {
  private static final double K1 = 1.2;
  private static final double B = 0.75;
  private static final double FUZZY_WEIGHT = 0.7;

  private final List<Article> articles;
  private final List<Map<String, Integer>> termFrequencies = new ArrayList<>();
  private final int[] lengths;
  private final Map<String, Integer> documentFrequency = new HashMap<>();
  private final double averageLength;

  public record Hit(Article article, double score) {}

  public KnowledgeBase(List<Article> articles) {
    this.articles = List.copyOf(articles);
    this.lengths = new int[articles.size()];
    long total = 0;
    for (int i = 0; i < articles.size(); i++) {
      Article a = articles.get(i);
      Map<String, Integer> tf = new HashMap<>();
      int len = 0;
      len += addTerms(tf, a.title(), 3);
      len += addTerms(tf, String.join(" ", a.symptoms()), 2);
      len += addTerms(tf, String.join(" ", a.errors()), 2);
      len += addTerms(tf, a.category(), 1);
      len += addTerms(tf, a.body(), 1);
      termFrequencies.add(tf);
      lengths[i] = len;
      total += len;
      tf.keySet().forEach(term -> documentFrequency.merge(term, 1, Integer::sum));
    }
    this.averageLength = articles.isEmpty() ? 1 : (double) total / articles.size();
  }

  /** The articles packaged in the jar (or on the test class path). */
  public static KnowledgeBase fromClasspath() {
    ClassLoader cl = KnowledgeBase.class.getClassLoader();
    String index = read(cl, "kb/INDEX");
    if (index == null) {
      throw new IllegalStateException("kb/INDEX is not on the class path");
    }
    List<Article> list = new ArrayList<>();
    for (String line : index.split("\n")) {
      String slug = line.trim();
      if (slug.isEmpty() || slug.startsWith("#")) {
        continue;
      }
      String text = read(cl, "kb/" + slug + ".md");
      if (text == null) {
        throw new IllegalStateException("kb/" + slug + ".md is listed in kb/INDEX but missing");
      }
      list.add(Article.parse(slug, text));
    }
    return new KnowledgeBase(list);
  }

  private static @Nullable String read(ClassLoader cl, String name) {
    try (InputStream in = cl.getResourceAsStream(name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Article> articles() {
    return articles;
  }

  public @Nullable Article get(String slug) {
    for (Article a : articles) {
      if (a.slug().equals(slug)) {
        return a;
      }
    }
    return null;
  }

  /**
   * Articles ranked by BM25, best first; only those matching at least one (possibly corrected)
   * term.
   */
  public List<Hit> search(String query) {
    Map<String, Double> weighted = new LinkedHashMap<>();
    for (String term : tokens(query)) {
      if (documentFrequency.containsKey(term)) {
        weighted.merge(term, 1.0, Double::sum);
      } else if (term.length() >= 4) {
        for (String near : documentFrequency.keySet()) {
          if (withinOneEdit(term, near)) {
            weighted.merge(near, FUZZY_WEIGHT, Double::sum);
          }
        }
      }
    }
    List<Hit> hits = new ArrayList<>();
    int n = articles.size();
    for (int i = 0; i < n; i++) {
      double score = 0;
      Map<String, Integer> tf = termFrequencies.get(i);
      for (Map.Entry<String, Double> q : weighted.entrySet()) {
        Integer f = tf.get(q.getKey());
        if (f == null) {
          continue;
        }
        int df = requireNonNull(documentFrequency.get(q.getKey()), "df");
        double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score +=
            q.getValue()
                * idf
                * (f * (K1 + 1))
                / (f + K1 * (1 - B + B * lengths[i] / averageLength));
      }
      if (score > 0) {
        hits.add(new Hit(articles.get(i), score));
      }
    }
    hits.sort(Comparator.comparingDouble(Hit::score).reversed());
    return hits;
  }

  /**
   * Up to {@code limit} other articles most like this one: the search ranking for its title and
   * symptoms, so "related" means what a reader of this article would also have found.
   */
  public List<Article> related(Article article, int limit) {
    List<Article> out = new ArrayList<>();
    for (Hit h : search(article.title() + " " + String.join(" ", article.symptoms()))) {
      if (!h.article().slug().equals(article.slug()) && out.size() < limit) {
        out.add(h.article());
      }
    }
    return out;
  }

  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    String lower = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i <= lower.length(); i++) {
      char c = i < lower.length() ? lower.charAt(i) : ' ';
      if (Character.isLetterOrDigit(c)) {
        b.append(c);
      } else if (b.length() > 0) {
        if (b.length() > 1) {
          out.add(b.toString());
        }
        b.setLength(0);
      }
    }
    return out;
  }

  private static int addTerms(Map<String, Integer> tf, String text, int weight) {
    List<String> t = tokens(text);
    for (String term : t) {
      tf.merge(term, weight, Integer::sum);
    }
    return t.size() * weight;
  }

  /** Damerau–Levenshtein distance ≤ 1 (one insertion, deletion, substitution or adjacent swap). */
  static boolean withinOneEdit(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    int la = a.length();
    int lb = b.length();
    if (Math.abs(la - lb) > 1) {
      return false;
    }
    int i = 0;
    while (i < Math.min(la, lb) && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (la == lb) {
      if (a.substring(i + 1).equals(b.substring(i + 1))) {
        return true; // substitution
      }
      return i + 1 < la
          && a.charAt(i) == b.charAt(i + 1)
          && a.charAt(i + 1) == b.charAt(i)
          && a.substring(i + 2).equals(b.substring(i + 2)); // swap
    }
    return la < lb
        ? a.substring(i).equals(b.substring(i + 1))
        : a.substring(i + 1).equals(b.substring(i));
  }
}
