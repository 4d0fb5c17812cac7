package dev.kubewizard.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.ssh.testnode.OpenSshTestHost;
import dev.kubewizard.ssh.testnode.OpenSshTestNetwork;
import dev.kubewizard.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real-host fixture itself, as the end-to-end install test will use it: several machines on one network. */
class OpenSshTestNetworkTest {
    @Test
    void hostsHaveTheirOwnAddressHostnameAndFilesReachEachOtherAndLeaveNothingBehind() {
        String namespacePrefix;
        String bridgeAddress;
        try (OpenSshTestNetwork network = OpenSshTestNetwork.create()) {
            OpenSshTestHost lb = network.host("k8s-lb").start();
            OpenSshTestHost master = network.host("k8s-master1").start();
            assertNotEquals(lb.address(), master.address());
            assertTrue(lb.address().startsWith("10.77."), lb.address());
            bridgeAddress = network.gateway();

            assertEquals("k8s-master1\n", master.run(10, "hostname").output());
            assertEquals("k8s-master1\n", master.run(10, "cat", "/etc/hostname").output());
            assertEquals(0, master.run(10, "bash", "-c", "mkdir -p /etc/kubewizard && echo m > /etc/kubewizard/only-here"
                    + " && mkdir -p /usr/local/bin && echo stub > /usr/local/bin/kubeadm-stub").exitCode());
            assertEquals(1, lb.run(10, "test", "-e", "/etc/kubewizard/only-here").exitCode(), "each host has its own /etc");
            assertFalse(Files.exists(Path.of("/etc/kubewizard/only-here")), "the machine's /etc is untouched");
            assertFalse(Files.exists(Path.of("/usr/local/bin/kubeadm-stub")));

            Tools.Result reach = lb.run(10, "timeout", "2", "bash", "-c", "echo > /dev/tcp/" + master.address() + "/22");
            assertEquals(0, reach.exitCode(), "hosts reach each other: " + reach.output());
            List<Long> pids = master.processIds();
            assertFalse(pids.isEmpty());
            namespacePrefix = "kwh-";
        }
        assertFalse(Tools.run(10, "ip", "-o", "-4", "addr", "show").output().contains(bridgeAddress + "/24"),
                "the bridge is gone");
        for (String ns : Tools.run(10, "ip", "netns", "list").output().split("\n")) {
            assertFalse(ns.startsWith(namespacePrefix + Long.toString(ProcessHandle.current().pid(), 36)), ns);
        }
    }
}
