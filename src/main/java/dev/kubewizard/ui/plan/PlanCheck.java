package dev.kubewizard.ui.plan;

import dev.kubewizard.plan.Violation;
import java.util.Collection;
import java.util.List;

/**
 * The violations of the plan being edited, looked up by field path the way the pages need them: the messages of one
 * field, and whether anything under a page's fields blocks it. Immutable.
 */
public record PlanCheck(List<Violation> violations) {
    public static final PlanCheck NONE = new PlanCheck(List.of());

    public PlanCheck {
        violations = List.copyOf(violations);
    }

    /** The violations of exactly this field. */
    public List<Violation> at(String path) {
        return violations.stream().filter(v -> v.path().equals(path)).toList();
    }

    /** The violations of a field and everything inside it ({@code nodes[1]} holds {@code nodes[1].address}). */
    public List<Violation> under(String prefix) {
        return violations.stream().filter(v -> isUnder(v.path(), prefix)).toList();
    }

    public List<Violation> under(Collection<String> prefixes) {
        return violations.stream().filter(v -> prefixes.stream().anyMatch(p -> isUnder(v.path(), p))).toList();
    }

    public boolean hasErrorsUnder(Collection<String> prefixes) {
        return under(prefixes).stream().anyMatch(Violation::isError);
    }

    public boolean hasErrors() {
        return violations.stream().anyMatch(Violation::isError);
    }

    public List<Violation> warnings() {
        return violations.stream().filter(v -> !v.isError()).toList();
    }

    public List<Violation> errors() {
        return violations.stream().filter(Violation::isError).toList();
    }

    /** Whether a path lies inside a prefix, at a field boundary: nodes[1] holds nodes[1].x but not nodes[10]. */
    static boolean isUnder(String path, String prefix) {
        if (prefix.isEmpty() || path.equals(prefix)) {
            return true;
        }
        if (!path.startsWith(prefix)) {
            return false;
        }
        char next = path.charAt(prefix.length());
        return next == '.' || next == '[';
    }
}
