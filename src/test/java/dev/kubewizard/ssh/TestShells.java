package dev.kubewizard.ssh;

import dev.kubewizard.ssh.testnode.MinaTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shells and listeners for the tests against the in-process server. */
final class TestShells {
    static final String PASSWORD = "Kw-pass-Ω-2026";

    private TestShells() {
    }

    /** Quick timeouts; every unknown host key is trusted. */
    static SshSettings settings(Path knownHosts) {
        return new SshSettings(knownHosts, offer -> true, Duration.ofSeconds(5), Duration.ofSeconds(2), 3);
    }

    static JschRemoteShell passwordShell(MinaTestServer server, Path dir) {
        return new JschRemoteShell(new SshTarget(server.host(), server.port(), "kwtest",
                SshCredentials.password(PASSWORD)), settings(dir.resolve("known_hosts")), new SecretMasker());
    }

    /** Keeps every line a listener was given. */
    static class Lines implements StepObserver {
        final List<OutputLine> lines = new CopyOnWriteArrayList<>();
        final List<Stage> stages = new CopyOnWriteArrayList<>();

        @Override
        public void onLine(OutputLine line) {
            lines.add(line);
        }

        @Override
        public void stage(Stage stage) {
            stages.add(stage);
        }

        List<String> texts(OutputLine.Source source) {
            return lines.stream().filter(l -> l.source() == source).map(OutputLine::text).toList();
        }

        String all() {
            StringBuilder b = new StringBuilder();
            lines.forEach(l -> b.append(l.source()).append(": ").append(l.text()).append('\n'));
            return b.toString();
        }
    }
}
