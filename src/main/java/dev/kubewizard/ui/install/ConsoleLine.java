package dev.kubewizard.ui.install;

/**
 * One line for a machine's console, as the model hands it over in a batch.
 *
 * @param kind HEADER opens a step (its title), WHY says why the course does it, DROPPED says lines were left out
 */
public record ConsoleLine(Kind kind, String text) {
    public enum Kind {
        HEADER, WHY, STDOUT, STDERR, NOTE, DROPPED
    }
}
