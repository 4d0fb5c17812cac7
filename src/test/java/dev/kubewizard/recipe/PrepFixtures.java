package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.fail;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanFormatException;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The node-prep tests' own small fixtures (src/test/resources/.../recipe/prep) and a runner for bash snippets. */
final class PrepFixtures {
    private PrepFixtures() {
    }

    static String text(String name) {
        try (InputStream in = PrepFixtures.class.getResourceAsStream("/dev/kubewizard/recipe/prep/" + name)) {
            if (in == null) {
                throw new AssertionError("missing test fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static ClusterPlan plan(String name) {
        try {
            return PlanYaml.parse(text(name), name);
        } catch (PlanFormatException e) {
            throw new AssertionError(name + " does not load: " + e.getMessage(), e);
        }
    }

    /** The course plan, the keepalived plan and the minimal plan. */
    static List<ClusterPlan> allPlans() {
        return List.of(PlanYaml.courseExample(), plan("plan-keepalived.yaml"), plan("plan-minimal.yaml"));
    }

    /**
     * Runs bash text (function definitions followed by the commands under test) with {@code stdin} as standard input,
     * under {@code set -euo pipefail}.
     */
    static Tools.Result bash(String script, String stdin) {
        Path bash = Tools.require("bash");
        try {
            Path dir = Files.createTempDirectory("kw-prep-bash");
            Path file = dir.resolve("script.sh");
            Path in = dir.resolve("stdin");
            Files.writeString(file, "set -euo pipefail\n" + script, StandardCharsets.UTF_8);
            Files.writeString(in, stdin == null ? "" : stdin, StandardCharsets.UTF_8);
            Tools.Result r = Tools.run(60, List.of(bash.toString(), "-c", "exec bash \"$0\" < \"$1\"",
                    file.toString(), in.toString()));
            Files.delete(file);
            Files.delete(in);
            Files.delete(dir);
            return r;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Like {@link #bash} but fails the test unless the script exits 0; returns what it printed. */
    static String bashOk(String script, String stdin) {
        Tools.Result r = bash(script, stdin);
        if (r.exitCode() != 0) {
            fail("bash exited " + r.exitCode() + ":\n" + r.output() + "\n--- script:\n" + script);
        }
        return r.output();
    }
}
