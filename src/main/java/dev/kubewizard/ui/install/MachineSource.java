package dev.kubewizard.ui.install;

import dev.kubewizard.install.InstallPasswords;
import dev.kubewizard.install.Machines;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.recipe.RecipeInputs;
import dev.kubewizard.run.RunFolder;
import dev.kubewizard.ssh.HostKeyPrompt;
import dev.kubewizard.ssh.SecretMasker;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the wizard's install runs: the plan's real machines over SSH ({@link SshMachineSource}), simulated ones in
 * demo mode, fakes in tests. Called off the FX thread (a download or a simulated server start may take a moment).
 */
public interface MachineSource {
    /** The recipe's inputs (calico.yaml) for this plan; {@code planFile} is null for a plan not saved yet. */
    RecipeInputs recipeInputs(ClusterPlan plan, Path planFile) throws IOException, InterruptedException;

    /** The machines, reached with these passwords; unknown host keys are put to {@code hostKeys}. */
    Machines open(ClusterPlan plan, InstallPasswords passwords, SecretMasker masker, HostKeyPrompt hostKeys)
            throws IOException;

    /** Where the journal and the node logs go. */
    RunFolder runFolder(ClusterPlan plan, Path planFile);

    /** Whether an earlier run's journal is honoured (a demo always starts afresh). */
    default boolean resumes() {
        return true;
    }

    /** True for simulated machines: every page then says "demo". */
    default boolean simulated() {
        return false;
    }
}
