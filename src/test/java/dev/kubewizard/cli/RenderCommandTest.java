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

    @ParameterizedTest
    @ValueSource(strings = {"course", "one-master", "five-masters", "sudo-user", "no-harbor"})
    void theExternalLoadBalancerConfigPassesNginxT(String variant) throws IOException {
        Path nginx = Tools.require("nginx");
        Path out = render(variant);
        List<Path> streamConfs = new ArrayList<>();
        for (Path conf : files(out.resolve("k8s-lb/files/etc/nginx"), ".conf")) {
            if (Files.readString(conf, StandardCharsets.UTF_8).contains("stream {")) {
                streamConfs.add(conf);
            }
        }
        assertEquals(1, streamConfs.size(), "one stream{} file: " + streamConfs);
        Path module = Path.of("/usr/lib/nginx/modules/ngx_stream_module.so");
        if (!Files.exists(module)) {
            Tools.missing("the nginx stream module is not installed (libnginx-mod-stream)");
        }
        Path dir = Files.createDirectories(tmp.resolve("nginx-" + variant));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, "load_module " + module + ";\n"
                + "pid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + ";\n"
                + "events { worker_connections 64; }\n"
                + "include " + streamConfs.get(0).toAbsolutePath() + ";\n", StandardCharsets.UTF_8);
        Tools.Result r = Tools.run(30, nginx.toString(), "-t", "-c", conf.toString(), "-p", dir.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("test is successful"), r.output());
        String stream = Files.readString(streamConfs.get(0), StandardCharsets.UTF_8);
        int masters = variant.equals("one-master") ? 1 : variant.equals("five-masters") ? 5 : 3;
        assertEquals(masters, stream.lines().filter(l -> l.strip().matches("server [0-9.]+:6443.*")).count(), stream);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keepalived", "keepalived-interface"})
    void theKeepalivedModeConfigsPassKeepalivedTAndHaproxyC(String variant) throws IOException {
        Path keepalived = Tools.require("keepalived");
        Path haproxy = Tools.require("haproxy");
        Path ip = Tools.require("ip");
        Tools.requireRoot();
        Path out = render(variant);
        assertFalse(Files.exists(out.resolve("k8s-lb")), "no load-balancer host in keepalived mode");
        for (String master : List.of("k8s-master1", "k8s-master2", "k8s-master3")) {
            List<Path> kconf = files(out.resolve(master), "keepalived.conf");
            List<Path> hconf = files(out.resolve(master), "haproxy.cfg");
            assertEquals(1, kconf.size(), master + " keepalived.conf");
            assertEquals(1, hconf.size(), master + " haproxy.cfg");

            Tools.Result hc = Tools.run(30, haproxy.toString(), "-c", "-f", hconf.get(0).toString());
            assertEquals(0, hc.exitCode(), hc.output());
            assertTrue(Files.readString(hconf.get(0), StandardCharsets.UTF_8).contains("16443"));

            String text = Files.readString(kconf.get(0), StandardCharsets.UTF_8);
            String iface = variant.equals("keepalived-interface") ? "ens33" : "kwtest0";
            assertEquals(variant.equals("keepalived"), text.contains("{{VIP_INTERFACE}}"), text);
            Path filled = tmp.resolve(master + "-keepalived.conf");
            Files.writeString(filled, text.replace("{{VIP_INTERFACE}}", iface), StandardCharsets.UTF_8);
            String ns = "kwrender" + ProcessHandle.current().pid() % 10000;
            try {
                assertEquals(0, Tools.run(10, ip.toString(), "netns", "add", ns).exitCode());
                assertEquals(0, Tools.run(10, ip.toString(), "-n", ns, "link", "add", iface, "type", "dummy")
                        .exitCode());
                Tools.Result kc = Tools.run(30, ip.toString(), "netns", "exec", ns, keepalived.toString(), "-t",
                        "-f", filled.toString());
                assertEquals(0, kc.exitCode(), master + ":\n" + kc.output() + "\n" + text);
            } finally {
                Tools.run(10, ip.toString(), "netns", "del", ns);
            }
        }
    }
}
