package dev.kubewizard.run;

import java.time.Instant;
import java.util.Map;

/**
 * What one machine's preflight step reported, and when: the clock fact was read on the machine somewhere between
 * {@code earliest} and {@code latest} (this computer's time), which bounds how far the clocks can really differ.
 */
public record PreflightFacts(Map<String, String> values, Instant earliest, Instant latest) {
    public PreflightFacts {
        values = Map.copyOf(values);
        if (latest.isBefore(earliest)) {
            throw new IllegalArgumentException("the facts were read between " + earliest + " and " + latest);
        }
    }

    public String get(String name) {
        return values.get(name);
    }
}
