package dev.kubewizard.ssh;

/** Follows one step as it runs: its output lines (masked) and which stage it is in. */
public interface StepObserver extends LineListener {
    /** Where a step is: checking whether it is done, running its script, or reconnecting after a lost connection. */
    enum Stage {
        CHECK, SCRIPT, RECONNECT
    }

    default void stage(Stage stage) {
    }

    /** An observer that only wants the lines. */
    static StepObserver of(LineListener lines) {
        return lines::onLine;
    }
}
