package dev.tasman.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** event-schemas is the shared language: it may lean on Axon's annotations and Jackson, nothing else. */
class SchemaBoundariesTest {

    private final JavaClasses schemas = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tasman.api");

    @Test
    void dependsOnlyOnTheJdkAxonAnnotationsAndJackson() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.tasman.api..", "com.fasterxml.jackson..",
                        "org.axonframework.serialization", "org.axonframework.modelling.command")
                .check(schemas);
    }

    @Test
    void hasNoSpring() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..").check(schemas);
    }

    @Test
    void theEdgeWireFormatNeedsNoAxon() {
        noClasses().that().resideInAnyPackage("dev.tasman.api.feed", "dev.tasman.api.manifest", "dev.tasman.api.telemetry")
                .should().dependOnClassesThat().resideInAnyPackage("org.axonframework..").check(schemas);
    }

    @Test
    void messagesAreRecordsOrEnums() {
        schemas.stream()
                .filter(c -> !c.getPackageName().equals("dev.tasman.api"))
                .filter(c -> !c.isInterface()) // the feed's sealed payload type
                .filter(c -> !c.isEquivalentTo(dev.tasman.api.telemetry.LatencyBuckets.class)) // a scale, not a message
                .map(c -> c.reflect())
                .forEach(c -> org.assertj.core.api.Assertions.assertThat(c.isRecord() || c.isEnum())
                        .as("%s is a record or an enum", c.getName()).isTrue());
    }
}
