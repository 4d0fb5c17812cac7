package dev.kubewizard.run;

import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.UnaryOperator;

/**
 * Masks every text that leaves the run (lines, log files, journal, support bundle): first with the caller's masker
 * (which knows the SSH, sudo and Harbor passwords), then by replacing every secret value the run itself has seen
 * (join tokens, certificate keys, secret inputs). Values shorter than {@value #MIN_LENGTH} characters are not
 * replaced on their own: masking "1" would garble every number.
 */
final class SecretMasking implements UnaryOperator<String> {
    static final String MASK = "******";
    static final int MIN_LENGTH = 4;

    private final UnaryOperator<String> caller;
    // Longest first, so that a secret containing another is replaced whole.
    private final Set<String> values = new ConcurrentSkipListSet<>(
            Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

    SecretMasking(UnaryOperator<String> caller) {
        this.caller = Objects.requireNonNull(caller, "masker");
    }

    void add(String secret) {
        if (secret != null && secret.strip().length() >= MIN_LENGTH) {
            values.add(secret);
            if (!secret.strip().equals(secret)) {
                values.add(secret.strip());
            }
        }
    }

    @Override
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String masked = caller.apply(text);
        for (String v : values) {
            if (masked.contains(v)) {
                masked = masked.replace(v, MASK);
            }
        }
        return masked;
    }
}
