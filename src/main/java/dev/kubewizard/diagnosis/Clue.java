package dev.kubewizard.diagnosis;

import java.util.List;

/**
 * What one output line says: a cause, the values its texts need, and whether the line settles it ({@code strong}) or
 * only hints at it (a lock that apt was still waiting for, a warning). Hints are reported only when nothing settles
 * the failure. {@code context} is an earlier line the reader needs to make sense of this one (apt's "Err:4 URL" before
 * its "404  Not Found"), or null.
 */
record Clue(Cause cause, boolean strong, List<String> args, String context) {
    Clue {
        args = List.copyOf(args);
    }

    static Clue of(Cause cause, String... args) {
        return new Clue(cause, true, List.of(args), null);
    }

    static Clue hint(Cause cause, String... args) {
        return new Clue(cause, false, List.of(args), null);
    }

    Clue after(String earlierLine) {
        return new Clue(cause, strong, args, earlierLine);
    }
}
