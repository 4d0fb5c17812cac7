package dev.kubewizard.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How kubewizard connects, for every node alike.
 *
 * @param knownHosts        the known_hosts file (the app keeps it in its app-data folder); created when missing
 * @param connectTimeout    for the TCP connection and each step of the SSH handshake
 * @param keepaliveInterval a keepalive is sent when the server was silent this long (like ServerAliveInterval)
 * @param keepaliveCountMax after this many unanswered keepalives the connection counts as lost
 */
public record SshSettings(Path knownHosts, HostKeyPrompt hostKeyPrompt, Duration connectTimeout,
                          Duration keepaliveInterval, int keepaliveCountMax) {
    public SshSettings {
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(hostKeyPrompt, "hostKeyPrompt");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
        if (keepaliveCountMax < 1) {
            throw new IllegalArgumentException("keepaliveCountMax must be at least 1");
        }
    }

    /** 10 s to connect; a silent connection is probed every 5 s and given up after 3 unanswered probes. */
    public static SshSettings defaults(Path knownHosts, HostKeyPrompt prompt) {
        return new SshSettings(knownHosts, prompt, Duration.ofSeconds(10), Duration.ofSeconds(5), 3);
    }

    public SshSettings withKeepalive(Duration interval, int countMax) {
        return new SshSettings(knownHosts, hostKeyPrompt, connectTimeout, interval, countMax);
    }

    public SshSettings withConnectTimeout(Duration timeout) {
        return new SshSettings(knownHosts, hostKeyPrompt, timeout, keepaliveInterval, keepaliveCountMax);
    }
}
