package dev.kubewizard.ui.install;

import dev.kubewizard.install.AppFolders;
import dev.kubewizard.install.InstallPasswords;
import dev.kubewizard.sim.SimOptions;
import java.util.Optional;

/**
 * Demo mode's machines: simulated ones answering like Ubuntu, and the passwords they accept (filled in for the
 * teacher, so nothing has to be typed).
 */
public record DemoMachines(MachineSource source, InstallPasswords passwords) {
    /** The simulated machines of this build, at the demo's pace (the course plan in about three minutes). */
    public static Optional<DemoMachines> ofThisBuild(AppFolders folders) {
        SimulatedMachineSource sim = new SimulatedMachineSource(folders, SimOptions.demo());
        return Optional.of(new DemoMachines(sim, sim.passwords()));
    }
}
