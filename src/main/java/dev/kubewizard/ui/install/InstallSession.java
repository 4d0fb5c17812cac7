package dev.kubewizard.ui.install;

import dev.kubewizard.install.Machines;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.recipe.Recipe;
import dev.kubewizard.run.Orchestrator;
import dev.kubewizard.ssh.SecretMasker;

/** One install the wizard started: what it runs, where, and the engine running it. The Finish page reads it too. */
public record InstallSession(ClusterPlan plan, Recipe recipe, Machines machines, Orchestrator orchestrator,
                             SecretMasker masker) {
    public boolean simulated() {
        return machines.simulated();
    }
}
