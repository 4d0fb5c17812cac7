package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.testing.Shellcheck;
import dev.kubewizard.testing.Tools;
import dev.kubewizard.text.Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepBuilderTest {
    @TempDir
    Path tmp;

    private Step demoStep(Path target) {
        StepFile file = StepFile.of(target.toString(), "0640", "iface={{IFACE}}\nkeep & and $HOME literally\n");
        return new StepBuilder("demo", Phase.PREP, "k8s-master1")
                .title(Text.of("演示", "Demo")).why(Text.of("因为", "Because"))
                .input(RuntimeValue.secret("KW_SECRET"))
                .run("[ -n \"$KW_SECRET\" ]", "IFACE=eth9")
                .check("IFACE=eth9")
                .writeChecked(file, "IFACE=\"$IFACE\"")
                .build();
    }

    @Test
    void aScriptCarriesOnlyTheLibraryFunctionsItCalls() {
        Step step = demoStep(tmp.resolve("x.conf"));
        assertTrue(step.script().contains("kw_write_file() {"));
        assertTrue(step.script().contains("kw_render() {"), "kw_write_file needs kw_render");
        assertFalse(step.script().contains("kw_apt() {"));
        assertTrue(step.check().contains("kw_same_file() {"));
        assertEquals(1, step.files().size());
    }

    @Test
    void runtimeInputsAreReadFromStdinAndStdinIsThenClosed() {
        String script = demoStep(tmp.resolve("x.conf")).script();
        assertTrue(script.contains("IFS= read -r KW_SECRET || kw_no_input KW_SECRET\nexec </dev/null\n"));
    }

    @Test
    void generatedScriptsPassShellcheck() {
        Step step = demoStep(Path.of("/etc/kubewizard/demo.conf"));
        Shellcheck.assertClean(Map.of("script.sh", step.script(), "check.sh", step.check()));
    }

    @Test
    void theScriptWritesItsFileOnceAndTheCheckThenPasses() throws IOException {
        Path bash = Tools.require("bash");
        Path target = tmp.resolve("etc/demo.conf");
        Step step = demoStep(target);
        Path script = tmp.resolve("s.sh");
        Path check = tmp.resolve("c.sh");
        Files.writeString(script, step.script(), StandardCharsets.UTF_8);
        Files.writeString(check, step.check(), StandardCharsets.UTF_8);

        assertEquals(1, Tools.run(30, bash.toString(), check.toString()).exitCode(), "not done before the run");
        // stdin is closed: the script must refuse to run without its run-time value
        Tools.Result noInput = Tools.run(30, bash.toString(), script.toString());
        assertEquals(3, noInput.exitCode(), noInput.output());

        Tools.Result first = Tools.run(30, "bash", "-c", "echo s3cret | bash " + script);
        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().contains("written: " + target), first.output());
        assertEquals("iface=eth9\nkeep & and $HOME literally\n", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals(0, Tools.run(30, bash.toString(), check.toString()).exitCode(), "done after the run");

        Tools.Result second = Tools.run(30, "bash", "-c", "echo s3cret | bash " + script);
        assertTrue(second.output().contains("unchanged: " + target), second.output());
        assertFalse(second.output().contains("s3cret"));
    }
}
