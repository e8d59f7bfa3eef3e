package dev.turnpike;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The package table of {@code docs/architecture.md} (the Markdown table between {@link #BEGIN} and
 * {@link #END}): {@code | Package | Owns | May use |}, one row per package, in layer order (a row
 * names only rows above it). {@link ArchitectureTest} turns each row into a rule.
 *
 * <p>How a row reads:
 *
 * <ul>
 *   <li>Package: one package in backticks, relative to {@code dev.turnpike}. A row covers exactly
 *       that package; a subpackage has a row of its own (so {@code control.iam} may use {@code
 *       control}, never the reverse).
 *   <li>May use, comma-separated: {@code `x`} is package {@code x} alone, {@code `x.*`} is {@code
 *       x} and all its subpackages, {@code any package} is every Turnpike package; any other word
 *       is a library from {@link #LIBRARIES}; {@code —} is nothing. Text in parentheses is a remark
 *       for readers and is ignored.
 *   <li>Every package may use the JDK ({@code java.*}, {@code javax.*}) except JDBC, and JSpecify's
 *       annotations; the column names only what goes beyond that.
 * </ul>
 */
final class PackageTable {
  static final String BASE = "dev.turnpike";
  static final String BEGIN = "<!-- package-table:begin (ArchitectureTest reads this table) -->";
  static final String END = "<!-- package-table:end -->";

  /** What every package may use without naming it. */
  private static final List<String> IMPLICIT = List.of("java..", "javax..", "org.jspecify..");

  /**
   * Libraries a "May use" cell can name, and the packages each one means. Keep it small and
   * explicit.
   */
  private static final Map<String, List<String>> LIBRARIES = libraries();

  /** JDK parts that {@link #IMPLICIT} would admit but that only a row naming them may use. */
  private static final List<String> RESTRICTED = List.of("JDBC");

  private final List<Row> rows;

  private PackageTable(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  private static Map<String, List<String>> libraries() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("JDBC", List.of("java.sql..", "javax.sql.."));
    m.put("Jackson", List.of("com.fasterxml.jackson.."));
    m.put("Netty", List.of("io.netty.."));
    m.put(
        "Netty SSL",
        List.of("io.netty.handler.ssl..", "io.netty.internal.tcnative..", "io.netty.util.."));
    m.put("BouncyCastle", List.of("org.bouncycastle.."));
    m.put("Velocity", List.of("org.apache.velocity.."));
    m.put("Micrometer", List.of("io.micrometer.."));
    m.put("Caffeine", List.of("com.github.benmanes.caffeine.."));
    m.put("networknt JSON Schema", List.of("com.networknt.schema.."));
    m.put("CommonMark", List.of("org.commonmark.."));
    m.put("dnsjava", List.of("org.xbill.DNS.."));
    m.put("picocli", List.of("picocli.."));
    m.put("PostgreSQL JDBC", List.of("org.postgresql.."));
    m.put("Lettuce", List.of("io.lettuce.."));
    m.put("SnakeYAML", List.of("org.yaml.snakeyaml.."));
    m.put("Nimbus JOSE+JWT", List.of("com.nimbusds.."));
    return m;
  }

  List<Row> rows() {
    return rows;
  }

  static PackageTable read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          file + " (the package table; tests run from the project root)", e);
    }
    int begin = lines.indexOf(BEGIN);
    int end = lines.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException(
          file + ": no package table between the lines " + BEGIN + " and " + END);
    }
    List<String> table = lines.subList(begin + 1, end).stream().filter(l -> !l.isBlank()).toList();
    if (table.size() < 3
        || !cells(table.get(0)).equals(List.of("Package", "Owns", "May use"))
        || !table.get(1).replaceAll("[|\\-: ]", "").isEmpty()) {
      throw new IllegalStateException(
          file
              + ": the package table must start with | Package | Owns | May use | and "
              + "its |---|---|---| line");
    }
    List<String[]> raw = new ArrayList<>();
    for (String line : table.subList(2, table.size())) {
      List<String> c = cells(line);
      if (c.size() != 3 || !c.get(0).matches("`[a-z0-9]+(\\.[a-z0-9]+)*`")) {
        throw new IllegalStateException(
            file
                + ": a package table row needs three cells, the first one package in "
                + "backticks (escape a | inside a cell as \\|): "
                + line);
      }
      raw.add(new String[] {c.get(0).substring(1, c.get(0).length() - 1), c.get(2)});
    }
    Set<String> names = new TreeSet<>();
    raw.forEach(
        r -> {
          if (!names.add(r[0])) {
            throw new IllegalStateException(file + ": two rows for package `" + r[0] + "`");
          }
        });
    List<Row> rows = new ArrayList<>();
    for (String[] r : raw) {
      rows.add(Row.parse(r[0], r[1], names, file));
    }
    return new PackageTable(rows);
  }

  /**
   * Rows that name a package listed below them (empty when the table is in layer order). A table in
   * layer order cannot allow a cycle: every grant points up.
   */
  List<String> layerOrderProblems() {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      if (r.anyPackage) {
        continue;
      }
      for (Row below : rows.subList(i, rows.size())) {
        if (below != r && r.mayUsePackage(below.name)) {
          problems.add(
              "row `"
                  + r.name
                  + "` may use `"
                  + below.name
                  + "`, which is listed below it: move `"
                  + below.name
                  + "` above `"
                  + r.name
                  + "` (if `"
                  + below.name
                  + "` also uses `"
                  + r.name
                  + "`, the two form a cycle: give one of them an interface the other implements)");
        }
      }
    }
    return problems;
  }

  /** The cells of a table line, split at each | that is not escaped as \|. */
  private static List<String> cells(String line) {
    String t = line.trim();
    if (!t.startsWith("|") || !t.endsWith("|") || t.endsWith("\\|")) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    for (int i = 1; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '\\' && i + 1 < t.length() && t.charAt(i + 1) == '|') {
        cell.append('|');
        i++;
      } else if (c == '|') {
        out.add(cell.toString().trim());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    return out;
  }

  /** One row: a package and what its "May use" cell grants. */
  record Row(
      String name,
      String mayUse,
      List<String> packages,
      List<String> libraries,
      boolean anyPackage) {
    static Row parse(String name, String cell, Set<String> rowNames, Path file) {
      List<String> packages = new ArrayList<>();
      List<String> libraries = new ArrayList<>();
      boolean any = false;
      for (String token : withoutRemarks(cell).split(",")) {
        String t = token.trim();
        if (t.isEmpty() || t.equals("—") || t.equals("-")) {
          continue;
        }
        if (t.equals("any package")) {
          any = true;
        } else if (t.matches("`[a-z0-9]+(\\.[a-z0-9]+)*(\\.\\*)?`")) {
          String p = t.substring(1, t.length() - 1);
          String base = p.endsWith(".*") ? p.substring(0, p.length() - 2) : p;
          boolean known =
              p.endsWith(".*")
                  ? rowNames.stream().anyMatch(n -> n.equals(base) || n.startsWith(base + "."))
                  : rowNames.contains(p);
          if (!known) {
            throw new IllegalStateException(
                file + ": row `" + name + "` may use `" + p + "`, which has no row");
          }
          packages.add(p);
        } else if (LIBRARIES.containsKey(t)) {
          libraries.add(t);
        } else {
          throw new IllegalStateException(
              file
                  + ": row `"
                  + name
                  + "` names \""
                  + t
                  + "\", which is neither a "
                  + "package in backticks nor a library ArchitectureTest knows "
                  + LIBRARIES.keySet()
                  + ": add it to "
                  + "PackageTable.LIBRARIES with its package prefixes");
        }
      }
      String shown = cell.trim().isEmpty() ? "—" : cell.trim();
      return new Row(name, shown, List.copyOf(packages), List.copyOf(libraries), any);
    }

    /** Package patterns (ArchUnit syntax) the row's classes may depend on. */
    List<String> allowedPatterns() {
      List<String> out = new ArrayList<>(IMPLICIT);
      out.add(BASE + "." + name);
      if (anyPackage) {
        out.add(BASE + "..");
      }
      for (String p : packages) {
        out.add(
            p.endsWith(".*") ? BASE + "." + p.substring(0, p.length() - 2) + ".." : BASE + "." + p);
      }
      libraries.forEach(l -> out.addAll(LIBRARIES.get(l)));
      return out;
    }

    /** Package patterns the row may not use although {@link #IMPLICIT} would admit them. */
    List<String> forbiddenPatterns() {
      return RESTRICTED.stream()
          .filter(l -> !libraries.contains(l))
          .flatMap(l -> LIBRARIES.get(l).stream())
          .toList();
    }

    boolean mayUsePackage(String other) {
      return anyPackage
          || packages.stream()
              .anyMatch(
                  p ->
                      p.endsWith(".*")
                          ? other.equals(p.substring(0, p.length() - 2))
                              || other.startsWith(p.substring(0, p.length() - 1))
                          : other.equals(p));
    }

    private static String withoutRemarks(String s) {
      StringBuilder b = new StringBuilder();
      int depth = 0;
      for (char c : s.toCharArray()) {
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth = Math.max(0, depth - 1);
        } else if (depth == 0) {
          b.append(c);
        }
      }
      return b.toString();
    }
  }
}
