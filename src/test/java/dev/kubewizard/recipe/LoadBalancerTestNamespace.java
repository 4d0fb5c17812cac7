package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubewizard.testing.Tools;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace made by a test (root only): its own loopback and interfaces, so that daemons can listen and
 * addresses like 192.168.1.x can exist without touching the machine's network. Closing it ends the processes
 * inside and deletes it.
 */
final class LoadBalancerTestNamespace implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final String name;
    private final String ip;

    private LoadBalancerTestNamespace(String name, String ip) {
        this.name = name;
        this.ip = ip;
    }

    static LoadBalancerTestNamespace create() {
        Tools.requireRoot();
        String ip = Tools.require("ip").toString();
        String name = "kwlb-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        LoadBalancerTestNamespace ns = new LoadBalancerTestNamespace(name, ip);
        ns.ip("netns", "add", name);
        ns.ip("-n", name, "link", "set", "lo", "up");
        return ns;
    }

    String name() {
        return name;
    }

    /** Adds an interface (a dummy, or a veth pair where the kernel has no dummy driver), up, with an address. */
    void addInterface(String ifname, String cidr) {
        Tools.Result dummy = Tools.run(10, ip, "-n", name, "link", "add", ifname, "type", "dummy");
        if (dummy.exitCode() != 0) {
            ip("-n", name, "link", "add", ifname, "type", "veth", "peer", "name", ifname + "p");
            ip("-n", name, "link", "set", ifname + "p", "up");
        }
        ip("-n", name, "link", "set", ifname, "up");
        if (cidr != null) {
            ip("-n", name, "addr", "add", cidr, "dev", ifname);
        }
    }

    /** Runs a program inside the namespace. */
    Tools.Result run(int seconds, String... command) {
        return Tools.run(seconds, prefixed(command));
    }

    List<String> prefixed(String... command) {
        List<String> full = new ArrayList<>(List.of(ip, "netns", "exec", name));
        full.addAll(List.of(command));
        return full;
    }

    /**
     * keepalived -t on DIR/keepalived.conf inside the namespace, with DIR mounted over /etc/keepalived in a private
     * mount namespace (keepalived refuses a track script it cannot find; the machine's /etc is never touched).
     */
    Tools.Result keepalivedConfigTest(java.nio.file.Path etcKeepalived) {
        java.nio.file.Path keepalived = Tools.require("keepalived");
        java.nio.file.Path unshare = Tools.require("unshare");
        if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of("/etc/keepalived"))) {
            Tools.missing("/etc/keepalived is missing (apt-get install keepalived)");
        }
        return run(30, unshare.toString(), "--mount", "--propagation", "private", "sh", "-c",
                "mount --bind \"$1\" /etc/keepalived && exec \"$2\" -t -f /etc/keepalived/keepalived.conf",
                "sh", etcKeepalived.toString(), keepalived.toString());
    }

    @Override
    public void close() {
        // only processes started inside this namespace, which this test made
        Tools.Result pids = Tools.run(10, ip, "netns", "pids", name);
        for (String pid : pids.output().trim().split("\\s+")) {
            if (pid.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        Tools.run(10, ip, "netns", "del", name);
    }

    private void ip(String... args) {
        List<String> command = new ArrayList<>(List.of(ip));
        command.addAll(List.of(args));
        Tools.Result r = Tools.run(10, command);
        assertEquals(0, r.exitCode(), String.join(" ", command) + "\n" + r.output());
    }
}
