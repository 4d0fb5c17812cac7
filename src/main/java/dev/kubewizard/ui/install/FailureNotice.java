package dev.kubewizard.ui.install;

import dev.kubewizard.diagnosis.Finding;
import dev.kubewizard.text.Text;
import java.util.List;

/**
 * A failed step as the banner shows it: where, what the diagnosis found (cause, fix and the action to offer), or the
 * last lines when nothing was recognised.
 *
 * @param needsReset the step found leftovers of an earlier kubeadm run: "reset node" comes first
 */
public record FailureNotice(String host, String stepId, Text title, List<Finding> findings, List<String> lastLines,
                            boolean needsReset, boolean resettable) {
    public FailureNotice {
        findings = List.copyOf(findings);
        lastLines = List.copyOf(lastLines);
    }
}
