package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Mirrors;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.testing.Shellcheck;
import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightStepsTest {
    @TempDir
    Path tmp;

    private static ClusterPlan withMirrors(ClusterPlan p, Mirrors m) {
        return new ClusterPlan(p.apiVersion(), p.cluster(), p.loadBalancer(), p.nodes(), p.ssh(), m, null, p.cni());
    }

    @Test
    void mastersCheckTheControlPlanePortsAndWorkersOnlyTheKubeletPort() {
        ClusterPlan plan = PlanYaml.courseExample();
        assertEquals(List.of(6443, 2379, 2380, 10257, 10259, 10250),
                List.copyOf(PreflightSteps.ports(plan, plan.host("k8s-master1")).keySet()));
        assertEquals(List.of(10250), List.copyOf(PreflightSteps.ports(plan, plan.host("k8s-node1")).keySet()));
        assertEquals(List.of(6443), List.copyOf(PreflightSteps.ports(plan, plan.host("k8s-lb")).keySet()));
    }

    @Test
    void preflightScriptsPassShellcheck() {
        ClusterPlan plan = PlanYaml.courseExample();
        Step master = PreflightSteps.forHost(plan, plan.host("k8s-master1")).get(0);
        Step lb = PreflightSteps.forHost(plan, plan.host("k8s-lb")).get(0);
        Shellcheck.assertClean(Map.of("master.sh", master.script(), "lb.sh", lb.script(), "check.sh", master.check()));
    }

    /**
     * Runs the real preflight on this (Debian) machine against mirrors served on loopback: it must report every
     * fact, accept the reachable mirror, refuse the dead one and the non-Ubuntu OS, and change nothing.
     */
    @Test
    void preflightReportsFactsAndEveryProblemAtOnce() throws IOException {
        Tools.require("curl");
        Tools.require("ss");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ubuntu/dists/", x -> {
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            ClusterPlan course = PlanYaml.courseExample();
            Mirrors m = course.mirrors();
            ClusterPlan plan = withMirrors(course, new Mirrors("http://127.0.0.1:" + port + "/ubuntu",
                    "http://127.0.0.1:" + port + "/dead-docker", m.kubernetes().replace("https://mirrors.aliyun.com",
                            "http://127.0.0.1:" + port), "127.0.0.1:" + port + "/google_containers", Map.of(), List.of()));
            PlanHost worker = plan.host("k8s-node1");
            Step step = PreflightSteps.forHost(plan, worker).get(0);
            Path script = tmp.resolve("preflight.sh");
            Files.writeString(script, step.script(), StandardCharsets.UTF_8);
            Tools.Result r = Tools.run(120, "bash", script.toString());
            String out = r.output();
            assertEquals(1, r.exitCode(), out);
            assertTrue(out.contains("::kubewizard-output KW_CPUS=" + Runtime.getRuntime().availableProcessors()), out);
            assertTrue(out.matches("(?s).*::kubewizard-output KW_MEMORY_MB=\\d+\n.*"), out);
            assertTrue(out.matches("(?s).*::kubewizard-output KW_CLOCK_EPOCH_MS=\\d{13}\n.*"), out);
            assertTrue(out.contains("::kubewizard-output KW_PRODUCT_UUID="), out);
            assertTrue(out.contains("::kubewizard-output KW_MACS="), out);
            assertTrue(out.contains("reachable: http://127.0.0.1:" + port + "/ubuntu/dists/ (200)"), out);
            assertTrue(out.contains("PROBLEM: cannot use http://127.0.0.1:" + port + "/dead-docker/gpg (HTTP 404)"), out);
            String os = Files.readString(Path.of("/etc/os-release"), StandardCharsets.UTF_8);
            if (!os.contains("ID=ubuntu")) {
                assertTrue(out.contains("kubewizard installs on Ubuntu 22.04 or 24.04"), out);
            }
            assertTrue(out.contains("nothing was changed"), out);
        } finally {
            server.stop(0);
        }
    }
}
