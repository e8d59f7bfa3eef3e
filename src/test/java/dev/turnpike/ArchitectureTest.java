package dev.turnpike;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The layering of {@code docs/architecture.md}, checked on the main classes' bytecode. The package
 * table lives only in that file ({@link PackageTable} reads it), so the page and this test cannot
 * disagree: every row becomes an allow-list rule ("classes of this package depend only on these
 * packages and libraries"), every main package must have a row, the rows are in layer order (so the
 * table allows no cycle), and the code has no package cycle.
 */
class ArchitectureTest {
  private static final Path TABLE = Path.of("docs/architecture.md");
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(PackageTable.BASE);
  private static final PackageTable PACKAGES = PackageTable.read(TABLE);

  /** One allow-list rule per row of the table. */
  @TestFactory
  Stream<DynamicTest> everyPackageUsesOnlyWhatItsRowAllows() {
    return PACKAGES.rows().stream()
        .map(
            row ->
                DynamicTest.dynamicTest(
                    row.name() + " may use " + row.mayUse(),
                    () -> {
                      List<String> forbidden = row.forbiddenPatterns();
                      DescribedPredicate<JavaClass> allowed =
                          resideInAnyPackage(row.allowedPatterns().toArray(String[]::new))
                              .and(
                                  forbidden.isEmpty()
                                      ? DescribedPredicate.alwaysTrue()
                                      : not(resideInAnyPackage(forbidden.toArray(String[]::new))))
                              .as(
                                  "reside in "
                                      + row.name()
                                      + " or in what its row's \"May use\" names");
                      classes()
                          .that()
                          .resideInAPackage(PackageTable.BASE + "." + row.name())
                          .should()
                          .onlyDependOnClassesThat(allowed)
                          .because(
                              TABLE
                                  + "'s package table says `"
                                  + row.name()
                                  + "` may use: "
                                  + row.mayUse()
                                  + " (a new dependency is a change to that row)")
                          .check(MAIN);
                    }));
  }

  @Test
  void everyMainPackageHasARowAndEveryRowAPackage() {
    Set<String> packages =
        MAIN.stream()
            .map(JavaClass::getPackageName)
            .filter(p -> p.startsWith(PackageTable.BASE + "."))
            .map(p -> p.substring(PackageTable.BASE.length() + 1))
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> rows =
        PACKAGES.rows().stream()
            .map(PackageTable.Row::name)
            .collect(Collectors.toCollection(TreeSet::new));
    List<String> problems = new ArrayList<>();
    for (String p : packages) {
      if (!rows.contains(p)) {
        problems.add(
            "package "
                + PackageTable.BASE
                + "."
                + p
                + " has no row in "
                + TABLE
                + "'s package table: add one (| `"
                + p
                + "` | what it owns | what it may use |) between the markers");
      }
    }
    for (String r : rows) {
      if (!packages.contains(r)) {
        problems.add(
            TABLE
                + " has a row for `"
                + r
                + "`, but there is no main class in package "
                + PackageTable.BASE
                + "."
                + r
                + ": remove the row or fix its name");
      }
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  /**
   * The rule: no cycle between top-level packages ({@code auth.*}, {@code control.*} … each
   * count as one).
   */
  @Test
  void topLevelPackagesAreFreeOfCycles() {
    slices()
        .matching(PackageTable.BASE + ".(*)..")
        .namingSlices("$1")
        .should()
        .beFreeOfCycles()
        .because(
            "dependencies go only downwards (DESIGN 4.10); a cycle means two packages are one"
                + " concern or one of them needs an interface the other implements")
        .check(MAIN);
  }

  /**
   * Finer than the issue asks: no cycle between any two packages either (e.g. {@code control.iam} ↔
   * {@code control}).
   */
  @Test
  void packagesAreFreeOfCycles() {
    slices()
        .matching(PackageTable.BASE + ".(**)")
        .namingSlices("$1")
        .should()
        .beFreeOfCycles()
        .check(MAIN);
  }

  /**
   * Issue 16: the request path reads time only from an injected {@code counters.Ticker} or {@code
   * java.time.Clock}, so every time-dependent rule (throttles, quotas, timeouts, SigV4's window,
   * latencies) is testable without sleeping. {@code Ticker.system()} is the one place that reads
   * the system's nanoseconds.
   */
  @Test
  void requestPathReadsTimeOnlyFromInjectedSources() {
    noClasses()
        .that()
        .resideInAnyPackage(
            PackageTable.BASE + ".pipeline..",
            PackageTable.BASE + ".integration..",
            PackageTable.BASE + ".routing..",
            PackageTable.BASE + ".counters..",
            PackageTable.BASE + ".observe..",
            PackageTable.BASE + ".auth..",
            PackageTable.BASE + ".template..")
        .and()
        .doNotHaveFullyQualifiedName(PackageTable.BASE + ".counters.Ticker")
        .should()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(LocalDate.class, "now")
        .orShould()
        .callMethod(LocalDateTime.class, "now")
        .orShould()
        .callMethod(ZonedDateTime.class, "now")
        .because("time on the request path comes from an injected Ticker or Clock (issue 16)")
        .check(MAIN);
  }

  /**
   * The table lists packages in layer order, so it cannot allow a cycle the code would then be free
   * to build.
   */
  @Test
  void tableIsInLayerOrder() {
    List<String> problems = PACKAGES.layerOrderProblems();
    assertTrue(
        problems.isEmpty(), () -> TABLE + "'s package table:\n" + String.join("\n", problems));
  }
}
