package dev.kubewizard.cli;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanFormatException;
import dev.kubewizard.plan.PlanValidator;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.plan.Violation;
import dev.kubewizard.text.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Loading and checking the plan a command was given, with messages instead of stack traces. */
final class PlanArgument {
    private PlanArgument() {
    }

    /** The plan, or empty after printing why it cannot be read. */
    static Optional<ClusterPlan> load(Path file, Console console) {
        if (!Files.isRegularFile(file)) {
            console.err().println(Messages.format("cli.plan.missing", console.language(), file));
            return Optional.empty();
        }
        try {
            return Optional.of(PlanYaml.read(file));
        } catch (PlanFormatException e) {
            console.err().println(e.describe(console.language()));
            return Optional.empty();
        } catch (IOException e) {
            console.err().println(Messages.format("cli.plan.unreadable", console.language(), file, e.getMessage()));
            return Optional.empty();
        }
    }

    /** Prints every violation as {@code path: severity: message}; true when none is an error. */
    static boolean report(List<Violation> violations, Console console, java.io.PrintStream to) {
        for (Violation v : violations) {
            String severity = Messages.format(v.isError() ? "cli.severity.error" : "cli.severity.warning",
                    console.language());
            to.println(v.path() + ": " + severity + ": " + (console.english() ? v.message().en() : v.message().zh()));
        }
        return !PlanValidator.hasErrors(violations);
    }

    static Path planDir(Path planFile) {
        Path parent = planFile.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }
}
