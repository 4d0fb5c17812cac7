package dev.kubewizard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The core serves the GUI, the command line and the tests alike, so it must not know that a screen exists. */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.kubewizard");
    }

    @Test
    void theCoreImportsNoJavaFx() {
        noClasses().that().resideOutsideOfPackage("dev.kubewizard.ui..")
                .and().doNotHaveFullyQualifiedName("dev.kubewizard.Main")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(production);
    }

    @Test
    void theCoreDoesNotDependOnTheUiOrTheCommandLine() {
        noClasses().that().resideInAnyPackage("dev.kubewizard.plan..", "dev.kubewizard.recipe..",
                        "dev.kubewizard.kubeconfig..", "dev.kubewizard.text..", "dev.kubewizard.ssh..",
                        "dev.kubewizard.run..", "dev.kubewizard.diagnosis..", "dev.kubewizard.sim..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kubewizard.ui..", "dev.kubewizard.cli..")
                .check(production);
    }

    @Test
    void thePlanKnowsNothingOfWhatIsBuiltFromIt() {
        noClasses().that().resideInAPackage("dev.kubewizard.plan..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kubewizard.recipe..",
                        "dev.kubewizard.kubeconfig..", "dev.kubewizard.ssh..", "dev.kubewizard.run..")
                .check(production);
    }

    @Test
    void onlyTheCommandLinePrintsToTheConsole() {
        noClasses().that().resideOutsideOfPackage("dev.kubewizard.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(production);
    }
}
