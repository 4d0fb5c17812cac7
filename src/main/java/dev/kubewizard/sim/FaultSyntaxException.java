package dev.kubewizard.sim;

import dev.kubewizard.text.Text;

/** A fault written wrongly (on the command line, for instance), with the problem in both languages. */
public final class FaultSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Text problem;

    public FaultSyntaxException(Text problem) {
        super(problem.en());
        this.problem = problem;
    }

    public Text problem() {
        return problem;
    }
}
