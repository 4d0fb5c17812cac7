package dev.kubewizard.install;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.sim.SimOptions;
import dev.kubewizard.sim.SimulatedCluster;
import dev.kubewizard.ssh.HostKeyPrompt;
import dev.kubewizard.ssh.RemoteShellFactory;
import dev.kubewizard.ssh.SecretMasker;
import dev.kubewizard.ssh.SshSettings;
import dev.kubewizard.recipe.RecipeInputs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One simulated Ubuntu node per plan machine, reached through the real SSH code and running the real scripts, on this
 * computer only: the wizard's demo mode and {@code install --simulate}. The simulator's host keys are made here, so
 * they are trusted without asking, in a throw-away known_hosts (never the user's).
 */
public final class SimulatedMachines {
    private SimulatedMachines() {
    }

    private static final String DEMO_CALICO = "/dev/kubewizard/sim/calico-demo.yaml";

    /** The small calico.yaml shipped for simulated runs (the real one is downloaded for real machines). */
    public static RecipeInputs demoRecipeInputs() throws IOException {
        try (InputStream in = SimulatedMachines.class.getResourceAsStream(DEMO_CALICO)) {
            if (in == null) {
                throw new IOException("the demo's calico.yaml is missing from the build");
            }
            return RecipeInputs.withCalicoManifest(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The passwords the simulated machines accept. */
    public static InstallPasswords passwords(SimOptions options, String harborPassword) {
        return new InstallPasswords(options.password(), null, harborPassword);
    }

    public static Machines open(ClusterPlan plan, SimOptions options, InstallPasswords passwords, SecretMasker masker)
            throws IOException {
        SimulatedCluster sim = SimulatedCluster.start(plan, options);
        try {
            Path knownHosts = Files.createTempDirectory("kubewizard-sim").resolve("known_hosts");
            HostKeyPrompt simulatorsOwnKeys = offer -> true;
            RemoteShellFactory shells = sim.redirecting(RemoteShellFactory.jsch(
                    SshSettings.defaults(knownHosts, simulatorsOwnKeys).withConnectTimeout(Duration.ofSeconds(5))));
            return new SshMachines(plan, shells, passwords, masker, new SimulatedClusterNodes(plan, sim), true, sim);
        } catch (IOException | RuntimeException e) {
            sim.close();
            throw e;
        }
    }
}
