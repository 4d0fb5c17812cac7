package dev.kubewizard.ssh;

import dev.kubewizard.recipe.Bash;
import dev.kubewizard.recipe.RuntimeValue;
import dev.kubewizard.recipe.Step;
import dev.kubewizard.text.Messages;
import dev.kubewizard.text.Text;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one recipe {@link Step} on its node. The check and the script are uploaded into a new private directory
 * ({@code /tmp/kubewizard-XXXXXXXXXX}, mode 0700, removed afterwards); the check runs as root and exit 0 skips the
 * step; otherwise the script runs as root with its run-time values on standard input, one line each in the order the
 * step lists them. {@code ::kubewizard-output} lines are collected (secret ones masked from the moment they appear).
 *
 * <p>When the connection drops, the runner reconnects, stops what the interrupted command left running, and starts
 * over with the check: steps are idempotent, so a step that finished before the drop is now skipped and one that did
 * not is run again.
 */
public final class StepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

    /**
     * @param reconnectAttempts how often to try to reconnect after one drop before giving up
     * @param reconnectDelay    the wait before each attempt (a Wi-Fi needs a moment to come back)
     * @param maxDrops          how many drops one step may survive in total
     */
    public record Options(int reconnectAttempts, Duration reconnectDelay, int maxDrops) {
        public static Options defaults() {
            return new Options(5, Duration.ofSeconds(3), 3);
        }
    }

    private final Options options;

    public StepRunner() {
        this(Options.defaults());
    }

    public StepRunner(Options options) {
        this.options = options;
    }

    /**
     * Runs the step; never throws for what happens on the node (that is in the result).
     *
     * @param values every {@link Step#inputs()} value by name; one missing is an error before anything runs
     * @throws IllegalArgumentException for a missing value, or a value with a line break
     */
    public StepResult run(RemoteShell shell, Step step, Map<String, String> values, StepObserver observer,
                          CancelSignal cancel) throws InterruptedException {
        byte[] stdin = inputLines(step, values);
        for (RuntimeValue v : step.inputs()) {
            if (v.secret()) {
                shell.masker().add(values.get(v.name()));
            }
        }
        Instant started = Instant.now();
        int drops = 0;
        int reconnects = 0;
        while (true) {
            Attempt a = attempt(shell, step, stdin, observer, cancel);
            if (a.outcome != null) {
                return result(step, a, started, reconnects);
            }
            drops++;
            LOG.info("connection to {} lost during step {} ({} of {} drops)", shell.target().display(), step.id(),
                    drops, options.maxDrops());
            if (drops > options.maxDrops()) {
                return lost(step, started, reconnects, a.processGroup, Messages.text("ssh.step.tooManyDrops",
                        shell.target().display(), String.valueOf(drops)));
            }
            observer.stage(StepObserver.Stage.RECONNECT);
            Text problem = reconnect(shell, cancel);
            if (cancel.isCancelled()) {
                return result(step, Attempt.cancelled(), started, reconnects);
            }
            if (problem != null) {
                return lost(step, started, reconnects, a.processGroup, problem);
            }
            reconnects++;
            cleanUpAfterDrop(shell, a);
        }
    }

    /**
     * Runs only the step's check, once, and changes nothing on the node: true when it passes (exit 0), false when it
     * does not, empty when it cannot tell (the connection was lost, the upload failed, or it was cancelled). For a
     * caller that decides whether a step needs anything made for it before the step itself runs.
     */
    public Optional<Boolean> check(RemoteShell shell, Step step, StepObserver observer, CancelSignal cancel)
            throws InterruptedException {
        if (cancel.isCancelled()) {
            return Optional.empty();
        }
        String dir = null;
        try {
            dir = shell.makePrivateDirectory();
            shell.upload(step.check().getBytes(StandardCharsets.UTF_8), dir + "/check.sh", "0600");
            ExecResult check = runCheck(shell, dir, observer, cancel);
            return check.ending() == ExecResult.Ending.EXITED ? Optional.of(check.exitCode() == 0) : Optional.empty();
        } catch (SshException e) {
            LOG.info("the check of {} on {} could not run: {}", step.id(), shell.target().display(), e.getMessage());
            return Optional.empty();
        } finally {
            if (dir != null && shell.isConnected()) {
                shell.removeQuietly(dir);
            }
        }
    }

    /** One pass: upload, check, maybe script. A null outcome means the connection was lost. */
    private Attempt attempt(RemoteShell shell, Step step, byte[] stdin, StepObserver observer, CancelSignal cancel)
            throws InterruptedException {
        if (cancel.isCancelled()) {
            return Attempt.cancelled();
        }
        String dir;
        try {
            dir = shell.makePrivateDirectory();
            shell.upload(step.check().getBytes(StandardCharsets.UTF_8), dir + "/check.sh", "0600");
            shell.upload(step.script().getBytes(StandardCharsets.UTF_8), dir + "/script.sh", "0600");
        } catch (SshException e) {
            if (e.reason() == SshException.Reason.CONNECTION_LOST) {
                return Attempt.lost(0, null);
            }
            return Attempt.failed(Messages.text("ssh.step.setupFailed", shell.target().display(), step.id(),
                    e.problem().en()));
        }
        try {
            ExecResult check = runCheck(shell, dir, observer, cancel);
            switch (check.ending()) {
                case CANCELLED:
                    return Attempt.cancelled();
                case CONNECTION_LOST:
                    return Attempt.lost(check.processGroup(), dir);
                default:
                    if (check.exitCode() == 0) {
                        return Attempt.of(StepResult.Outcome.SKIPPED, 0, check.lastLines(), Map.of());
                    }
            }
            observer.stage(StepObserver.Stage.SCRIPT);
            Set<String> outputs = new LinkedHashSet<>();
            Set<String> secretOutputs = new LinkedHashSet<>();
            for (RuntimeValue v : step.outputs()) {
                outputs.add(v.name());
                if (v.secret()) {
                    secretOutputs.add(v.name());
                }
            }
            ExecResult script = run(shell, RemoteCommand.of("bash " + Bash.quote(dir + "/script.sh")).asRoot()
                    .withStdin(stdin).collecting(outputs, secretOutputs), observer, cancel);
            return switch (script.ending()) {
                case CANCELLED -> Attempt.cancelled();
                case CONNECTION_LOST -> Attempt.lost(script.processGroup(), dir);
                case EXITED -> script.exitCode() == 0
                        ? Attempt.of(StepResult.Outcome.DONE, 0, script.lastLines(), script.outputs())
                        : Attempt.of(StepResult.Outcome.FAILED, script.exitCode(), script.lastLines(), Map.of());
            };
        } catch (SshException e) {
            return e.reason() == SshException.Reason.CONNECTION_LOST ? Attempt.lost(0, dir)
                    : Attempt.failed(e.problem());
        } finally {
            if (shell.isConnected()) {
                shell.removeQuietly(dir);
            }
        }
    }

    /** The check uploaded to {@code dir}, as root. */
    private static ExecResult runCheck(RemoteShell shell, String dir, StepObserver observer, CancelSignal cancel)
            throws SshException, InterruptedException {
        observer.stage(StepObserver.Stage.CHECK);
        return run(shell, RemoteCommand.of("bash " + Bash.quote(dir + "/check.sh")).asRoot(), observer, cancel);
    }

    private static ExecResult run(RemoteShell shell, RemoteCommand command, StepObserver observer,
                                  CancelSignal cancel) throws SshException, InterruptedException {
        RunningCommand running = shell.start(command, observer);
        try (CancelSignal.Registration r = cancel.onCancel(running::cancel)) {
            return running.await();
        }
    }

    /** Null when connected again (or cancelled), else why not. */
    private Text reconnect(RemoteShell shell, CancelSignal cancel) throws InterruptedException {
        SshException last = null;
        int attempts = 0;
        while (attempts < options.reconnectAttempts()) {
            if (cancel.sleep(options.reconnectDelay().toMillis())) {
                return null;
            }
            attempts++;
            try {
                shell.reconnect();
                return null;
            } catch (SshException e) {
                last = e;
                LOG.info("reconnect {} to {} failed: {}", attempts, shell.target().display(), e.getMessage());
                if (e.reason() != SshException.Reason.UNREACHABLE && e.reason() != SshException.Reason.TIMEOUT
                        && e.reason() != SshException.Reason.CONNECTION_LOST) {
                    break;   // a changed host key or a refused login does not get better by retrying
                }
            }
        }
        Text why = last == null ? Messages.text("ssh.lost", shell.target().display()) : last.problem();
        String n = String.valueOf(attempts);
        return new Text(Messages.format("ssh.step.reconnectFailed", "zh", shell.target().display(), n, why.zh()),
                Messages.format("ssh.step.reconnectFailed", "en", shell.target().display(), n, why.en()));
    }

    /**
     * What the interrupted command may have left: its processes (stopped, so two runs never overlap) and its
     * directory.
     */
    private static void cleanUpAfterDrop(RemoteShell shell, Attempt lost) throws InterruptedException {
        if (lost.processGroup > 1) {
            try {
                shell.stopProcessGroup(lost.processGroup, true);
            } catch (SshException e) {
                LOG.info("could not stop what the interrupted step left on {}: {}", shell.target().display(),
                        e.getMessage());
            }
        }
        if (lost.directory != null) {
            shell.removeQuietly(lost.directory);
        }
    }

    private static byte[] inputLines(Step step, Map<String, String> values) {
        ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        for (RuntimeValue v : step.inputs()) {
            String value = values.get(v.name());
            if (value == null) {
                throw new IllegalArgumentException("step " + step.host() + "/" + step.id()
                        + " needs the run-time value " + v.name() + ", which was not given");
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("the run-time value " + v.name() + " must be a single line");
            }
            stdin.writeBytes((value + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return stdin.toByteArray();
    }

    private static StepResult result(Step step, Attempt a, Instant started, int reconnects) {
        return new StepResult(step.id(), step.host(), a.outcome, a.exitCode, a.lastLines, a.outputs,
                Duration.between(started, Instant.now()), reconnects, a.problem, 0);
    }

    private static StepResult lost(Step step, Instant started, int reconnects, long leftover, Text problem) {
        return new StepResult(step.id(), step.host(), StepResult.Outcome.CONNECTION_LOST, -1, List.of(), Map.of(),
                Duration.between(started, Instant.now()), reconnects, problem, leftover);
    }

    private static final class Attempt {
        final StepResult.Outcome outcome;
        final int exitCode;
        final List<String> lastLines;
        final Map<String, String> outputs;
        final Text problem;
        final long processGroup;
        final String directory;

        private Attempt(StepResult.Outcome outcome, int exitCode, List<String> lastLines, Map<String, String> outputs,
                        Text problem, long processGroup, String directory) {
            this.outcome = outcome;
            this.exitCode = exitCode;
            this.lastLines = lastLines;
            this.outputs = outputs;
            this.problem = problem;
            this.processGroup = processGroup;
            this.directory = directory;
        }

        static Attempt of(StepResult.Outcome outcome, int exitCode, List<String> lastLines,
                          Map<String, String> outputs) {
            return new Attempt(outcome, exitCode, lastLines, outputs, null, 0, null);
        }

        static Attempt failed(Text problem) {
            return new Attempt(StepResult.Outcome.FAILED, -1, List.of(), Map.of(), problem, 0, null);
        }

        static Attempt cancelled() {
            return new Attempt(StepResult.Outcome.CANCELLED, -1, List.of(), Map.of(), null, 0, null);
        }

        static Attempt lost(long processGroup, String directory) {
            return new Attempt(null, -1, List.of(), Map.of(), null, processGroup, directory);
        }
    }
}
