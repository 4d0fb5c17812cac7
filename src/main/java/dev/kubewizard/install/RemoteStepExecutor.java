package dev.kubewizard.install;

import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.recipe.Step;
import dev.kubewizard.run.Cancellation;
import dev.kubewizard.run.LineSink;
import dev.kubewizard.run.StepExecutor;
import dev.kubewizard.run.StepLine;
import dev.kubewizard.run.StepResult;
import dev.kubewizard.ssh.CancelSignal;
import dev.kubewizard.ssh.OutputLine;
import dev.kubewizard.ssh.RemoteShell;
import dev.kubewizard.ssh.SshException;
import dev.kubewizard.ssh.StepObserver;
import dev.kubewizard.ssh.StepRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs recipe steps on one machine over its {@link RemoteShell}: the seam between the run engine and SSH. The shell
 * connects on the first step (host key, login, sudo) and is shared by concurrent steps (the first master makes join
 * data for several machines at once; each step gets its own channel).
 */
public final class RemoteStepExecutor implements StepExecutor {
    private final PlanHost host;
    private final RemoteShell shell;
    private final StepRunner runner;
    private final Object connecting = new Object();

    public RemoteStepExecutor(PlanHost host, RemoteShell shell, StepRunner runner) {
        this.host = host;
        this.shell = shell;
        this.runner = runner;
    }

    @Override
    public StepResult execute(Step step, Map<String, String> inputs, LineSink sink, Cancellation cancel) {
        Instant started = Instant.now();
        CancelSignal signal = signal(cancel);
        try {
            connect();
            dev.kubewizard.ssh.StepResult r = runner.run(shell, step, inputs, observer(step, sink), signal);
            Duration took = r.duration() == null ? Duration.between(started, Instant.now()) : r.duration();
            return switch (r.outcome()) {
                case SKIPPED -> StepResult.skipped(took);
                case DONE -> StepResult.done(r.outputs(), took);
                case FAILED -> new StepResult(StepResult.Outcome.FAILED, r.exitCode(), r.lastLines(), Map.of(), took,
                        r.problem() == null ? "" : r.problem().en());
                case CONNECTION_LOST -> StepResult.connectionLost(r.problem() == null ? "" : r.problem().en(), took);
                case CANCELLED -> StepResult.cancelled(took);
            };
        } catch (SshException e) {
            Duration took = Duration.between(started, Instant.now());
            note(step, sink, e.problem().zh());
            note(step, sink, e.problem().en());
            if (e.reason() == SshException.Reason.UNREACHABLE || e.reason() == SshException.Reason.TIMEOUT
                    || e.reason() == SshException.Reason.CONNECTION_LOST) {
                return StepResult.connectionLost(e.problem().en(), took);
            }
            // Login, host key and sudo problems do not go away by trying again: fail with the reason as evidence.
            return new StepResult(StepResult.Outcome.FAILED, -1, List.of(e.problem().zh(), e.problem().en()), Map.of(),
                    took, e.problem().en());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StepResult.cancelled(Duration.between(started, Instant.now()));
        }
    }

    @Override
    public Check check(Step step, LineSink sink, Cancellation cancel) {
        CancelSignal signal = signal(cancel);
        try {
            connect();
            return runner.check(shell, step, observer(step, sink), signal)
                    .map(passes -> passes ? Check.PASSES : Check.DOES_NOT_PASS).orElse(Check.UNKNOWN);
        } catch (SshException e) {
            return Check.UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.UNKNOWN;
        }
    }

    /** The SSH layer's cancel signal, fired by the run's. */
    private static CancelSignal signal(Cancellation cancel) {
        CancelSignal signal = new CancelSignal();
        cancel.onCancel(signal::cancel);
        return signal;
    }

    private void connect() throws SshException, InterruptedException {
        synchronized (connecting) {
            if (!shell.isConnected()) {
                shell.connect();
            }
        }
    }

    private StepObserver observer(Step step, LineSink sink) {
        return new StepObserver() {
            @Override
            public void onLine(OutputLine line) {
                StepLine.Kind kind = line.source() == OutputLine.Source.STDERR ? StepLine.Kind.STDERR
                        : StepLine.Kind.STDOUT;
                sink.line(new StepLine(host.hostname(), step.id(), kind, line.time(), line.text()));
            }

            @Override
            public void stage(Stage stage) {
                if (stage == Stage.RECONNECT) {
                    note(step, sink, "连接断开，正在重新连接 / connection lost, reconnecting");
                }
            }
        };
    }

    private void note(Step step, LineSink sink, String text) {
        sink.line(new StepLine(host.hostname(), step.id(), StepLine.Kind.NOTE, Instant.now(), text));
    }

    @Override
    public void close() {
        shell.close();
    }
}
