package dev.kubewizard.ui.install;

import java.time.Duration;

/**
 * What the overview shows for a machine in a phase.
 *
 * @param time how long its steps ran (the running one until now); zero when none ran
 * @param done how many of its steps are done
 * @param total how many steps it has in the phase
 */
public record GridCell(CellState state, Duration time, int done, int total) {
    public static final GridCell NONE = new GridCell(CellState.NONE, Duration.ZERO, 0, 0);
}
