package dev.kubewizard.run;

import dev.kubewizard.recipe.PreflightSteps;
import dev.kubewizard.recipe.RuntimeValue;
import dev.kubewizard.recipe.Step;
import dev.kubewizard.text.Messages;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step through its machine's executor and keeps what it says: every line masked (secret outputs are learnt
 * from the lines as they pass) and handed to the console buffer, the log file and the listeners; kubewizard's own
 * notes; retries after a lost connection; the journal entry of a finished step.
 */
final class StepExecution {
    private static final Logger LOG = LoggerFactory.getLogger(StepExecution.class);
    private static final Pattern OUTPUT_LINE = Pattern.compile("^::kubewizard-output ([A-Z][A-Z0-9_]*)=(.*)$");

    private final RunSettings settings;
    private final SecretMasking masking;
    private final HostExecutors executors;
    private final Map<String, LineBuffer> consoles;
    private final NodeLogs logs;
    private final RunJournal journal;
    private final EventDispatcher events;
    private final String language;

    /**
     * @param logs    null for none
     * @param journal null for none
     */
    StepExecution(RunSettings settings, SecretMasking masking, HostExecutors executors,
                  Map<String, LineBuffer> consoles, NodeLogs logs, RunJournal journal, EventDispatcher events) {
        this.settings = settings;
        this.masking = masking;
        this.executors = executors;
        this.consoles = consoles;
        this.logs = logs;
        this.journal = journal;
        this.events = events;
        this.language = "en".equals(settings.language().getLanguage()) ? "en" : "zh";
    }

    StepResult run(StepSlot slot, Map<String, String> inputs, List<String> missing, Cancellation cancel,
                   boolean journaled) {
        return run(slot, inputs, missing, cancel, journaled, false, null);
    }

