package dev.kubewizard.run;

import dev.kubewizard.recipe.Step;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One step in a run: mutated under the orchestrator's lock, its state readable from any thread. */
final class StepSlot {
    final StepKey key;
    final Step step;
    volatile StepState state = StepState.PENDING;
    StepResult result;
    StepKey blockedBy;
    /** Every output of its last finished execution, secret ones too: they are read by later steps, never shown. */
    Map<String, String> outputs = Map.of();
    volatile Map<String, String> freshOutputs = Map.of();
    volatile Instant started;
    volatile Instant finished;
    /** When the line with the preflight clock fact arrived (this computer's time). */
    volatile Instant clockSeen;
    boolean fromJournal;
    /**
     * Join data not made because the machine it was for had already joined (its check passed): the join then only
     * checks again, without values.
     */
    volatile boolean skippedForConsumer;

    StepSlot(StepKey key, Step step) {
        this.key = key;
        this.step = step;
    }

    StepStatus status() {
        return new StepStatus(key, step, state, Optional.ofNullable(result), Optional.ofNullable(started),
                Optional.ofNullable(finished), fromJournal);
    }
}
