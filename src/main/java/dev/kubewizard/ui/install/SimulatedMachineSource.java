package dev.kubewizard.ui.install;

import dev.kubewizard.install.AppFolders;
import dev.kubewizard.install.InstallPasswords;
import dev.kubewizard.install.Machines;
import dev.kubewizard.install.SimulatedMachines;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.recipe.RecipeInputs;
import dev.kubewizard.run.RunFolder;
import dev.kubewizard.sim.SimOptions;
import dev.kubewizard.ssh.HostKeyPrompt;
import dev.kubewizard.ssh.SecretMasker;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Demo mode's machines: one simulated Ubuntu node per plan machine (dev.kubewizard.sim.SimulatedCluster), reached through the
 * real SSH code and running the real scripts, on this computer only. The simulator's host keys are made here, so the
 * demo trusts them without asking, in a known_hosts of its own; its calico.yaml is the small one shipped for it.
 */
public final class SimulatedMachineSource implements MachineSource {
    public static final String HARBOR_PASSWORD = "Harbor12345";

    private final AppFolders folders;
    private final SimOptions options;

    public SimulatedMachineSource(AppFolders folders, SimOptions options) {
        this.folders = folders;
        this.options = options;
    }

    /** The passwords the simulated machines accept, filled in for the teacher. */
    public InstallPasswords passwords() {
        return SimulatedMachines.passwords(options, HARBOR_PASSWORD);
    }

    @Override
    public RecipeInputs recipeInputs(ClusterPlan plan, Path planFile) throws IOException {
        return SimulatedMachines.demoRecipeInputs();
    }

    @Override
    public Machines open(ClusterPlan plan, InstallPasswords passwords, SecretMasker masker, HostKeyPrompt hostKeys)
            throws IOException {
        return SimulatedMachines.open(plan, options, passwords, masker);
    }

    /** Beside the app's logs, apart from real runs; a demo starts afresh each time. */
    @Override
    public RunFolder runFolder(ClusterPlan plan, Path planFile) {
        return new RunFolder(folders.logs().resolveSibling("demo-runs").resolve(plan.cluster().name()));
    }

    @Override
    public boolean resumes() {
        return false;
    }

    @Override
    public boolean simulated() {
        return true;
    }
}
