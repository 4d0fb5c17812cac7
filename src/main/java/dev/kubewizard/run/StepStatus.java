package dev.kubewizard.run;

import dev.kubewizard.recipe.Step;
import java.time.Instant;
import java.util.Optional;

/**
 * One step as it stands now, for a screen or a summary.
 *
 * @param fromJournal finished in an earlier run (read from the journal), not run again
 */
public record StepStatus(StepKey key, Step step, StepState state, Optional<StepResult> result,
                         Optional<Instant> started, Optional<Instant> finished, boolean fromJournal) {
}
