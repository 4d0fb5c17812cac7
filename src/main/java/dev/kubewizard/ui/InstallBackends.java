package dev.kubewizard.ui;

import dev.kubewizard.install.AppFolders;
import dev.kubewizard.kubeconfig.KubeconfigFiles;
import dev.kubewizard.ui.install.DemoMachines;
import dev.kubewizard.ui.install.MachineSource;
import dev.kubewizard.ui.install.SshMachineSource;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the Install and Finish pages work with: the real machines, the demo's simulated ones (if this build has them),
 * and kubectl's default kubeconfig. Tests give fakes and a temporary folder.
 */
public record InstallBackends(MachineSource machines, Optional<DemoMachines> demo, Supplier<Path> defaultKubeconfig) {
    public static InstallBackends ofThisUser(AppFolders folders) {
        return new InstallBackends(new SshMachineSource(folders), DemoMachines.ofThisBuild(folders),
                KubeconfigFiles::defaultPath);
    }
}
