package dev.kubewizard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.testing.Shellcheck;
import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The render command on the course plan and its variants, checked by the real validators. */
class RenderCommandTest {
    static final String[] VARIANTS = {"course", "one-master", "five-masters", "keepalived", "keepalived-interface",
        "sudo-user", "no-harbor", "kubernetes-1.31"};

    @TempDir
    Path tmp;

    static String planText(String variant) throws IOException {
        if (variant.equals("course")) {
            try (InputStream in = PlanYaml.class.getResourceAsStream(PlanYaml.COURSE_EXAMPLE)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        try (InputStream in = RenderCommandTest.class.getResourceAsStream("/dev/kubewizard/plans/" + variant + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    Path render(String variant) throws IOException {
        Path plan = tmp.resolve(variant + ".yaml");
        Files.writeString(plan, planText(variant), StandardCharsets.UTF_8);
        Path out = tmp.resolve("out-" + variant);
        CliRun r = CliRun.en("render", plan.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.all());
        return out;
    }

    static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void theCoursePlanRendersOneFolderPerMachineWithScriptsChecksAndFiles() throws IOException {
        Path out = render("course");
        for (String host : List.of("k8s-master1", "k8s-master2", "k8s-master3", "k8s-node1", "k8s-node2", "k8s-lb")) {
            assertTrue(Files.isRegularFile(out.resolve(host).resolve("01-preflight.sh")), host);
            assertTrue(Files.isRegularFile(out.resolve(host).resolve("01-preflight.check.sh")), host);
        }
        assertTrue(Files.isRegularFile(out.resolve("k8s-master1/files/etc/containerd/config.toml.containerd-2.x")));
        assertTrue(Files.isRegularFile(out.resolve("k8s-master1/files/etc/containerd/config.toml.containerd-1.7")));
        assertFalse(files(out.resolve("k8s-lb/files/etc/nginx"), ".conf").isEmpty());
        List<String> order = Files.readAllLines(out.resolve("order.tsv"), StandardCharsets.UTF_8);
        List<String> phases = order.stream().skip(1).map(l -> l.split("\t")[0]).distinct().toList();
        assertEquals(List.of("preflight", "prep", "lb", "init", "join-master", "join-worker", "cni", "harbor",
                "verify"), phases);
        for (Path script : files(out, ".sh")) {
            String text = Files.readString(script, StandardCharsets.UTF_8);
            assertTrue(text.startsWith("#!/usr/bin/env bash\n"), script.toString());
            assertTrue(text.contains("\nset -euo pipefail\n"), script.toString());
            assertFalse(text.contains("\r"), script.toString());
            assertTrue(Files.isExecutable(script), script.toString());
        }
    }

    @Test
    void mastersJoinOneAtATimeWithFreshJoinDataFromTheFirstMaster() throws IOException {
        Path out = render("course");
        List<String> joinOrder = Files.readAllLines(out.resolve("order.tsv"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("join-master\t")).map(l -> l.split("\t")[1]).toList();
        assertEquals(List.of("k8s-master1", "k8s-master2", "k8s-master1", "k8s-master3"), joinOrder);
    }

    @Test
    void anInvalidPlanWritesNothingAndExits2() throws IOException {
        Path plan = tmp.resolve("bad.yaml");
        Files.writeString(plan, planText("course").replace("192.168.1.202", "192.168.1.201"), StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");
        CliRun r = CliRun.en("render", plan.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.all());
        assertFalse(Files.exists(out), "nothing written");
        assertTrue(r.err().contains("nodes[4].address"), r.err());
    }

    @Test
    void renderingAgainReplacesAnEarlierExportButRefusesAForeignFolder() throws IOException {
        Path out = render("course");
        Files.writeString(out.resolve("k8s-master1/stale.sh"), "old", StandardCharsets.UTF_8);
        Path plan = tmp.resolve("course.yaml");
        assertEquals(0, CliRun.en("render", plan.toString(), "--out", out.toString()).exitCode());
        assertFalse(Files.exists(out.resolve("k8s-master1/stale.sh")));

        Path foreign = tmp.resolve("photos");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("holiday.jpg"), "x", StandardCharsets.UTF_8);
        CliRun r = CliRun.en("render", plan.toString(), "--out", foreign.toString());
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(Files.exists(foreign.resolve("holiday.jpg")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"course", "one-master", "five-masters", "keepalived", "keepalived-interface", "sudo-user",
        "no-harbor", "kubernetes-1.31"})
    void everyScriptOfEveryVariantPassesShellcheck(String variant) throws IOException {
        Path out = render(variant);
        Map<String, String> scripts = new TreeMap<>();
        for (Path p : files(out, ".sh")) {
            scripts.put(out.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
        }
        assertTrue(scripts.size() > 20, variant + ": " + scripts.size() + " scripts");
        Shellcheck.assertClean(scripts);
    }
}
