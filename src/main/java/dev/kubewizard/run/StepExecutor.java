package dev.kubewizard.run;

import dev.kubewizard.recipe.Step;
import java.util.Map;

/**
 * Runs steps on one machine. The orchestrator makes one per host (a {@code Function<PlanHost, StepExecutor>}) on
 * first use and closes it when the orchestrator is closed.
 *
 * <p>{@link #execute} runs the step's check first and, only when the check does not pass, the script with the inputs
 * written to its standard input (one line each, in the order of {@link Step#inputs()}). It reports every output line to
 * the sink as it arrives and returns the outcome; it should not throw (an exception counts as FAILED). It must stop
 * soon after {@code cancel} fires and then return CANCELLED. It may be called concurrently for the same host: the
 * first master makes the join data for several workers at once.
 *
 * <p>The values a step prints with {@code ::kubewizard-output NAME=value} come back in {@link StepResult#outputs()}
 * as they are (the next step reads them); the lines themselves may be passed to the sink as well, masked or not: the
 * orchestrator learns secret values from them and masks them, and times the preflight clock reading by them.
 * Passwords the executor needs for itself (SSH, sudo) are its own business and are masked by the run's masker.
 */
public interface StepExecutor extends AutoCloseable {
    StepResult execute(Step step, Map<String, String> inputs, LineSink sink, Cancellation cancel);

    /** What running only a step's check found. */
    enum Check {
        /** Exit 0: the step is in place and would be skipped. */
        PASSES,
        DOES_NOT_PASS,
        /** The executor cannot run a check on its own, or the check could not run (connection, cancel). */
        UNKNOWN
    }

    /**
     * Runs only the step's check and changes nothing: the orchestrator asks a joining machine whether it has joined
     * before the first master makes join data for it. Lines the check prints go to the sink. It should not throw.
     */
    default Check check(Step step, LineSink sink, Cancellation cancel) {
        return Check.UNKNOWN;
    }

    @Override
    default void close() {
    }
}
