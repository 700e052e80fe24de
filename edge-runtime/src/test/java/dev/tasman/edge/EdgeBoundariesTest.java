package dev.tasman.edge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The edge's packages in layers: only the process ({@code EdgeMain}, {@code Edge}) wires serving to
 * syncing, so either side can change (and be tested) without the other; storage and the control-plane
 * client know nothing of the sync that uses them.
 */
class EdgeBoundariesTest {

    private final JavaClasses edge = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.tasman.edge");

    @Test
    void syncingNeverDependsOnServing() {
        noClasses().that().resideInAnyPackage("..edge.sync..", "..edge.feed..", "..edge.control..", "..edge.cache..",
                "..edge.routing..").should().dependOnClassesThat().resideInAPackage("..edge.serve..").check(edge);
    }

    @Test
    void storageAndTheControlPlaneClientNeverDependOnTheSync() {
        noClasses().that().resideInAnyPackage("..edge.cache..", "..edge.control..", "..edge.routing..")
                .should().dependOnClassesThat().resideInAnyPackage("..edge.sync..", "..edge.feed..").check(edge);
    }
}
