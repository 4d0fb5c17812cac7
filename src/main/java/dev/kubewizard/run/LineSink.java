package dev.kubewizard.run;

/** Where an executor hands every output line, as it arrives, from any thread. Must be cheap: it never blocks. */
@FunctionalInterface
public interface LineSink {
    void line(StepLine line);
}
