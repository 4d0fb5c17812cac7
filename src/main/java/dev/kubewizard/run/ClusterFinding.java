package dev.kubewizard.run;

import dev.kubewizard.plan.Severity;
import dev.kubewizard.text.Text;
import java.util.List;

/**
 * A problem found by comparing the preflight facts of all machines. An ERROR stops the run before any change.
 *
 * @param code  a stable name for tests and diagnosis, e.g. {@code duplicate-product-uuid}
 * @param hosts the machines concerned
 */
public record ClusterFinding(Severity severity, String code, List<String> hosts, Text message) {
    public ClusterFinding {
        hosts = List.copyOf(hosts);
    }
}
