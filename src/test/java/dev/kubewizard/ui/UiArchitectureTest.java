package dev.kubewizard.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Page models hold properties and commands only: no scene, no stage, so they are tested without the FX thread. */
class UiArchitectureTest {
    private static JavaClasses ui;

    @BeforeAll
    static void importClasses() {
        ui = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.kubewizard.ui");
    }

    @Test
    void modelsKnowNoSceneNodes() {
        noClasses().that().haveSimpleNameEndingWith("Model")
                .or().resideInAnyPackage("dev.kubewizard.ui.plan..", "dev.kubewizard.ui.text..")
                .or().haveSimpleName("Topology").or().haveSimpleName("MirrorProbe").or().haveSimpleName("HarborLogin")
                .or().haveSimpleName("Settings")
                .or().haveSimpleName("HostKeyQueue").or().haveSimpleName("AnsiText")
                .or().haveSimpleName("ConsoleBacklog").or().haveSimpleName("ConsoleDocument")
                .or().haveSimpleName("MachineSource").or().haveSimpleName("SshMachineSource")
                .or().haveSimpleName("SimulatedMachineSource").or().haveSimpleName("InstallSession")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..",
                        "org.controlsfx..", "atlantafx..")
                .check(ui);
    }
}
