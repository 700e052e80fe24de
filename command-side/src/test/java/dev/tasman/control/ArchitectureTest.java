package dev.tasman.control;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/** The control plane's shape, as rules that fail the build when broken. */
class ArchitectureTest {

    private final JavaClasses control = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tasman.control");

    @Test
    void aggregatesSpeakOnlyTheDomainNotTheWebOrTheDatabase() {
        noClasses().that().areAnnotatedWith(Aggregate.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                        "org.springframework.jdbc..", "jakarta.servlet..", "java.sql..")
                .check(control);
    }

    @Test
    void aggregatesAreNotPublic() {
        classes().that().areAnnotatedWith(Aggregate.class).should().notBePublic().check(control);
    }

    @Test
    void controllersAreNotPublicAndNeverTouchTheDatabaseDirectly() {
        classes().that().areAnnotatedWith(RestController.class).should().notBePublic().check(control);
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .check(control);
    }

    @Test
    void sharedDependsOnNoFeature() {
        noClasses().that().resideInAPackage("dev.tasman.control.shared..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tasman.control.project..",
                        "dev.tasman.control.deployment..", "dev.tasman.control.edge..",
                        "dev.tasman.control.access..", "dev.tasman.control.secrets..", "dev.tasman.control.source..")
                .check(control);
    }

    @Test
    void undertowNotTomcatServesTheApi() {
        try {
            Class.forName("org.apache.catalina.startup.Tomcat");
            throw new AssertionError("Tomcat is on the classpath; the control plane runs on Undertow only");
        } catch (ClassNotFoundException expected) {
            // as intended
        }
        try {
            Class.forName("io.undertow.Undertow");
        } catch (ClassNotFoundException e) {
            throw new AssertionError("Undertow is missing from the classpath", e);
        }
    }
}
