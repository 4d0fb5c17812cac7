package dev.kubewizard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the real shellcheck over generated scripts: every finding, of any severity, fails the test. */
public final class Shellcheck {
    private Shellcheck() {
    }

    /** Asserts that shellcheck finds nothing in any of the scripts (name → text). */
    public static void assertClean(Map<String, String> scripts) {
        Path shellcheck = Tools.require("shellcheck");
        try {
            Path dir = Files.createTempDirectory("kw-shellcheck");
            List<String> command = new ArrayList<>(List.of(shellcheck.toString(), "-f", "gcc", "-s", "bash",
                    "-S", "style"));
            for (Map.Entry<String, String> e : scripts.entrySet()) {
                Path f = dir.resolve(e.getKey().replaceAll("[^A-Za-z0-9._-]", "_"));
                Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
                command.add(f.toString());
            }
            Tools.Result r;
            try {
                r = Tools.run(300, command);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(dir);
            }
            assertEquals(0, r.exitCode(), "shellcheck findings:\n" + r.output());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static void assertClean(String name, String script) {
        assertClean(Map.of(name, script));
    }
}
