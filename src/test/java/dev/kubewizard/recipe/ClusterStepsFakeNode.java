package dev.kubewizard.recipe;

import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a generated step script as if on a node: the node's directories are moved under a temporary root (the script
 * text is rewritten), and fake programs (kubeadm, kubectl, ss, ...) come first on the PATH. The fakes can record what
 * they were called with under {@code $KW_FAKE_LOG}.
 */
final class ClusterStepsFakeNode {
    /** Node directories the cluster steps touch; each moves under {@link #root}. */
    private static final List<String> NODE_DIRS = List.of("/etc/kubernetes", "/etc/kubewizard", "/etc/cni",
            "/var/lib/etcd", "/var/lib/calico", "/var/run/calico", "/var/lib/cni", "/var/backups/kubewizard", "/root/");

    final Path root;
    final Path bin;
    final Path log;

    record Run(int exitCode, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }
    }

    ClusterStepsFakeNode(Path dir) {
        try {
            root = Files.createDirectories(dir.resolve("node"));
            bin = Files.createDirectories(dir.resolve("bin"));
            log = Files.createDirectories(dir.resolve("log"));
            Files.createDirectories(root.resolve("root"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Nothing listens anywhere unless a test says so.
        fake("ss", "exit 0");
    }

    /** A fake program: bash body; {@code $KW_FAKE_ROOT} is the node root, {@code $KW_FAKE_LOG} a log directory. */
    ClusterStepsFakeNode fake(String name, String body) {
        Path p = bin.resolve(name);
        try {
            Files.writeString(p, "#!/usr/bin/env bash\nset -euo pipefail\n" + body + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The node path {@code absolute} (e.g. /etc/kubernetes/admin.conf) inside the fake root. */
    Path path(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    String localize(String script) {
        String s = script;
        for (String dir : NODE_DIRS) {
            s = s.replace(dir, root + dir);
        }
        return s;
    }

    Run run(String script, String stdin) {
        Path bash = Tools.require("bash");
        try {
            Path file = Files.createTempFile(log, "step", ".sh");
            Files.writeString(file, localize(script), StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder(bash.toString(), file.toString());
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            pb.environment().put("KW_FAKE_ROOT", root.toString());
            pb.environment().put("KW_FAKE_LOG", log.toString());
            pb.environment().remove("SUDO_USER");
            Process p = pb.start();
            CompletableFuture<String> out = read(p.getInputStream());
            CompletableFuture<String> err = read(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the script did not finish within 60 s");
            }
            return new Run(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** What a fake wrote to {@code $KW_FAKE_LOG/name}, or "" when it was never called. */
    String logged(String name) {
        Path p = log.resolve(name);
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of every file under the node root (to prove a secret never landed in one). */
    String everyNodeFile() {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                b.append(f).append('\n').append(Files.readString(f, StandardCharsets.ISO_8859_1)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString();
    }

    private static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
