package dev.kubewizard.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real programs and shared files that some tests need. Missing ones skip the test with a clear message on a
 * developer's machine, and fail it when CI=true (CI must install everything the tests need).
 */
public final class Tools {
    private Tools() {
    }

    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (or, under CI, fails) the test with this reason. */
    public static void missing(String reason) {
        if (ci()) {
            fail("CI=true but " + reason);
        }
        Assumptions.abort(reason);
    }

    /** The absolute path of a program on the PATH (or under /usr/sbin, /sbin), else skip/fail. */
    public static Path require(String program) {
        Path found = find(program);
        if (found == null) {
            missing(program + " is not installed (see .ci/run for the apt packages)");
        }
        return found;
    }

    public static Path find(String program) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Requires root (network namespaces, real daemons), else skip/fail. */
    public static void requireRoot() {
        if (!"root".equals(System.getProperty("user.name"))) {
            missing("this test needs root (network namespaces, real daemons); CI runs as root");
        }
    }

    /** A file of ../shared/fixtures, else skip/fail. */
    public static Path sharedFixture(String name) {
        Path base = Path.of(System.getProperty("kubewizard.shared", "../shared"));
        Path file = base.resolve("fixtures").resolve(name);
        if (!Files.isRegularFile(file)) {
            missing("../shared/fixtures/" + name + " is not here (a clone outside the workplace has no ../shared)");
        }
        return file;
    }

    public static String readShared(String name) {
        try {
            return Files.readString(sharedFixture(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** What a finished program printed, with its exit code. */
    public record Result(int exitCode, String output) {
    }

    /** Runs a program to the end (at most {@code seconds}), stdout and stderr merged, UTF-8. */
    public static Result run(int seconds, List<String> command) {
        return run(seconds, command, null);
    }

    public static Result run(int seconds, List<String> command, Path workDir) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + seconds + " s: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static Result run(int seconds, String... command) {
        return run(seconds, List.of(command));
    }
}
