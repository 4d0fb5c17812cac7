package dev.kubewizard.ui.install;

import dev.kubewizard.install.AppFolders;
import dev.kubewizard.install.InstallPasswords;
import dev.kubewizard.install.Machines;
import dev.kubewizard.install.SimulatedClusterNodes;
import dev.kubewizard.install.SshMachines;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.recipe.RecipeInputs;
import dev.kubewizard.run.RunFolder;
import dev.kubewizard.sim.SimOptions;
import dev.kubewizard.sim.SimulatedCluster;
import dev.kubewizard.ssh.HostKeyPrompt;
import dev.kubewizard.ssh.RemoteShellFactory;
import dev.kubewizard.ssh.SecretMasker;
import dev.kubewizard.ssh.SshSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Demo mode's machines: one simulated Ubuntu node per plan machine ({@link SimulatedCluster}), reached through the
 * real SSH code and running the real scripts, on this computer only. The simulator's host keys are made here, so the
 * demo trusts them without asking, in a known_hosts of its own; its calico.yaml is the small one shipped for it.
 */
public final class SimulatedMachineSource implements MachineSource {
    public static final String HARBOR_PASSWORD = "Harbor12345";
    private static final String CALICO = "/dev/kubewizard/ui/demo/calico-demo.yaml";

    private final AppFolders folders;
    private final SimOptions options;

    public SimulatedMachineSource(AppFolders folders, SimOptions options) {
        this.folders = folders;
        this.options = options;
    }

    /** The passwords the simulated machines accept, filled in for the teacher. */
    public InstallPasswords passwords() {
        return new InstallPasswords(options.password(), null, HARBOR_PASSWORD);
    }

    @Override
    public RecipeInputs recipeInputs(ClusterPlan plan, Path planFile) throws IOException {
        try (InputStream in = SimulatedMachineSource.class.getResourceAsStream(CALICO)) {
            if (in == null) {
                throw new IOException("the demo's calico.yaml is missing from the build");
            }
            return RecipeInputs.withCalicoManifest(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public Machines open(ClusterPlan plan, InstallPasswords passwords, SecretMasker masker, HostKeyPrompt hostKeys)
            throws IOException {
        SimulatedCluster sim = SimulatedCluster.start(plan, options);
        try {
            Path knownHosts = Files.createTempDirectory("kubewizard-demo").resolve("known_hosts");
            HostKeyPrompt simulatorsOwnKeys = offer -> true;
            RemoteShellFactory shells = sim.redirecting(RemoteShellFactory.jsch(
                    SshSettings.defaults(knownHosts, simulatorsOwnKeys).withConnectTimeout(Duration.ofSeconds(5))));
            return new SshMachines(plan, shells, passwords, masker, new SimulatedClusterNodes(plan, sim), true, sim);
        } catch (IOException | RuntimeException e) {
            sim.close();
            throw e;
        }
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
