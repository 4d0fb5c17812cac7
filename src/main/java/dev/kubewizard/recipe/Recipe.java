package dev.kubewizard.recipe;

import dev.kubewizard.plan.ClusterPlan;
import java.util.List;

/** Every step of an install, in run order: phase by phase, and within a phase each host's steps in order. */
public record Recipe(ClusterPlan plan, List<Step> steps) {
    public Recipe {
        steps = List.copyOf(steps);
    }

    /** The steps that run on one host, in order. */
    public List<Step> forHost(String hostname) {
        return steps.stream().filter(s -> s.host().equals(hostname)).toList();
    }

    public List<Step> inPhase(Phase phase) {
        return steps.stream().filter(s -> s.phase() == phase).toList();
    }
}
