package dev.kubewizard.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.kubewizard.recipe.Bash;
import dev.kubewizard.recipe.Phase;
import dev.kubewizard.recipe.Step;
import dev.kubewizard.recipe.StepBuilder;
import dev.kubewizard.recipe.StepFile;
import dev.kubewizard.ssh.StepResult;
import dev.kubewizard.text.Text;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulated node never executes anything on this machine and never writes to its disk. */
class NothingRunsLocallyTest {
    @TempDir
    Path tmp;

    @Test
    void aStepThatWritesAndTouchesFilesChangesOnlyTheSimulatedNode() throws Exception {
        Path written = tmp.resolve("etc/kubewizard-canary.conf");
        Path touched = tmp.resolve("touched-by-a-step");
        Path fromScript = tmp.resolve("created-by-bash");
        Step canary = new StepBuilder("canary", Phase.PREP, "k8s-node1")
                .title(Text.of("金丝雀", "Canary")).why(Text.of("证明什么都没在本机运行", "Proves nothing runs here"))
                .writeChecked(StepFile.of(written.toString(), "0644", "canary = yes\n"))
                .run("touch " + Bash.quote(touched.toString()),
                        "echo hello > " + Bash.quote(fromScript.toString()),
                        "mkdir -p /etc/kubewizard-canary-dir")
                .build();
        AtomicLong childProcesses = new AtomicLong();
        SimHarness.Lines lines = new SimHarness.Lines() {
            @Override
            public void onLine(dev.kubewizard.ssh.OutputLine line) {
                super.onLine(line);
                childProcesses.addAndGet(ProcessHandle.current().descendants().count());
            }
        };
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), SimOptions.instant(), tmp)) {
            long before = ProcessHandle.current().descendants().count();
            StepResult r = h.run(canary, lines);
            assertEquals(StepResult.Outcome.DONE, r.outcome(), String.valueOf(r.lastLines()));
            assertEquals(List.of("written: " + written), r.lastLines(), "what kw_write_file would print");
            assertEquals(StepResult.Outcome.SKIPPED, h.run(canary).outcome());
            assertEquals("canary = yes\n", h.sim.node("k8s-node1").readFile(written.toString()).orElseThrow(),
                    "the file is on the simulated node");
            assertEquals(0, before);
            assertEquals(0, childProcesses.get(), "no process was started on this machine while the step ran");
            assertEquals(0, ProcessHandle.current().descendants().count());
        }
        assertFalse(Files.exists(written));
        assertFalse(Files.exists(touched));
        assertFalse(Files.exists(fromScript));
        assertFalse(Files.exists(Path.of("/etc/kubewizard-canary-dir")));
    }

    @Test
    void theSimulationCodeCannotStartProcessesNorWriteLocalFiles() {
        JavaClasses sim = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.kubewizard.sim");
        assertTrue(sim.size() > 10);
        noClasses().that().resideInAPackage("dev.kubewizard.sim..")
                .should().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
                .orShould().callMethod(Runtime.class, "exec", String.class)
                .orShould().callMethod(Runtime.class, "exec", String[].class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.sshd.common.file.nativefs"
                        + ".NativeFileSystemFactory")
                .check(sim);
        DescribedPredicate<JavaMethodCall> writesLocalFiles = DescribedPredicate.describe(
                "writes, creates or deletes through java.nio.file.Files",
                call -> call.getTargetOwner().isEquivalentTo(Files.class)
                        && call.getName().matches(
                                "write.*|create.*|delete.*|newOutputStream|newBufferedWriter|copy|move"));
        noClasses().that().resideInAPackage("dev.kubewizard.sim..").should().callMethodWhere(writesLocalFiles)
                .check(sim);
    }
}
