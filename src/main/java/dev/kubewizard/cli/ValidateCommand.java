package dev.kubewizard.cli;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanValidator;
import dev.kubewizard.plan.Violation;
import dev.kubewizard.text.Messages;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code validate PLAN}: every problem of a plan as {@code path: severity: message}; exit 0 (warnings only) or 2. */
final class ValidateCommand implements Command {
    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String summary(Console console) {
        return Messages.format("cli.validate.summary", console.language());
    }

    @Override
    public String usage() {
        return "  kubewizard validate PLAN.yaml";
    }

    @Override
    public int run(List<String> args, Console console) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            console.err().println(Messages.format("cli.usage", console.language(), usage().strip()));
            return 2;
        }
        Path file = Path.of(args.get(0));
        Optional<ClusterPlan> plan = PlanArgument.load(file, console);
        if (plan.isEmpty()) {
            return 2;
        }
        List<Violation> violations = PlanValidator.validate(plan.get(), PlanArgument.planDir(file));
        boolean ok = PlanArgument.report(violations, console, console.out());
        long errors = violations.stream().filter(Violation::isError).count();
        console.out().println(Messages.format("cli.validate.result", console.language(), file,
                errors, violations.size() - errors));
        return ok ? 0 : 2;
    }
}
