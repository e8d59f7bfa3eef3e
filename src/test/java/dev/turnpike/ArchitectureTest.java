package dev.turnpike;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rules of DESIGN.md section 4.1 ("May use" column), checked on the main classes' bytecode. */
@AnalyzeClasses(packages = "dev.turnpike", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule requestPathNeverTouchesStoreOrControl = noClasses()
      .that().resideInAnyPackage("dev.turnpike.pipeline..", "dev.turnpike.routing..", "dev.turnpike.counters..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.turnpike.store..", "dev.turnpike.control..")
      .because("DESIGN 4.1: pipeline, routing, counters never import store or control");

  @ArchTest
  static final ArchRule authNeverUsesNetty = noClasses()
      .that().resideInAPackage("dev.turnpike.auth..")
      .should().dependOnClassesThat().resideInAPackage("io.netty..")
      .allowEmptyShould(true)
      .because("DESIGN 4.1: auth.* has no Netty, no I/O (vectors run as plain unit tests)");

  @ArchTest
  static final ArchRule nothingImportsCli = noClasses()
      .that().resideOutsideOfPackage("dev.turnpike.cli..")
      .should().dependOnClassesThat().resideInAPackage("dev.turnpike.cli..")
      .because("DESIGN 4.1: nothing imports cli");

  @ArchTest
  static final ArchRule modelUsesJdkOnly = classes()
      .that().resideInAPackage("dev.turnpike.model..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.turnpike.model..", "org.jspecify..")
      .because("DESIGN 4.1: model may use the JDK only (JSpecify annotations aside)");

  @ArchTest
  static final ArchRule snapshotIndependentOfServingAndControl = noClasses()
      .that().resideInAPackage("dev.turnpike.snapshot..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.turnpike.pipeline..", "dev.turnpike.server..",
          "dev.turnpike.control..")
      .because("DESIGN 4.1: snapshot may use everything above it and store (read), not what serves or writes");

  @ArchTest
  static final ArchRule serverIndependentOfControlAndStore = noClasses()
      .that().resideInAPackage("dev.turnpike.server..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.turnpike.control..", "dev.turnpike.store..")
      .because("DESIGN 4.1: server may use pipeline, tls, integration");

  @ArchTest
  static final ArchRule policyEngineIsAPureLibrary = noClasses()
      .that().resideInAPackage("dev.turnpike.auth.iam..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.turnpike.store..", "dev.turnpike.control..",
          "dev.turnpike.snapshot..", "dev.turnpike.pipeline..", "dev.turnpike.server..")
      .because("DESIGN 4.1: auth.iam may use model only (policies are parsed and evaluated without I/O)");

  @ArchTest
  static final ArchRule tlsStaysBelowTheSnapshot = noClasses()
      .that().resideInAPackage("dev.turnpike.tls..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.turnpike.snapshot..", "dev.turnpike.pipeline..",
          "dev.turnpike.server..", "dev.turnpike.control..", "dev.turnpike.doctor..")
      .because("DESIGN 4.1: tls may use model and store; the snapshot and the certificate lifecycle's callers "
          + "hand it what it needs");

  @ArchTest
  static final ArchRule observeUsesModelOnly = noClasses()
      .that().resideInAPackage("dev.turnpike.observe..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.turnpike.snapshot..", "dev.turnpike.tls..",
          "dev.turnpike.store..", "dev.turnpike.control..", "dev.turnpike.pipeline..", "dev.turnpike.server..")
      .because("DESIGN 4.1: observe may use model (metrics get plain records from the composition root)");
}
