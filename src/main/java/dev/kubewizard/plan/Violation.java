package dev.kubewizard.plan;

import dev.kubewizard.text.Text;

/**
 * One problem found in a plan: the field it is about (a path such as {@code nodes[3].address}, the same one the wizard
 * decorates), how bad it is, the message key and the message in both languages.
 */
public record Violation(String path, Severity severity, String key, Text message) {
    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
