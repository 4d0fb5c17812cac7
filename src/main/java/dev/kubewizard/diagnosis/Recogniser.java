package dev.kubewizard.diagnosis;

/** Reads one normalised output line; returns what it says, or null when the line means nothing to it. */
@FunctionalInterface
interface Recogniser {
    Clue recognise(String line, ScanState state);
}
