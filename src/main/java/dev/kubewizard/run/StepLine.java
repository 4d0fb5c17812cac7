package dev.kubewizard.run;

import java.time.Instant;

/**
 * One line of a step's output as it arrived, already masked once it leaves the orchestrator.
 *
 * @param kind STDOUT and STDERR come from the node; NOTE is kubewizard's own remark (skipped, reconnecting, ...)
 */
public record StepLine(String host, String stepId, Kind kind, Instant time, String text) {
    public enum Kind {
        STDOUT, STDERR, NOTE
    }

    public StepLine withText(String newText) {
        return new StepLine(host, stepId, kind, time, newText);
    }
}
