package dev.turnpike.kb;

import java.util.ArrayList;
import java.util.List;

/** One knowledge-base article: its front matter and Markdown body. */
public record Article(
    String slug,
    String title,
    String category,
    List<String> symptoms,
    List<String> errors,
    String lastUpdated,
    String doctor,
    String body) {

  public Article {
    symptoms = List.copyOf(symptoms);
    errors = List.copyOf(errors);
  }

  /**
   * Parses {@code ---}-delimited front matter ({@code key: value}, lists as {@code - item} lines
   * under the key) followed by the body.
   */
  public static Article parse(String slug, String text) {
    String t = text.replace("\r\n", "\n");
    if (!t.startsWith("---\n")) {
      throw new IllegalArgumentException(slug + ": no front matter");
    }
    int end = t.indexOf("\n---\n", 4);
    if (end < 0) {
      throw new IllegalArgumentException(slug + ": unterminated front matter");
    }
    String title = "";
    String category = "";
    String updated = "";
    String doctor = "";
    List<String> symptoms = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    String listKey = null;
    for (String line : t.substring(4, end).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String trimmed = line.trim();
      if (trimmed.startsWith("- ") && listKey != null) {
        String item = unquote(trimmed.substring(2).trim());
        (listKey.equals("symptoms") ? symptoms : errors).add(item);
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(slug + ": bad front-matter line: " + line);
      }
      String key = line.substring(0, colon).trim();
      String value = unquote(line.substring(colon + 1).trim());
      listKey = null;
      switch (key) {
        case "title" -> title = value;
        case "category" -> category = value;
        case "last_updated" -> updated = value;
        case "doctor" -> doctor = value;
        case "symptoms", "errors" -> listKey = key;
        default -> {}
      }
    }
    if (title.isEmpty() || category.isEmpty() || updated.isEmpty()) {
      throw new IllegalArgumentException(slug + ": title, category and last_updated are required");
    }
    return new Article(
        slug, title, category, symptoms, errors, updated, doctor, t.substring(end + 5));
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1).replace("\\\"", "\"");
    }
    return v;
  }
}
