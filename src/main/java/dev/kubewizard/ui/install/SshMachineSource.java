package dev.kubewizard.ui.install;

import dev.kubewizard.install.ApiServerNodes;
import dev.kubewizard.install.AppFolders;
import dev.kubewizard.install.CalicoDownload;
import dev.kubewizard.install.InstallPasswords;
import dev.kubewizard.install.InstallSetup;
import dev.kubewizard.install.Machines;
import dev.kubewizard.install.SshMachines;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.recipe.RecipeInputs;
import dev.kubewizard.run.RunFolder;
import dev.kubewizard.ssh.HostKeyPrompt;
import dev.kubewizard.ssh.SecretMasker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** The plan's real machines, over SSH with the user's known_hosts, as the command line's install reaches them. */
public final class SshMachineSource implements MachineSource {
    private final AppFolders folders;

    public SshMachineSource(AppFolders folders) {
        this.folders = folders;
    }

    @Override
    public RecipeInputs recipeInputs(ClusterPlan plan, Path planFile) throws IOException, InterruptedException {
        Path dir = planFile == null ? null : planFile.toAbsolutePath().getParent();
        return InstallSetup.recipeInputs(plan, dir, new CalicoDownload(Duration.ofSeconds(30)));
    }

    @Override
    public Machines open(ClusterPlan plan, InstallPasswords passwords, SecretMasker masker, HostKeyPrompt hostKeys) {
        return new SshMachines(plan, InstallSetup.sshShells(folders, hostKeys), passwords, masker,
                new ApiServerNodes(Duration.ofSeconds(10)));
    }

    /** Beside the plan file; for a plan not saved yet, in the app's folder under the cluster's name. */
    @Override
    public RunFolder runFolder(ClusterPlan plan, Path planFile) {
        return planFile != null ? RunFolder.besidePlan(planFile)
                : new RunFolder(folders.logs().resolveSibling("runs").resolve(plan.cluster().name()));
    }
}
