package dev.tasman.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/** The query side's boundaries, as rules that fail the build when broken. */
class ArchitectureTest {

    private final JavaClasses main = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tasman.query");

    /** Tests included: not even a test may reach into the control plane's classes. */
    private final JavaClasses everything = new ClassFileImporter().importPackages("dev.tasman.query");

    @Test
    void nothingOnTheQuerySideDependsOnTheControlPlane() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.tasman.control..")
                .because("the query side reads the event store; it never depends on the command side (decision 0002)")
                .check(everything);
    }

    @Test
    void sharedDependsOnNoFeature() {
        noClasses().that().resideInAPackage("dev.tasman.query.shared..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tasman.query.access..",
                        "dev.tasman.query.projection..", "dev.tasman.query.replay..", "dev.tasman.query.dashboard..",
                        "dev.tasman.query.audit..")
                .check(main);
    }

    @Test
    void replayKnowsReadModelsOnlyByTheirInterface() {
        noClasses().that().resideInAPackage("dev.tasman.query.replay..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tasman.query.dashboard..")
                .check(main);
    }

    @Test
    void controllersAreNotPublicAndNeverTouchTheDatabaseDirectly() {
        classes().that().areAnnotatedWith(RestController.class).should().notBePublic().check(main);
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .check(main);
    }

    @Test
    void noAxonCommandSideMachinery() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.axonframework.commandhandling..",
                "org.axonframework.modelling.command..", "org.axonframework.config..")
                .because("the query side reads events; it sends no commands and holds no aggregates")
                .check(main);
    }

    @Test
    void undertowNotTomcatServesTheApi() throws ClassNotFoundException {
        Class.forName("io.undertow.Undertow");
        try {
            Class.forName("org.apache.catalina.startup.Tomcat");
            throw new AssertionError("Tomcat is on the classpath; the query side runs on Undertow only");
        } catch (ClassNotFoundException expected) {
            // as intended
        }
    }
}
