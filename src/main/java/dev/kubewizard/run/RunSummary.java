package dev.kubewizard.run;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanHost;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The plain-text summary of a run that opens a support bundle: versions, machines, step states, failures. */
final class RunSummary {
    private RunSummary() {
    }

    static String text(ClusterPlan plan, List<StepStatus> steps, Map<String, NodeState> nodes,
                       List<ClusterFinding> findings, RunResult result, RunListener.Progress progress) {
        StringBuilder b = new StringBuilder();
        b.append("kubewizard support bundle, written ").append(Instant.now()).append('\n');
        b.append("kubewizard ").append(version()).append(" · Java ").append(System.getProperty("java.version"))
                .append(" · ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.version")).append('\n');
        b.append("Kubernetes ").append(plan.cluster() == null ? "?" : plan.cluster().kubernetesVersion())
                .append(" · load balancer ").append(plan.lbMode()).append('\n');
        b.append(String.format(Locale.ROOT, "progress: %d of %d steps done, %d s elapsed%n", progress.done(),
                progress.total(), progress.elapsed().toSeconds()));
        b.append("outcome: ").append(result == null ? "not finished" : result.outcome()).append("\n\n");

        b.append("machines:\n");
        for (PlanHost h : plan.hosts()) {
            b.append(String.format(Locale.ROOT, "  %-20s %-15s %-13s %s%n", h.hostname(), h.address(), h.kind(),
                    nodes.getOrDefault(h.hostname(), NodeState.PENDING)));
        }
        if (!findings.isEmpty()) {
            b.append("\ncluster-wide preflight:\n");
            for (ClusterFinding f : findings) {
                b.append("  ").append(f.severity()).append(' ').append(f.code()).append(' ').append(f.hosts())
                        .append(": ").append(f.message().en()).append('\n');
            }
        }
        if (result != null && !result.failures().isEmpty()) {
            b.append("\nfailed steps:\n");
            for (RunResult.StepFailure f : result.failures()) {
                b.append("  ").append(f.step()).append(" · ").append(f.title().en()).append(" · ").append(f.kind());
                if (f.kind() == StepResult.Outcome.FAILED) {
                    b.append(" exit ").append(f.exitCode());
                }
                if (!f.detail().isEmpty()) {
                    b.append(" · ").append(f.detail());
                }
                b.append('\n');
                f.lastLines().forEach(l -> b.append("      | ").append(l).append('\n'));
            }
        }
        b.append("\nsteps:\n");
        for (StepStatus s : steps) {
            b.append(String.format(Locale.ROOT, "  %-9s %-20s %-12s %s%s%n", s.state(), s.key().host(),
                    s.step().phase().id(), s.key().stepId(), s.fromJournal() ? " (earlier run)" : ""));
        }
        return b.toString();
    }

    private static String version() {
        String v = RunSummary.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
