package dev.kubewizard.ssh.testnode;

import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bridge with its own /24 (10.77.X.0/24, X chosen so that it clashes with nothing on the machine) for real
 * OpenSSH test hosts ({@link OpenSshTestHost}), reachable from the test JVM at .11, .12, ... Root only. Closing it
 * stops every host and removes the bridge; names carry the test JVM's pid, so parallel runs do not meet.
 */
public final class OpenSshTestNetwork implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String id;
    private final String bridge;
    private final String prefix;
    private final Path dir;
    private final List<OpenSshTestHost> hosts = new ArrayList<>();
    private final String ip;

    private OpenSshTestNetwork(String id, String prefix, Path dir, String ip) {
        this.id = id;
        this.bridge = "kwb" + id;
        this.prefix = prefix;
        this.dir = dir;
        this.ip = ip;
    }

    /** Makes the bridge; skips the test (or fails it under CI) without root or the programs a host needs. */
    public static OpenSshTestNetwork create() {
        Tools.requireRoot();
        String ip = Tools.require("ip").toString();
        for (String program : List.of("sshd", "unshare", "nsenter", "ssh-keygen", "chpasswd", "sudo", "setsid")) {
            Tools.require(program);
        }
        String id = Long.toString(ProcessHandle.current().pid(), 36) + COUNTER.incrementAndGet();
        String prefix = freePrefix(ip);
        Path dir = Path.of(System.getProperty("kubewizard.target", "target"), "ssh-test-hosts", id)
                .toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OpenSshTestNetwork network = new OpenSshTestNetwork(id, prefix, dir, ip);
        network.ip("link", "add", network.bridge, "type", "bridge");
        try {
            network.ip("addr", "add", prefix + ".1/24", "dev", network.bridge);
            network.ip("link", "set", network.bridge, "up");
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
        return network;
    }

    /** A new host on this network, at the next free address. */
    public OpenSshTestHost.Builder host(String hostname) {
        return new OpenSshTestHost.Builder(this, hostname);
    }

    /** The network's own address, which the test JVM uses to reach the hosts. */
    public String gateway() {
        return prefix + ".1";
    }

    String id() {
        return id;
    }

    String bridge() {
        return bridge;
    }

    Path directory() {
        return dir;
    }

    String ipProgram() {
        return ip;
    }

    synchronized String nextAddress(OpenSshTestHost host) {
        hosts.add(host);
        return prefix + "." + (10 + hosts.size());
    }

    synchronized int hostNumber() {
        return hosts.size() + 1;
    }

    @Override
    public void close() {
        List<OpenSshTestHost> toClose;
        synchronized (this) {
            toClose = new ArrayList<>(hosts);
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        Tools.run(10, ip, "link", "del", bridge);
    }

    void ip(String... args) {
        List<String> command = new ArrayList<>(List.of(ip));
        command.addAll(List.of(args));
        Tools.Result r = Tools.run(10, command);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + r.output());
        }
    }

    /** 10.77.X with X not used by any address or route here; starts at a pid-based X so parallel runs differ. */
    private static String freePrefix(String ip) {
        String used = Tools.run(10, ip, "-o", "-4", "addr", "show").output()
                + Tools.run(10, ip, "-4", "route", "show", "table", "all").output();
        int start = (int) (ProcessHandle.current().pid() % 150);
        for (int i = 0; i < 150; i++) {
            int x = 100 + (start + i) % 150;
            if (!used.contains("10.77." + x + ".")) {
                return "10.77." + x;
            }
        }
        throw new IllegalStateException("no free 10.77.X.0/24 network for test hosts");
    }
}
