package dev.kubewizard.run;

import dev.kubewizard.recipe.Step;

/** Names one step of a run: the plan hostname it runs on and its id (unique per host). */
public record StepKey(String host, String stepId) {
    public static StepKey of(Step step) {
        return new StepKey(step.host(), step.id());
    }

    @Override
    public String toString() {
        return host + "/" + stepId;
    }
}
