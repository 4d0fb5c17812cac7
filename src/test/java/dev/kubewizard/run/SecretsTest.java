package dev.kubewizard.run;

import static dev.kubewizard.run.TestRuns.M1;
import static dev.kubewizard.run.TestRuns.M2;
import static dev.kubewizard.run.TestRuns.N1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.recipe.Recipe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary secrets printed by the nodes, given as passwords and made as join data must not appear in any line a
 * listener sees, console buffer, log file, journal or support bundle.
 */
@Timeout(30)
class SecretsTest {
    private static final String SSH_CANARY = "ssh-canary-Q8zP4";

    @TempDir
    Path dir;

    @Test
    void noCanarySecretReachesListenersLogsJournalOrBundle() throws Exception {
        Recipe recipe = TestRuns.courseRecipe();
        FakeNodes nodes = new FakeNodes(1);
        nodes.on(M1, "harbor").prints("login with " + TestRuns.HARBOR_PASSWORD);
        nodes.on(N1, "base-packages").prints("sudo: password " + SSH_CANARY + " accepted").times(1);
        nodes.on(N1, "kubeadm-join").fails(1, "token " + FakeNodes.tokenFor(N1) + " rejected",
                "password was " + SSH_CANARY).times(1);
        UnaryOperator<String> masker = s -> s.replace(SSH_CANARY, "***");
        RunSettings settings = TestRuns.settings().withMasker(masker)
                .withFolder(RunFolder.besidePlan(dir.resolve("course.yaml")));
        TestRuns.Recorder recorder = new TestRuns.Recorder();
        Path bundle = dir.resolve("support.zip");
        List<String> console = new ArrayList<>();
        try (Orchestrator run = new Orchestrator(recipe, nodes, settings)) {
            run.addListener(recorder);
            RunResult failed = run.run();
            assertEquals(List.of(N1), failed.failedHosts());
            assertTrue(run.await(run.retry(N1)).succeeded());
            for (String host : run.graph().hosts()) {
                run.console(host).drain().lines().forEach(l -> console.add(l.text()));
            }
            assertTrue(failed.failures().get(0).lastLines().stream().noneMatch(SecretsTest::leaks));
            run.writeSupportBundle(bundle);
        }
        List<String> canaries = canaries();

        List<String> seen = recorder.events.stream().map(Object::toString).toList();
        assertTrue(seen.stream().anyMatch(s -> s.contains("******")), "masked values are visible as such");
        assertNoCanary("listener events", String.join("\n", seen), canaries);
        assertNoCanary("consoles", String.join("\n", console), canaries);
        assertTrue(console.stream().anyMatch(l -> l.equals("login with ******")), "the Harbor password is masked");

        Path folder = RunFolder.besidePlan(dir.resolve("course.yaml")).dir();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertNoCanary(f.toString(), Files.readString(f, StandardCharsets.UTF_8), canaries);
            }
        }
        Map<String, String> entries = unzip(bundle);
        assertTrue(entries.keySet().containsAll(List.of("summary.txt", "plan.yaml", "journal.json",
                "scripts/order.tsv", "scripts/k8s-node1/14-kubeadm-join.sh")), entries.keySet().toString());
        assertTrue(entries.keySet().stream().anyMatch(n -> n.matches("logs/\\d{8}-\\d{6}/k8s-node1\\.log")));
        entries.forEach((name, text) -> assertNoCanary("bundle " + name, text, canaries));
        assertTrue(entries.get("summary.txt").contains("SUCCEEDED"));
    }

    @Test
    void logFilesHaveOneFilePerMachineWithStepHeadersAndTimestampedLines() throws Exception {
        FakeNodes nodes = new FakeNodes(1);
        nodes.on(N1, "containerd").prints("containerd 2.2.1 安装完成");
        try (Orchestrator run = new Orchestrator(TestRuns.courseRecipe(), nodes,
                TestRuns.settings().withFolder(RunFolder.besidePlan(dir.resolve("course.yaml"))))) {
            assertTrue(run.run().succeeded());
            Path logs = run.logFolder().orElseThrow();
            try (Stream<Path> files = Files.list(logs)) {
                assertEquals(List.of("k8s-lb.log", "k8s-master1.log", "k8s-master2.log", "k8s-master3.log",
                        "k8s-node1.log", "k8s-node2.log"),
                        files.map(p -> p.getFileName().toString()).sorted().toList());
            }
            List<String> lines = Files.readAllLines(logs.resolve("k8s-node1.log"), StandardCharsets.UTF_8);
            assertTrue(lines.get(0).startsWith("# kubewizard log of k8s-node1 (192.168.1.201, worker"), lines.get(0));
            String stamp = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} ";
            assertTrue(lines.stream().anyMatch(l -> l.matches(stamp + "==== prep/containerd · .*containerd.*")));
            assertTrue(lines.stream().anyMatch(l -> l.matches(stamp
                    + "out \\[containerd] containerd 2\\.2\\.1 安装完成")));
            assertTrue(lines.stream().anyMatch(l -> l.matches(stamp
                    + "==== prep/containerd: DONE after \\d+\\.\\d s")));
            assertTrue(lines.subList(1, lines.size()).stream().allMatch(l -> l.matches(stamp + ".*")));
        }
    }

    private static List<String> canaries() {
        List<String> c = new ArrayList<>(List.of(SSH_CANARY, TestRuns.HARBOR_PASSWORD));
        for (String node : List.of(M2, "k8s-master3", N1, "k8s-node2")) {
            c.add(FakeNodes.tokenFor(node));
        }
        c.add(FakeNodes.certificateKeyFor(M2));
        c.add(FakeNodes.certificateKeyFor("k8s-master3"));
        return c;
    }

    private static boolean leaks(String text) {
        return canaries().stream().anyMatch(text::contains);
    }

    private static void assertNoCanary(String where, String text, List<String> canaries) {
        for (String c : canaries) {
            assertFalse(text.contains(c), where + " contains the secret " + c);
        }
    }

    private static Map<String, String> unzip(Path zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in,
                StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                entries.put(e.getName(), new String(z.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
