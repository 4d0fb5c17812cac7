package dev.kubewizard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.PlanYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir
    Path tmp;

    private Path plan(String yaml) throws IOException {
        Path f = tmp.resolve("plan.yaml");
        Files.writeString(f, yaml, StandardCharsets.UTF_8);
        return f;
    }

    private static String course() {
        return PlanYaml.toYaml(PlanYaml.courseExample());
    }

    @Test
    void theCoursePlanIsValid() throws IOException {
        CliRun r = CliRun.en("validate", plan(course()).toString());
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("0 error(s)"), r.out());
    }

    @Test
    void aMalformedAddressIsReportedWithItsFieldPathAndExitCode2() throws IOException {
        CliRun r = CliRun.en("validate", plan(course().replace("192.168.1.201", "192.168.1.300")).toString());
        assertEquals(2, r.exitCode(), r.all());
        assertTrue(r.out().contains("nodes[3].address: error: "), r.out());
    }

    @Test
    void messagesAreChineseByDefault() throws IOException {
        CliRun r = CliRun.of("zh", "validate", plan(course().replace("192.168.1.201", "192.168.1.300")).toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.out().contains("nodes[3].address: 错误: "), r.out());
    }

    @Test
    void aTypoInAFieldNameIsReportedWithItsPathAndLine() throws IOException {
        CliRun r = CliRun.en("validate", plan(course().replace("address: 192.168.1.202", "adress: 192.168.1.202"))
                .toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().matches("(?s)plan\\.yaml:\\d+:\\d+: nodes\\[4]\\.adress: .*"), r.err());
    }

    @Test
    void brokenYamlGivesLineAndColumnAndNoStackTrace() throws IOException {
        CliRun r = CliRun.en("validate", plan("apiVersion: kubewizard/v1\ncluster: [unclosed\n").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().matches("(?s)plan\\.yaml:\\d+:\\d+: .*"), r.err());
        assertFalse(r.all().contains("Exception"), r.all());
        assertFalse(r.all().contains("\tat "), r.all());
    }

    @Test
    void aMissingFileIsAClearErrorNotAStackTrace() {
        CliRun r = CliRun.en("validate", tmp.resolve("nope.yaml").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("No plan file"), r.err());
    }

    @Test
    void wrongUsageExits2WithTheUsage() {
        CliRun r = CliRun.en("validate");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("kubewizard validate PLAN.yaml"), r.err());
    }

    @Test
    void versionAndHelpWork() {
        CliRun v = CliRun.en("--version");
        assertEquals(0, v.exitCode());
        assertTrue(v.out().startsWith("kubewizard "), v.out());
        CliRun h = CliRun.en("--help");
        assertEquals(0, h.exitCode());
        for (String c : new String[] {"validate", "render", "kubeconfig"}) {
            assertTrue(h.out().contains(c), h.out());
        }
    }

    @Test
    void anUnknownCommandExits2() {
        assertEquals(2, CliRun.en("instal").exitCode());
    }

    @Test
    void langEnSwitchesAChineseConsoleToEnglish() throws IOException {
        CliRun r = CliRun.of("zh", "--lang", "en", "validate",
                plan(course().replace("192.168.1.201", "192.168.1.300")).toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.out().contains("nodes[3].address: error: "), r.out());
    }
}
