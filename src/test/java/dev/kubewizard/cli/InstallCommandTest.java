package dev.kubewizard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.recipe.CalicoManifestTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The install command's refusals: each happens before any machine is contacted. */
class InstallCommandTest {
    @TempDir
    Path tmp;

    private final List<String> asked = new ArrayList<>();

    private CliRun install(Map<String, String> env, String answer, String... args) {
        Prompter prompter = new Prompter() {
            @Override
            public String secret(String prompt) {
                asked.add(prompt);
                return answer;
            }

            @Override
            public boolean confirm(String question) {
                asked.add(question);
                return "y".equals(answer);
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "en");
        int code = new InstallCommand(env, c -> prompter).run(List.of(args), console);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path plan(String yaml) throws IOException {
        Path f = tmp.resolve("plan.yaml");
        Files.writeString(f, yaml, StandardCharsets.UTF_8);
        return f;
    }

    private Path courseWithLocalManifest() throws IOException {
        Files.writeString(tmp.resolve("calico.yaml"), CalicoManifestTest.HAND_WRITTEN, StandardCharsets.UTF_8);
        return plan(PlanYaml.toYaml(PlanYaml.courseExample()).replace("manifest: \"\"", "manifest: calico.yaml"));
    }

    @Test
    void anInvalidPlanContactsNoMachineAndExits2() throws IOException {
        Path p = plan(PlanYaml.toYaml(PlanYaml.courseExample()).replace("192.168.1.202", "192.168.1.201"));
        CliRun r = install(Map.of(), "secret", p.toString(), "--yes");
        assertEquals(2, r.exitCode(), r.all());
        assertTrue(r.err().contains("nodes[4].address"), r.err());
        assertTrue(asked.isEmpty(), "nothing asked: " + asked);
    }

    @Test
    void anUnknownOnlyHostIsRefused() throws IOException {
        CliRun r = install(Map.of(), "secret", courseWithLocalManifest().toString(), "--only", "k8s-node9");
        assertEquals(2, r.exitCode(), r.all());
        assertTrue(r.err().contains("k8s-node9"), r.err());
    }

    @Test
    void withoutAPasswordFromTheEnvironmentOrTheKeyboardNothingStarts() throws IOException {
        CliRun r = install(Map.of(), null, courseWithLocalManifest().toString(), "--yes");
        assertEquals(2, r.exitCode(), r.all());
        assertTrue(r.err().contains("KUBEWIZARD_SSH_PASSWORD"), r.err());
    }

    @Test
    void withoutConfirmationNothingStarts() throws IOException {
        CliRun r = install(Map.of("KUBEWIZARD_SSH_PASSWORD", "s3cret", "KUBEWIZARD_HARBOR_PASSWORD", "h4rbor"), "n",
                courseWithLocalManifest().toString());
        assertEquals(2, r.exitCode(), r.all());
        assertTrue(asked.stream().anyMatch(q -> q.contains("About to change 6 machines")), asked.toString());
        assertFalse(r.all().contains("s3cret"));
    }

    @Test
    void aManifestThatIsNotCalicoIsAClearErrorNotAStackTrace() throws IOException {
        Files.writeString(tmp.resolve("calico.yaml"), "kind: List\n", StandardCharsets.UTF_8);
        Path p = plan(PlanYaml.toYaml(PlanYaml.courseExample()).replace("manifest: \"\"", "manifest: calico.yaml"));
        CliRun r = install(Map.of(), "secret", p.toString(), "--yes");
        assertEquals(2, r.exitCode(), r.all());
        assertTrue(r.err().contains("calico-node"), r.err());
    }

    @Test
    void wrongUsageExits2() {
        assertEquals(2, install(Map.of(), null).exitCode());
        assertEquals(2, install(Map.of(), null, "a.yaml", "b.yaml").exitCode());
        assertEquals(2, install(Map.of(), null, "a.yaml", "--only").exitCode());
    }

    @Test
    void aSimulatedInstallOfTheCoursePlanSucceedsWithEveryNodesLinesPrefixed() throws IOException {
        Path p = plan(PlanYaml.toYaml(PlanYaml.courseExample()));
        CliRun r = install(Map.of(), null, p.toString(), "--simulate", "--speed", "1000", "--yes");
        assertEquals(0, r.exitCode(), r.all());
        for (String host : List.of("k8s-master1", "k8s-master2", "k8s-master3", "k8s-node1", "k8s-node2", "k8s-lb")) {
            assertTrue(r.out().contains("[" + host + "] "), host);
        }
        assertTrue(r.out().contains("The cluster is installed and verified: 88/88 steps"), r.out());
        assertTrue(asked.isEmpty(), "a simulation asks nothing: " + asked);
    }

    @Test
    void aSimulatedFailingNodeExitsNonZeroNamingTheNodeAndTheDiagnosis() throws IOException {
        Path p = plan(PlanYaml.toYaml(PlanYaml.courseExample()));
        CliRun r = install(Map.of(), null, p.toString(), "--simulate", "--speed", "1000", "--yes",
                "--faults", "k8s-node2:containerd:fail");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.out().contains("k8s-node2: step containerd"), r.out());
        assertTrue(r.out().contains("Cause: apt could not get the package lock"), r.out());
        assertTrue(r.out().matches("(?s).*k8s-node2 +FAILED.*"), r.out());
    }

    @Test
    void aBadFaultSpecificationIsRefused() throws IOException {
        Path p = plan(PlanYaml.toYaml(PlanYaml.courseExample()));
        CliRun r = install(Map.of(), null, p.toString(), "--simulate", "--faults", "k8s-node9:containerd:fail");
        assertEquals(2, r.exitCode(), r.all());
        assertFalse(r.err().isBlank());
    }
}
