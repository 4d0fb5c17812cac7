package dev.kubewizard.run;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How a run is carried out, apart from the recipe and the executors.
 *
 * @param folder             where the journal and the node logs go; null for neither (tests, simulations)
 * @param masker             masks the caller's secrets (SSH, sudo and Harbor passwords) in any text
 * @param values             run-time values no step produces, by name: {@code KW_HARBOR_PASSWORD}
 * @param language           of kubewizard's own notes in the consoles and logs
 * @param listenerLineBacklog lines that may wait for slow listeners before further lines are left out for them
 * @param consoleLines       lines each {@link LineBuffer} keeps until drained
 * @param connectionAttempts how often a step is tried when the executor reports a lost connection
 * @param reconnectDelay     the wait before the next attempt
 * @param resume             take the steps the journal holds as finished; false starts afresh (every step runs its
 *                           check again) and replaces the journal
 */
public record RunSettings(RunFolder folder, UnaryOperator<String> masker, Map<String, String> values,
                          Locale language, int listenerLineBacklog, int consoleLines, int connectionAttempts,
                          Duration reconnectDelay, boolean resume) {
    public RunSettings {
        Objects.requireNonNull(masker, "masker");
        values = Map.copyOf(values);
        Objects.requireNonNull(language, "language");
        if (listenerLineBacklog < 1 || consoleLines < 1 || connectionAttempts < 1) {
            throw new IllegalArgumentException("backlogs and attempts must be at least 1");
        }
        Objects.requireNonNull(reconnectDelay, "reconnectDelay");
    }

    public static RunSettings defaults() {
        return new RunSettings(null, UnaryOperator.identity(), Map.of(), Locale.SIMPLIFIED_CHINESE, 10_000, 5_000, 3,
                Duration.ofSeconds(5), true);
    }

    public RunSettings withFolder(RunFolder newFolder) {
        return new RunSettings(newFolder, masker, values, language, listenerLineBacklog, consoleLines,
                connectionAttempts, reconnectDelay, resume);
    }

    public RunSettings withMasker(UnaryOperator<String> newMasker) {
        return new RunSettings(folder, newMasker, values, language, listenerLineBacklog, consoleLines,
                connectionAttempts, reconnectDelay, resume);
    }

    public RunSettings withValues(Map<String, String> newValues) {
        return new RunSettings(folder, masker, newValues, language, listenerLineBacklog, consoleLines,
                connectionAttempts, reconnectDelay, resume);
    }

    public RunSettings withLanguage(Locale newLanguage) {
        return new RunSettings(folder, masker, values, newLanguage, listenerLineBacklog, consoleLines,
                connectionAttempts, reconnectDelay, resume);
    }

    public RunSettings withListenerLineBacklog(int lines) {
        return new RunSettings(folder, masker, values, language, lines, consoleLines, connectionAttempts,
                reconnectDelay, resume);
    }

    public RunSettings withConsoleLines(int lines) {
        return new RunSettings(folder, masker, values, language, listenerLineBacklog, lines, connectionAttempts,
                reconnectDelay, resume);
    }

    public RunSettings withResume(boolean newResume) {
        return new RunSettings(folder, masker, values, language, listenerLineBacklog, consoleLines, connectionAttempts,
                reconnectDelay, newResume);
    }

    public RunSettings withReconnect(int attempts, Duration delay) {
        return new RunSettings(folder, masker, values, language, listenerLineBacklog, consoleLines, attempts, delay,
                resume);
    }
}
