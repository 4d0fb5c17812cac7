package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.PlanYaml;
import org.junit.jupiter.api.Test;

class KernelNetworkingTest {
    @Test
    void theModulesFileLoadsOverlayAndBrNetfilterAtBoot() {
        assertEquals(java.util.List.of("overlay", "br_netfilter"), KernelNetworking.modulesFile().lines()
                .filter(l -> !l.startsWith("#")).toList());
    }

    @Test
    void theSysctlFileTurnsOnBridgedTrafficFilteringAndForwarding() {
        String text = KernelNetworking.sysctlFile();
        for (String key : KernelNetworking.SYSCTLS) {
            assertTrue(text.lines().anyMatch(l -> l.matches(key.replace(".", "\\.") + "\\s*=\\s*1")), key);
        }
        assertEquals("/etc/sysctl.d/99-kubernetes.conf", KernelNetworking.SYSCTL_FILE);
    }

    @Test
    void theCheckReadsTheRunningKernelNotOnlyTheFiles() {
        Step step = KernelNetworking.step(PlanYaml.courseExample().host("k8s-master2"));
        assertTrue(step.check().contains("grep -qw overlay /proc/filesystems"));
        // br_netfilter is proven by its bridge settings, which exist only while it is loaded (module or built in)
        assertFalse(step.check().contains("/sys/module/br_netfilter"));
        assertTrue(step.check().contains("[ \"$(sysctl -n net.bridge.bridge-nf-call-iptables)\" = 1 ]"));
        assertTrue(step.check().contains("[ \"$(sysctl -n net.ipv4.ip_forward)\" = 1 ]"));
        assertTrue(step.script().contains("modprobe br_netfilter"));
        assertTrue(step.script().contains("sysctl --system"));
    }
}
