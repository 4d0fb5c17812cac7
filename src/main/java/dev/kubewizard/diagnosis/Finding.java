package dev.kubewizard.diagnosis;

import dev.kubewizard.text.Text;
import java.util.List;
import java.util.Objects;

/**
 * A recognised failure: what happened and why ({@code cause}), the exact thing to do ({@code fix}), in Chinese and
 * English, and the output lines it was recognised by.
 *
 * @param id       stable, lower-case words joined by '-', e.g. {@code dpkg-lock}; the same cause always has the same id
 * @param remedy   the kubewizard action the fix ends with
 * @param evidence the matching output lines (at most {@value Diagnosis#MAX_EVIDENCE}), in the order they were printed;
 *                 empty when the finding comes from how the step ended (a lost connection, an exit code)
 */
public record Finding(String id, Text cause, Text fix, Remedy remedy, List<String> evidence) {
    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(remedy, "remedy");
        evidence = List.copyOf(evidence);
    }
}