    /**
     * On a step thread, without the orchestrator's lock: the check and script, with log, notes and connection
     * retries. The result carries the non-secret outputs only; all of them go to {@code slot.freshOutputs}.
     *
     * @param missing inputs that could not be found: the step fails without running
     * @param journaled whether a finished step goes to the journal (not the reset step: it is no step of the recipe)
     * @param checkOnly a join whose join data was not made because its check passed: the check alone, again
     * @param consumer for join data: the joining machine's step. Its check runs first, on its machine; when that
     *                 passes the machine has joined and no join data is made (no token, no certificate upload)
     */
    StepResult run(StepSlot slot, Map<String, String> inputs, List<String> missing, Cancellation cancel,
                   boolean journaled, boolean checkOnly, StepSlot consumer) {
        Step step = slot.step;
        Instant start = Instant.now();
        slot.started = start;
        long t0 = System.nanoTime();
        if (logs != null) {
            logs.stepStarted(step, start);
        }
        LineSink sink = line -> accept(slot, line);
        StepResult result;
        if (!missing.isEmpty()) {
            note(slot, "run.note.missing-input", String.join(", ", missing));
            result = StepResult.failed(-1, List.of(), Duration.ZERO);
        } else if (cancel.isCancelled()) {
            result = StepResult.cancelled(Duration.ZERO);
        } else if (checkOnly) {
            result = checkAgain(slot, sink, cancel);
        } else if (consumer != null
                && check(consumer, line -> LOG.debug("{} check: {}", consumer.key, masking.apply(line.text())),
                        cancel) == StepExecutor.Check.PASSES) {
            // The consumer's check lines go to the log only: its step has not started on its machine.
            note(slot, "run.note.consumer-done", consumer.key.host());
            slot.skippedForConsumer = true;
            result = StepResult.skipped(Duration.ofNanos(System.nanoTime() - t0));
        } else {
            result = executeWithReconnects(slot, inputs, sink, cancel);
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        Map<String, String> shown = new LinkedHashMap<>();
        for (RuntimeValue v : step.outputs()) {
            String value = result.outputs().get(v.name());
            if (value != null) {
                outputs.put(v.name(), value);
                if (v.secret()) {
                    masking.add(value);
                } else {
                    shown.put(v.name(), value);
                }
            }
        }
        // Secret values stay in memory for the steps that read them; results and events carry the others only.
        slot.freshOutputs = outputs;
        result.outputs().forEach((name, value) -> {
            if (!outputs.containsKey(name)) {
                masking.add(value);  // not declared: treated as secret and dropped
            }
        });
        List<String> lastLines = result.lastLines().stream().map(masking).toList();
        result = new StepResult(result.outcome(), result.exitCode(), lastLines, shown,
                Duration.ofNanos(System.nanoTime() - t0), masking.apply(result.detail()));
        if (result.outcome() == StepResult.Outcome.SKIPPED && !slot.skippedForConsumer) {
            note(slot, "run.note.skipped");
        }
        Instant end = Instant.now();
        slot.finished = end;
        if (logs != null) {
            logs.stepEnded(step, result, end);
        }
        if (journal != null && result.outcome().isFinished() && journaled) {
            try {
                StepState state = result.outcome() == StepResult.Outcome.DONE ? StepState.DONE : StepState.SKIPPED;
                journal.finished(step, state, end, outputs);
            } catch (IOException e) {
                LOG.warn("cannot write the run journal {}", journal.file(), e);
                note(slot, "run.note.journal-failed", e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        return result;
    }

    /** Only the step's check, on its machine; an executor that throws cannot tell. */
    private StepExecutor.Check check(StepSlot slot, LineSink sink, Cancellation cancel) {
        try {
            StepExecutor.Check found = executors.get(slot.key.host()).check(slot.step, sink, cancel);
            LOG.info("{}: its check alone {}", slot.key, found);
            return found;
        } catch (RuntimeException e) {
            LOG.warn("the check of {} could not run", slot.key, e);
            return StepExecutor.Check.UNKNOWN;
        }
    }

    private StepResult checkAgain(StepSlot slot, LineSink sink, Cancellation cancel) {
        long t0 = System.nanoTime();
        StepExecutor.Check found = check(slot, sink, cancel);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (found == StepExecutor.Check.PASSES) {
            return StepResult.skipped(took);
        }
        if (cancel.isCancelled()) {
            return StepResult.cancelled(took);
        }
        note(slot, "run.note.joined-no-longer");
        return StepResult.failed(-1, List.of(), took);
    }

    private StepResult executeWithReconnects(StepSlot slot, Map<String, String> inputs, LineSink sink,
                                             Cancellation cancel) {
        int attempts = settings.connectionAttempts();
        for (int attempt = 1; ; attempt++) {
            StepResult result;
            try {
                StepExecutor executor = executors.get(slot.key.host());
                result = executor.execute(slot.step, inputs, sink, cancel);
                if (result == null) {
                    throw new IllegalStateException("the executor returned no result");
                }
            } catch (RuntimeException e) {
                LOG.warn("step {} failed with an exception", slot.key, e);
                String message = masking.apply(e.getMessage() == null ? e.toString() : e.getMessage());
                note(slot, "run.note.executor-failed", message);
                return new StepResult(StepResult.Outcome.FAILED, -1, List.of(message), Map.of(), Duration.ZERO,
                        message);
            }
            if (result.outcome() != StepResult.Outcome.CONNECTION_LOST || attempt >= attempts
                    || cancel.isCancelled()) {
                return result;
            }
            note(slot, "run.note.reconnect", masking.apply(result.detail()),
                    String.valueOf(settings.reconnectDelay().toSeconds()), String.valueOf(attempt + 1),
                    String.valueOf(attempts));
            if (cancel.await(settings.reconnectDelay())) {
                return StepResult.cancelled(result.duration());
            }
        }
    }

    /** Every line from an executor: secret outputs learnt, masked, then to the console, log file and listeners. */
    void accept(StepSlot slot, StepLine raw) {
        String text = raw.text() == null ? "" : raw.text();
        Matcher m = OUTPUT_LINE.matcher(text);
        if (m.matches()) {
            String name = m.group(1);
            boolean declaredPlain = slot.step.outputs().stream().anyMatch(v -> v.name().equals(name) && !v.secret());
            if (!declaredPlain) {
                masking.add(m.group(2));
            }
            if (name.equals(PreflightSteps.CLOCK.name()) && slot.clockSeen == null) {
                slot.clockSeen = raw.time() == null ? Instant.now() : raw.time();
            }
        }
        StepLine line = new StepLine(slot.key.host(), slot.key.stepId(),
                raw.kind() == null ? StepLine.Kind.STDOUT : raw.kind(), raw.time() == null ? Instant.now() : raw.time(),
                masking.apply(text));
        consoles.get(slot.key.host()).append(line);
        if (logs != null) {
            logs.line(line);
        }
        events.postLine(line);
    }

    private void note(StepSlot slot, String key, String... args) {
        accept(slot, new StepLine(slot.key.host(), slot.key.stepId(), StepLine.Kind.NOTE, Instant.now(),
                Messages.format(key, language, (Object[]) args)));
    }
}
