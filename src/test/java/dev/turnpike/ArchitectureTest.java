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
  static final ArchRule knowledgeBaseIsPlainJava = classes()
      .that().resideInAPackage("dev.turnpike.kb")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.turnpike.kb", "org.jspecify..")
      .because("kb (articles and search) is used by the CLI and the web pages alike: JDK only");

  @ArchTest
  static final ArchRule kbWebRendersOnly = classes()
      .that().resideInAPackage("dev.turnpike.kb.web..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.turnpike.kb..",
          "org.commonmark..", "com.fasterxml.jackson..", "org.jspecify..")
      .because("kb.web renders HTML; the composition root adapts it to the admin listener (no Netty, no store)");

  @ArchTest
  static final ArchRule serverDoesNotKnowWhatPagesItServes = noClasses()
      .that().resideInAPackage("dev.turnpike.server..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.turnpike.kb..", "dev.turnpike.doctor..")
      .because("the admin listener serves pages through AdminPages, supplied by the composition root");

  @ArchTest
  static final ArchRule customDomainRulesServeBothApiVersions = noClasses()
      .that().resideInAPackage("dev.turnpike.control.domain..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.turnpike.control.apigateway..",
          "dev.turnpike.control.apigatewayv2..")
      .because("control.domain is the one home of the custom-domain rules that apigateway v1 and v2 both apply");

  @ArchTest
  static final ArchRule apiVersionsShareOnlyControlDomain = noClasses()
      .that().resideInAPackage("dev.turnpike.control.apigatewayv2..")
      .should().dependOnClassesThat().resideInAPackage("dev.turnpike.control.apigateway")
      .because("v1 and v2 share custom domains through control.domain, not through each other");

  @ArchTest
  static final ArchRule v1DoesNotKnowV2 = noClasses()
      .that().resideInAPackage("dev.turnpike.control.apigateway")
      .should().dependOnClassesThat().resideInAPackage("dev.turnpike.control.apigatewayv2..")
      .because("the runtime joins the two route tables; v1 code does not depend on v2");

  @ArchTest
  static final ArchRule dnsLookupsOnlyInDoctor = noClasses()
      .that().resideOutsideOfPackage("dev.turnpike.doctor..")
      .should().dependOnClassesThat().resideInAPackage("org.xbill.DNS..")
      .because("doctor domain's DNS lookups block: they belong to the CLI-side checks, never to the request path");

  @ArchTest
  static final ArchRule doctorNeverServesNorWrites = noClasses()
      .that().resideInAPackage("dev.turnpike.doctor..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.turnpike.server..", "dev.turnpike.pipeline..",
          "dev.turnpike.control..", "dev.turnpike.store..")
      .because("doctor reads the snapshot or what the CLI fetched; it neither serves requests nor writes config");

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
