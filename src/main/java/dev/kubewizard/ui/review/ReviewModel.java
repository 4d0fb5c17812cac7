package dev.kubewizard.ui.review;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.plan.Violation;
import dev.kubewizard.recipe.InstallRecipe;
import dev.kubewizard.recipe.Recipe;
import dev.kubewizard.recipe.RecipeInputs;
import dev.kubewizard.recipe.ScriptExport;
import dev.kubewizard.recipe.Step;
import dev.kubewizard.recipe.StepFile;
import dev.kubewizard.text.Messages;
import dev.kubewizard.text.Text;
import dev.kubewizard.ui.plan.PlanDraft;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last look before installing: a summary of the plan, its warnings, and every machine's generated steps and files
 * exactly as they will run (read-only); save the plan, or export the scripts to a folder to read or run by hand.
 */
public final class ReviewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewModel.class);

    private final PlanDraft draft;
    private final Consumer<Path> rememberPlan;
    // Properties
    private final ReadOnlyObjectWrapper<Recipe> recipe = new ReadOnlyObjectWrapper<>(this, "recipe");
    private final ReadOnlyObjectWrapper<Text> recipeProblem = new ReadOnlyObjectWrapper<>(this, "recipeProblem");
    private final ObjectBinding<List<Violation>> warnings;
    private final ObjectBinding<List<Violation>> errors;
    private final BooleanBinding valid;

    /** @param rememberPlan called with a saved plan file, to offer it again next time */
    public ReviewModel(PlanDraft draft, Consumer<Path> rememberPlan) {
        this.draft = draft;
        this.rememberPlan = rememberPlan;
        warnings = Bindings.createObjectBinding(() -> draft.check().warnings(), draft.checkProperty());
        errors = Bindings.createObjectBinding(() -> draft.check().errors(), draft.checkProperty());
        valid = Bindings.createBooleanBinding(() -> draft.loadedProperty().get() && !draft.check().hasErrors(),
                draft.checkProperty(), draft.loadedProperty());
    }

    public PlanDraft draft() {
        return draft;
    }

    /** The steps for the plan as it was at the last {@link #refresh()}; null while the plan has errors. */
    public ReadOnlyObjectProperty<Recipe> recipeProperty() {
        return recipe.getReadOnlyProperty();
    }

    /** Why there are no steps to show (errors in the plan, or a generator failure); null when there are. */
    public ReadOnlyObjectProperty<Text> recipeProblemProperty() {
        return recipeProblem.getReadOnlyProperty();
    }

    public ObjectBinding<List<Violation>> warningsProperty() {
        return warnings;
    }

    public ObjectBinding<List<Violation>> errorsProperty() {
        return errors;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    /** The machines in run order, for the host list. */
    public List<PlanHost> hosts() {
        Recipe r = recipe.get();
        return r == null ? List.of() : r.plan().hosts();
    }

    public List<Step> steps(String hostname) {
        Recipe r = recipe.get();
        return r == null ? List.of() : r.forHost(hostname);
    }

    /** A file as the step writes it, with its variant (chosen on the node) named in the header. */
    public static String fileText(StepFile f) {
        String header = "# " + f.path() + "  (" + f.mode() + (f.variant() == null ? "" : ", " + f.variant()) + ")\n";
        return header + f.content();
    }

    // Commands

    /** Generates the steps again from the plan as it is now. */
    public void refresh() {
        if (!draft.loadedProperty().get()) {
            recipe.set(null);
            recipeProblem.set(Messages.text("ui.review.noPlan"));
            return;
        }
        if (draft.check().hasErrors()) {
            recipe.set(null);
            recipeProblem.set(Messages.text("ui.review.planHasErrors", draft.check().errors().size()));
            return;
        }
        try {
            recipe.set(InstallRecipe.build(draft.toPlan(), RecipeInputs.none()));
            recipeProblem.set(null);
        } catch (RuntimeException e) {
            LOG.error("steps could not be generated for a plan without validation errors", e);
            recipe.set(null);
            recipeProblem.set(Messages.text("ui.review.generatorFailed", String.valueOf(e.getMessage())));
        }
    }

    /** Writes the plan file (never a password) and remembers it as the last plan. */
    public void savePlan(Path file) throws IOException {
        ClusterPlan plan = draft.toPlan();
        PlanYaml.write(plan, file);
        draft.planFileProperty().set(file);
        rememberPlan.accept(file);
        LOG.info("plan saved to {}", file);
    }

    /** Writes every script, check and file to a folder (empty, or an earlier export, which is replaced). */
    public ScriptExport.Summary exportScripts(Path folder) throws IOException {
        refresh();
        Recipe r = recipe.get();
        if (r == null) {
            throw new IOException(recipeProblem.get() == null ? "no steps" : recipeProblem.get().en());
        }
        ScriptExport.Summary summary = ScriptExport.write(r, folder);
        LOG.info("scripts exported to {}: {} scripts, {} files", folder, summary.scripts(), summary.files());
        return summary;
    }
}
