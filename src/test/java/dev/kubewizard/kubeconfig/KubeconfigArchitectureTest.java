package dev.kubewizard.kubeconfig;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** The kubeconfig core serves the GUI, the command line and tests alike: no JavaFX, no console, no CLI. */
class KubeconfigArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.kubewizard.kubeconfig");

    @Test
    void theCoreKnowsNothingOfJavafxTheCommandLineOrTheUi() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("javafx..", "dev.kubewizard.cli..", "dev.kubewizard.ui..")
                .check(CORE);
    }

    @Test
    void theCoreNeverPrintsToTheConsole() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(CORE);
    }
}
