package dev.kubewizard.ui.install;

import dev.kubewizard.install.AppFolders;
import dev.kubewizard.install.InstallPasswords;
import java.util.Optional;

/**
 * Demo mode's machines: simulated ones answering like Ubuntu, and the passwords they accept (filled in for the
 * teacher, so nothing has to be typed).
 */
public record DemoMachines(MachineSource source, InstallPasswords passwords) {
    /**
     * The simulated machines of this build. Empty while the build has no simulator: the Welcome page then keeps the
     * demo choice disabled and says why.
     */
    public static Optional<DemoMachines> ofThisBuild(AppFolders folders) {
        return Optional.empty();
    }
}
