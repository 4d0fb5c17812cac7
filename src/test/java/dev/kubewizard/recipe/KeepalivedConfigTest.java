package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.testing.Shellcheck;
import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeepalivedConfigTest {
    private static final String PLACEHOLDER = "{{VIP_INTERFACE}}";

    @TempDir
    Path tmp;

    private final ClusterPlan detected = LoadBalancerTestPlans.keepalived("", 16443);
    private final ClusterPlan named = LoadBalancerTestPlans.keepalived("kwlan0", 16443);

    @Test
    void theRouterIdComesFromTheClusterNameStaysInRangeAndIsTheSameOnEveryMaster() {
        int id = KeepalivedConfig.virtualRouterId("k8s-class");
        assertEquals(id, KeepalivedConfig.virtualRouterId("k8s-class"));
        for (String name : List.of("", "a", "k8s-class", "lab-2", "集群", "x".repeat(300))) {
            int v = KeepalivedConfig.virtualRouterId(name);
            assertTrue(v >= 1 && v <= 255, name + " -> " + v);
        }
        assertNotEquals(id, KeepalivedConfig.virtualRouterId("k8s-class-2"), "neighbouring classroom clusters differ");
        for (String master : List.of("k8s-master1", "k8s-master2", "k8s-master3")) {
            assertTrue(KeepalivedConfig.render(detected, master).contains("    virtual_router_id " + id + "\n"));
        }
        ClusterPlan other = LoadBalancerTestPlans.renamed(detected, "k8s-class-2");
        assertFalse(KeepalivedConfig.render(other, "k8s-master1").contains("virtual_router_id " + id + "\n"));
    }

    @Test
    void everyMasterStartsAsBackupAndTheFirstHasTheHighestPriority() {
        int p1 = KeepalivedConfig.priority(detected, "k8s-master1");
        int p2 = KeepalivedConfig.priority(detected, "k8s-master2");
        int p3 = KeepalivedConfig.priority(detected, "k8s-master3");
        assertTrue(p1 > p2 && p2 > p3 && p3 >= 1 && p1 <= 254, p1 + " " + p2 + " " + p3);
        for (String master : List.of("k8s-master1", "k8s-master2", "k8s-master3")) {
            String conf = KeepalivedConfig.render(detected, master);
            assertTrue(conf.contains("    state BACKUP\n"), conf);
            assertFalse(conf.contains("state MASTER"), conf);
            assertTrue(conf.contains("    priority " + KeepalivedConfig.priority(detected, master) + "\n"), conf);
        }
    }

    @Test
    void advertsGoByUnicastFromThisMasterToTheOtherMasters() {
        String conf = KeepalivedConfig.render(detected, "k8s-master2");
        assertTrue(conf.contains("    unicast_src_ip 192.168.1.102\n"), conf);
        assertTrue(conf.contains("    unicast_peer {\n        192.168.1.101\n        192.168.1.103\n    }\n"), conf);
        assertFalse(conf.contains("192.168.1.201"), "workers are no peers");
    }

    @Test
    void theVipIsASingleAddressOnTheInterfaceTrackedByTheHaproxyCheck() {
        String conf = KeepalivedConfig.render(named, "k8s-master1");
        assertTrue(conf.contains("    interface kwlan0\n"), conf);
        assertTrue(conf.contains("        192.168.1.100/32 dev kwlan0\n"), conf);
        assertTrue(conf.contains("    script \"/etc/keepalived/check_haproxy.sh\"\n"), conf);
        assertTrue(conf.contains("    track_script {\n        check_haproxy\n    }\n"), conf);
    }

    @Test
    void withoutAnInterfaceInThePlanTheNodeFillsItIn() {
        String conf = KeepalivedConfig.render(detected, "k8s-master1");
        assertTrue(conf.contains("    interface " + PLACEHOLDER + "\n"), conf);
        assertTrue(conf.contains("192.168.1.100/32 dev " + PLACEHOLDER + "\n"), conf);
    }

    @Test
    void thereIsNoAuthenticationAndNoPassword() {
        String conf = KeepalivedConfig.render(detected, "k8s-master1");
        assertFalse(conf.contains("authentication"), conf);
        assertFalse(conf.contains("auth_pass"), conf);
    }

    @Test
    void theCheckScriptPassesShellcheck() {
        Shellcheck.assertClean("check_haproxy.sh", KeepalivedConfig.checkScript(detected));
    }

    @Test
    void theCheckScriptSucceedsExactlyWhileTheLocalProxyPortAcceptsConnections() throws IOException {
        Tools.require("bash");
        Tools.require("timeout");
        int port;
        Path script = tmp.resolve("check.sh");
        try (ServerSocket proxy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = proxy.getLocalPort();
            Files.writeString(script, KeepalivedConfig.checkScript(LoadBalancerTestPlans.keepalived("", port)),
                    StandardCharsets.UTF_8);
            Tools.Result up = Tools.run(10, "bash", script.toString());
            assertEquals(0, up.exitCode(), up.output());
        }
        Tools.Result down = Tools.run(10, "bash", script.toString());
        assertNotEquals(0, down.exitCode(), "port " + port + " is closed: " + down.output());
    }

    @Test
    void keepalivedAcceptsTheConfigurationRenderedWithTheInterfaceDetectedOnTheNode() throws IOException {
        try (LoadBalancerTestNamespace ns = LoadBalancerTestNamespace.create()) {
            ns.addInterface("kwlan0", "192.168.1.101/24");
            Path etc = etcKeepalived(detected);
            Path template = tmp.resolve("keepalived.conf.in");
            Files.writeString(template, KeepalivedConfig.render(detected, "k8s-master1"), StandardCharsets.UTF_8);
            // the step's own interface detection and placeholder filling, then keepalived's config test
            String script = "set -euo pipefail\n" + Bash.libraryFor("kw_render")
                    + LoadBalancerSteps.interfaceLines(detected, "192.168.1.101", true)
                    + "kw_render " + etc.resolve("keepalived.conf") + " VIP_INTERFACE=\"$VIP_INTERFACE\" < "
                    + template + "\n";
            Tools.Result render = ns.run(30, "bash", "-c", script);
            assertEquals(0, render.exitCode(), render.output());
            String rendered = Files.readString(etc.resolve("keepalived.conf"), StandardCharsets.UTF_8);
            assertTrue(rendered.contains("    interface kwlan0\n"), rendered);
            assertTrue(rendered.contains("192.168.1.100/32 dev kwlan0\n"), rendered);

            Tools.Result r = ns.keepalivedConfigTest(etc);
            assertEquals(0, r.exitCode(), r.output());
        }
    }

    @Test
    void keepalivedAcceptsTheConfigurationWithTheInterfaceNamedInThePlan() throws IOException {
        try (LoadBalancerTestNamespace ns = LoadBalancerTestNamespace.create()) {
            ns.addInterface("kwlan0", "192.168.1.102/24");
            Path etc = etcKeepalived(named);
            Files.writeString(etc.resolve("keepalived.conf"), KeepalivedConfig.render(named, "k8s-master2"),
                    StandardCharsets.UTF_8);
            Tools.Result r = ns.keepalivedConfigTest(etc);
            assertEquals(0, r.exitCode(), r.output());
        }
    }

    @Test
    void keepalivedConfigTestCatchesABrokenFileAndAMissingInterface() throws IOException {
        try (LoadBalancerTestNamespace ns = LoadBalancerTestNamespace.create()) {
            ns.addInterface("kwlan0", "192.168.1.101/24");
            Path etc = etcKeepalived(named);
            String good = KeepalivedConfig.render(named, "k8s-master1");

            Files.writeString(etc.resolve("keepalived.conf"), good.substring(0, good.lastIndexOf('}')),
                    StandardCharsets.UTF_8);
            Tools.Result unbalanced = ns.keepalivedConfigTest(etc);
            assertNotEquals(0, unbalanced.exitCode(), unbalanced.output());

            Files.writeString(etc.resolve("keepalived.conf"), good.replace("kwlan0", "kwlan9"), StandardCharsets.UTF_8);
            Tools.Result noInterface = ns.keepalivedConfigTest(etc);
            assertNotEquals(0, noInterface.exitCode(), noInterface.output());
        }
    }

    /** A stand-in for /etc/keepalived holding the check script (keepalived refuses a track script it cannot find). */
    private Path etcKeepalived(ClusterPlan plan) throws IOException {
        Path etc = Files.createDirectory(tmp.resolve("etc-keepalived"));
        Path check = etc.resolve("check_haproxy.sh");
        Files.writeString(check, KeepalivedConfig.checkScript(plan), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(check, PosixFilePermissions.fromString("rwxr-xr-x"));
        return etc;
    }
}
