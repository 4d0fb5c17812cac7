package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HaproxyConfigTest {
    @TempDir
    Path tmp;

    private final String cfg = HaproxyConfig.render(LoadBalancerTestPlans.keepalived("", 16443));

    @Test
    void listensOnTheEndpointPortOfEveryAddressInTcpMode() {
        assertTrue(cfg.contains("    bind *:16443\n"), cfg);
        assertTrue(cfg.contains("    mode tcp\n"), cfg);
    }

    @Test
    void forwardsToPort6443OfEveryMasterCheckingReadyzOverTls() {
        assertTrue(cfg.contains("    option httpchk GET /readyz\n"), cfg);
        assertTrue(cfg.contains("    http-check expect status 200\n"), cfg);
        assertTrue(cfg.contains("    server k8s-master1 192.168.1.101:6443 check check-ssl verify none\n"), cfg);
        assertTrue(cfg.contains("    server k8s-master2 192.168.1.102:6443 check check-ssl verify none\n"), cfg);
        assertTrue(cfg.contains("    server k8s-master3 192.168.1.103:6443 check check-ssl verify none\n"), cfg);
        assertEquals(3, cfg.lines().filter(l -> l.trim().startsWith("server ")).count(), "workers are no backends");
    }

    @Test
    void keepsSilentWatchesOpenForADay() {
        assertTrue(cfg.contains("    timeout client 24h\n"), cfg);
        assertTrue(cfg.contains("    timeout server 24h\n"), cfg);
        assertTrue(cfg.contains("    timeout connect 5s\n"), cfg);
    }

    @Test
    void refusesPort6443WhichTheLocalApiServerAlreadyHolds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HaproxyConfig.render(LoadBalancerTestPlans.keepalived("", 6443)));
        assertTrue(e.getMessage().contains("16443"), e.getMessage());
    }

    @Test
    void haproxyAcceptsTheGeneratedConfiguration() throws IOException {
        Path haproxy = Tools.require("haproxy");
        Path file = tmp.resolve("haproxy.cfg");
        Files.writeString(file, cfg, StandardCharsets.UTF_8);
        Tools.Result r = Tools.run(30, haproxy.toString(), "-c", "-f", file.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("Configuration file is valid"), r.output());
    }

    @Test
    void haproxyCheckCatchesABrokenConfiguration() throws IOException {
        Path haproxy = Tools.require("haproxy");
        Path file = tmp.resolve("haproxy.cfg");
        Files.writeString(file, cfg.replace("balance leastconn", "balance leastconnections"),
                StandardCharsets.UTF_8);
        Tools.Result r = Tools.run(30, haproxy.toString(), "-c", "-f", file.toString());
        assertNotEquals(0, r.exitCode(), r.output());
    }
}
