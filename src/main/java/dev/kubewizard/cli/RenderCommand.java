package dev.kubewizard.cli;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanValidator;
import dev.kubewizard.plan.Violation;
import dev.kubewizard.recipe.InstallRecipe;
import dev.kubewizard.recipe.Recipe;
import dev.kubewizard.recipe.RecipeInputs;
import dev.kubewizard.recipe.ScriptExport;
import dev.kubewizard.text.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code render PLAN --out DIR}: writes every machine's scripts, checks and files to a folder, for review or to run by
 * hand. An invalid plan writes nothing and exits 2.
 */
final class RenderCommand implements Command {
    @Override
    public String name() {
        return "render";
    }

    @Override
    public String summary(Console console) {
        return Messages.format("cli.render.summary", console.language());
    }

    @Override
    public String usage() {
        return "  kubewizard render PLAN.yaml --out DIR";
    }

    @Override
    public int run(List<String> args, Console console) {
        if (args.size() != 3 || !args.get(1).equals("--out") || args.get(0).startsWith("-")) {
            console.err().println(Messages.format("cli.usage", console.language(), usage().strip()));
            return 2;
        }
        Path file = Path.of(args.get(0));
        Path out = Path.of(args.get(2));
        Optional<ClusterPlan> loaded = PlanArgument.load(file, console);
        if (loaded.isEmpty()) {
            return 2;
        }
        ClusterPlan plan = loaded.get();
        Path planDir = PlanArgument.planDir(file);
        List<Violation> violations = PlanValidator.validate(plan, planDir);
        if (!PlanArgument.report(violations, console, console.err())) {
            console.err().println(Messages.format("cli.render.refused", console.language()));
            return 2;
        }
        RecipeInputs inputs = RecipeInputs.none();
        String manifest = plan.cni() == null || plan.cni().calico() == null ? null : plan.cni().calico().manifest();
        if (manifest != null && !manifest.isBlank()) {
            Path manifestFile = planDir.resolve(manifest);
            try {
                inputs = RecipeInputs.withCalicoManifest(Files.readString(manifestFile, StandardCharsets.UTF_8));
            } catch (IOException e) {
                console.err().println(Messages.format("cli.render.manifestUnreadable", console.language(),
                        manifestFile, e.getMessage()));
                return 2;
            }
        }
        Recipe recipe;
        try {
            recipe = InstallRecipe.build(plan, inputs);
        } catch (IllegalArgumentException e) {
            console.err().println(Messages.format("cli.render.failed", console.language(), e.getMessage()));
            return 2;
        }
        try {
            ScriptExport.Summary summary = ScriptExport.write(recipe, out);
            console.out().println(Messages.format("cli.render.done", console.language(), summary.scripts(),
                    summary.files(), plan.hosts().size(), out));
            return 0;
        } catch (IOException e) {
            console.err().println(Messages.format("cli.render.writeFailed", console.language(), out, e.getMessage()));
            return 1;
        }
    }
}
