package dev.kubewizard.install;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.recipe.RecipeInputs;
import dev.kubewizard.run.RunFolder;
import dev.kubewizard.run.RunSettings;
import dev.kubewizard.ssh.HostKeyPrompt;
import dev.kubewizard.ssh.RemoteShellFactory;
import dev.kubewizard.ssh.SecretMasker;
import dev.kubewizard.ssh.SshSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The pieces of an install over SSH that the command line and the wizard share: the Calico manifest (the plan's own
 * file, or downloaded and checked on this computer), real SSH with the user's known_hosts, and the run's settings.
 */
public final class InstallSetup {
    private InstallSetup() {
    }

    /** Whether {@link #recipeInputs} will download calico.yaml (the plan names no local file). */
    public static boolean downloadsCalico(ClusterPlan plan) {
        String manifest = plan.cni().calico().manifest();
        return manifest == null || manifest.isBlank();
    }

    /**
     * The recipe's inputs: the plan's calico.yaml (relative to the plan's folder), or the one for its version from
     * {@code download}.
     */
    public static RecipeInputs recipeInputs(ClusterPlan plan, Path planDir, CalicoDownload download)
            throws IOException, InterruptedException {
        var calico = plan.cni().calico();
        if (!downloadsCalico(plan)) {
            Path file = planDir == null ? Path.of(calico.manifest()) : planDir.resolve(calico.manifest());
            return RecipeInputs.withCalicoManifest(Files.readString(file, StandardCharsets.UTF_8));
        }
        return RecipeInputs.withCalicoManifest(download.fetch(calico.version()));
    }

    /** Real SSH: host keys checked against (and trusted into) the user's known_hosts in the app folder. */
    public static RemoteShellFactory sshShells(AppFolders folders, HostKeyPrompt prompt) {
        return RemoteShellFactory.jsch(SshSettings.defaults(folders.knownHosts(), prompt));
    }

    /** The run's settings: journal and logs in {@code folder} (null for none), every line masked. */
    public static RunSettings runSettings(RunFolder folder, SecretMasker masker, Map<String, String> values,
                                          Locale language, boolean resume) {
        return RunSettings.defaults().withFolder(folder).withMasker(masker::mask).withValues(values)
                .withResume(resume).withLanguage(language);
    }
}
