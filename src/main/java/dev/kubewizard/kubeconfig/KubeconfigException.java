package dev.kubewizard.kubeconfig;

import dev.kubewizard.text.Text;

/**
 * A kubeconfig (or the plan part it needs) that kubewizard refuses to use, with the reason for the user in both
 * languages: not a kubeconfig, no cluster or user, super-admin.conf, a plan without endpoint, and so on.
 */
public final class KubeconfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Text problem;

    public KubeconfigException(Text problem) {
        super(problem.en());
        this.problem = problem;
    }

    public Text problem() {
        return problem;
    }

    /** The reason in the given language ("zh" or "en"). */
    public String describe(String language) {
        return "en".equals(language) ? problem.en() : problem.zh();
    }
}
