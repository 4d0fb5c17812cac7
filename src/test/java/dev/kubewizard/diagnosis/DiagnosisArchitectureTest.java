package dev.kubewizard.diagnosis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The diagnosis is pure: output text in, findings out. It reads no files and knows no screen, SSH or run. */
class DiagnosisArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.kubewizard");
    }

    @Test
    void theDiagnosisUsesOnlyTheLanguageTheRecipeAndTheTexts() {
        classes().that().resideInAPackage("dev.kubewizard.diagnosis..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java.lang..", "java.util..",
                        "dev.kubewizard.diagnosis..", "dev.kubewizard.recipe..", "dev.kubewizard.text..")
                .check(production);
    }

    @Test
    void thePlanAndTheRecipeDoNotDependOnTheDiagnosis() {
        noClasses().that().resideInAnyPackage("dev.kubewizard.plan..", "dev.kubewizard.recipe..",
                        "dev.kubewizard.text..")
                .should().dependOnClassesThat().resideInAPackage("dev.kubewizard.diagnosis..")
                .check(production);
    }
}
