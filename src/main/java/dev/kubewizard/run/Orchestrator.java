package dev.kubewizard.run;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Node;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.recipe.ClusterSteps;
import dev.kubewizard.recipe.Phase;
import dev.kubewizard.recipe.Recipe;
import dev.kubewizard.recipe.RuntimeValue;
import dev.kubewizard.recipe.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a recipe over all machines, each step as soon as the steps it depends on are done ({@link RunGraph} has the
 * rules). PREFLIGHT runs everywhere first; the cluster-wide checks ({@link ClusterPreflight}) over its facts must pass
 * before anything changes. A failed step stops what depends on it while independent machines finish their work; the
 * round then ends FAILED naming the steps. A round ends when no step runs and none can start; {@link #retry},
 * {@link #resume} and {@link #reset} start further rounds on the same state.
 *
 * <p>Every step's outcome goes to the journal (when the settings give a folder) so that a restarted app skips the
 * steps already finished; every line is masked before any console buffer, log file or listener sees it.
 *
 * <pre>
 * try (Orchestrator run = new Orchestrator(recipe, host -&gt; new SshStepExecutor(host, ...), settings)) {
 *     run.addListener(listener);
 *     RunResult result = run.run();
 * }
 * </pre>
 */
public final class Orchestrator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final String RESET_STEP = "reset-node";

    private final RunGraph graph;
    private final ClusterPlan plan;
    private final RunSettings settings;
    private final SecretMasking masking;
    private final EventDispatcher events;
    private final ExecutorService pool;
    private final Map<String, PlanHost> hosts;
    private final HostExecutors executors;
    private final Map<String, LineBuffer> consoles;
    private final RunJournal journal;
    private final NodeLogs logs;
    private final StepExecution execution;

    private final Object lock = new Object();
    private final Map<StepKey, StepSlot> slots = new LinkedHashMap<>();
    private final Map<String, List<StepSlot>> slotsByHost = new LinkedHashMap<>();
    private final Map<String, NodeState> nodeStates = new ConcurrentHashMap<>();
    private final Set<String> resetting = new HashSet<>();
    private Round round;
    private Gate gate = Gate.WAITING;
    private List<ClusterFinding> findings = List.of();
    private volatile RunResult lastResult;
    private boolean started;
    private boolean closed;
    private long firstStartNanos;
    private int finishedCount;

    private enum Gate {
        WAITING, PASSED, FAILED
    }

    /**
     * @param executors makes the executor for one machine, on first use; each is closed with the orchestrator
     * @throws IllegalArgumentException when a value no step produces (a password) is missing from the settings
     */
    public Orchestrator(Recipe recipe, Function<PlanHost, StepExecutor> executors, RunSettings settings) {
        this.graph = RunGraph.of(recipe);
        this.plan = recipe.plan();
        this.settings = settings;
        List<String> missing = graph.suppliedValues().stream().map(RuntimeValue::name)
                .filter(n -> !settings.values().containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the run needs these values: " + String.join(", ", missing));
        }
        this.masking = new SecretMasking(settings.masker());
        Set<String> plainInputs = new HashSet<>();
        graph.suppliedValues().stream().filter(v -> !v.secret()).forEach(v -> plainInputs.add(v.name()));
        settings.values().forEach((name, value) -> {
            if (!plainInputs.contains(name)) {
                masking.add(value);
            }
        });

        Map<String, PlanHost> byName = new LinkedHashMap<>();
        plan.hosts().forEach(h -> byName.put(h.hostname(), h));
        this.hosts = Collections.unmodifiableMap(byName);
        Map<String, LineBuffer> buffers = new LinkedHashMap<>();
        for (String host : graph.hosts()) {
            PlanHost h = byName.get(host);
            if (h == null) {
                throw new IllegalArgumentException("the recipe runs a step on " + host + ", which the plan lacks");
            }
            buffers.put(host, new LineBuffer(settings.consoleLines()));
            slotsByHost.put(host, new ArrayList<>());
            nodeStates.put(host, NodeState.PENDING);
        }
        this.executors = new HostExecutors(graph.hosts().stream().map(byName::get).toList(), executors);
        this.consoles = Collections.unmodifiableMap(buffers);
        for (StepKey k : graph.steps()) {
            StepSlot s = new StepSlot(k, graph.step(k));
            slots.put(k, s);
            slotsByHost.get(k.host()).add(s);
        }

        int number = RUNS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "kw-run-" + number + "-step-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.events = new EventDispatcher(settings.listenerLineBacklog(), "kw-run-" + number + "-events");
        if (settings.folder() != null) {
            try {
                this.journal = RunJournal.open(settings.folder().journal(), masking);
                if (!settings.resume()) {
                    journal.forgetAll();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the run journal " + settings.folder().journal(), e);
            }
            this.logs = new NodeLogs(newRunLogs(settings.folder()), hosts, masking);
        } else {
            this.journal = null;
            this.logs = null;
        }
        this.execution = new StepExecution(settings, masking, this.executors, consoles, logs, journal, events);
    }

    /** The values a caller must supply for this recipe (they are read from stdin by the steps that need them). */
    public static List<RuntimeValue> valuesNeeded(Recipe recipe) {
        return RunGraph.of(recipe).suppliedValues();
    }

    private static Path newRunLogs(RunFolder folder) {
        String id = RunFolder.newRunId(LocalDateTime.now());
        Path dir = folder.logsOfRun(id);
        for (int n = 2; Files.exists(dir); n++) {
            dir = folder.logsOfRun(id + "-" + n);
        }
        return dir;
    }

    // Listeners and observation

    public void addListener(RunListener listener) {
        events.add(listener);
    }

    public void removeListener(RunListener listener) {
        events.remove(listener);
    }

    public RunGraph graph() {
        return graph;
    }

    /** The console lines of one machine waiting to be drained by a screen. */
    public LineBuffer console(String host) {
        LineBuffer b = consoles.get(host);
        if (b == null) {
            throw new IllegalArgumentException("no host " + host + " in this run");
        }
        return b;
    }

    public NodeState nodeState(String host) {
        NodeState s = nodeStates.get(host);
        if (s == null) {
            throw new IllegalArgumentException("no host " + host + " in this run");
        }
        return s;
    }

    public StepState stepState(StepKey key) {
        StepSlot s = slots.get(key);
        if (s == null) {
            throw new IllegalArgumentException("no step " + key + " in this run");
        }
        return s.state;
    }

    /** Every step as it stands, in recipe order. */
    public List<StepStatus> steps() {
        synchronized (lock) {
            return slots.values().stream().map(StepSlot::status).toList();
        }
    }

    public RunListener.Progress progress() {
        synchronized (lock) {
            return progressNow();
        }
    }

    public Optional<RunResult> lastResult() {
        return Optional.ofNullable(lastResult);
    }

    public List<ClusterFinding> findings() {
        synchronized (lock) {
            return findings;
        }
    }

    /** This run's log folder, when the settings give a run folder. */
    public Optional<Path> logFolder() {
        return logs == null ? Optional.empty() : Optional.of(logs.dir());
    }

    /** Masks a text the way every line of this run is masked (the caller's secrets and the run's own). */
    public String mask(String text) {
        return masking.apply(text);
    }

    // Commands

    /**
     * Starts the run: steps finished in an earlier run (journal) are not run again; PREFLIGHT always runs. The future
     * completes after listeners have seen the round's last event.
     */
    public CompletableFuture<RunResult> start() {
        return start(Set.of());
    }

    /**
     * Like {@link #start()}, but runs only the steps of these machines (with PREFLIGHT everywhere, for the cluster-wide
     * checks, and the join data made for them); an empty set means every machine. For a command line's
     * {@code --only HOST} after a restart: the other machines' unfinished steps stay pending.
     */
    public CompletableFuture<RunResult> start(Set<String> onlyHosts) {
        onlyHosts.forEach(this::requireHost);
        List<Launch> launches;
        Round r;
        synchronized (lock) {
            requireIdle();
            if (started) {
                throw new IllegalStateException("the run has started already: use retry, resume or reset");
            }
            started = true;
            firstStartNanos = System.nanoTime();
            restoreFromJournal();
            r = new Round();
            r.only = Set.copyOf(onlyHosts);
            r.onBehalfOf = this::consumerHost;
            launches = beginRound(r);
        }
        launch(launches);
        return r.done;
    }

    /** Starts the run and waits for the round to end; an interrupt cancels it. */
    public RunResult run() throws InterruptedException {
        return await(start());
    }

    /** Waits for a round's result; an interrupt cancels the run. */
    public RunResult await(CompletableFuture<RunResult> future) throws InterruptedException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            cancel();
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the run stopped on an internal error", e.getCause());
        }
    }

    /** Stops everything: no new step starts and running steps are told to stop. */
    public void cancel() {
        Round r;
        synchronized (lock) {
            r = round;
            if (r == null) {
                return;
            }
            r.cancelRequested = true;
            for (StepSlot s : slots.values()) {
                if (s.state == StepState.PENDING && !r.reset) {
                    transition(s, StepState.CANCELLED, null, null);
                }
            }
        }
        LOG.info("run cancelled");
        r.cancel.cancel();
    }

    /**
     * Runs one machine's failed (or cancelled) steps again, from the first failed one; the steps waiting for them
     * continue afterwards. Fresh join data is made for a join that runs again.
     */
    public CompletableFuture<RunResult> retry(String host) {
        requireHost(host);
        List<Launch> launches;
        Round r;
        synchronized (lock) {
            requireIdle();
            requireStarted();
            for (StepSlot s : slotsByHost.get(host)) {
                if (s.state == StepState.FAILED || s.state == StepState.CANCELLED) {
                    reopen(s);
                }
            }
            reopenBlocked();
            r = new Round();
            launches = beginRound(r);
        }
        launch(launches);
        return r.done;
    }

    /** Runs every step that has not finished again: after a cancel, or after the preflight findings were fixed. */
    public CompletableFuture<RunResult> resume() {
        List<Launch> launches;
        Round r;
        synchronized (lock) {
            requireIdle();
            requireStarted();
            for (StepSlot s : slots.values()) {
                if (s.state == StepState.FAILED || s.state == StepState.CANCELLED) {
                    reopen(s);
                }
            }
            reopenBlocked();
            r = new Round();
            launches = beginRound(r);
        }
        launch(launches);
        return r.done;
    }

    /**
     * Runs {@code kubeadm reset -f} and the clean-up on a cluster node ({@link ClusterSteps#reset}). When it succeeds,
     * the node's steps from its INIT or JOIN phase on, and everything built on them, are open again (also in the
     * journal): {@link #retry} then runs them.
     */
    public CompletableFuture<StepResult> reset(String host) {
        Node node = plan.nodes().stream().filter(n -> n.hostname().equals(host)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(host + " is not a cluster node: there is nothing"
                        + " of kubeadm to reset"));
        Step step = ClusterSteps.reset(plan, node);
        StepSlot slot = new StepSlot(new StepKey(host, RESET_STEP), step);
        CompletableFuture<StepResult> done = new CompletableFuture<>();
        Round r;
        synchronized (lock) {
            requireIdle();
            r = new Round();
            r.reset = true;
            round = r;
            resetting.add(host);
            transition(slot, StepState.RUNNING, null, null);
        }
        try {
            pool.execute(() -> {
                StepResult result = execution.run(slot, Map.of(), List.of(), r.cancel, false);
                List<StepKey> reopened = List.of();
                synchronized (lock) {
                    try {
                        transition(slot, stateOf(result, r), result, null);
                        resetting.remove(host);
                        if (result.outcome().isFinished()) {
                            reopened = reopenAfterReset(host, step.phase());
                        }
                        updateNode(host);
                    } catch (RuntimeException e) {
                        LOG.error("resetting {} left the run in a state it cannot be in", host, e);
                        done.completeExceptionally(e);
                        r.done.completeExceptionally(e);
                        throw e;
                    } finally {
                        resetting.remove(host);
                        round = null;
                    }
                }
                if (journal != null && !reopened.isEmpty()) {
                    try {
                        journal.forget(reopened);
                    } catch (IOException e) {
                        LOG.warn("cannot update the journal after resetting {}", host, e);
                    }
                }
                events.after(() -> {
                    done.complete(result);
                    r.done.complete(lastResult);
                });
            });
        } catch (RejectedExecutionException e) {
            synchronized (lock) {
                round = null;
                resetting.remove(host);
            }
            throw new IllegalStateException("the orchestrator is closed", e);
        }
        return done;
    }

    /** Writes a support bundle: the summary, plan, journal, this plan's latest node logs and the scripts. */
    public void writeSupportBundle(Path zip) throws IOException {
        SupportBundle.write(zip, graph.recipe(), journal == null ? null : journal.file(),
                settings.folder() == null ? null : settings.folder().logs(), summary(), masking);
    }

    /** A plain-text account of the run for the support bundle. */
    public String summary() {
        return RunSummary.text(plan, steps(), nodeStatesInOrder(), findings(), lastResult, progress());
    }

    /** Cancels a running round, waits a little for it, and closes the executors, logs and event thread. */
    @Override
    public void close() {
        Round r;
        synchronized (lock) {
            closed = true;
            r = round;
        }
        if (r != null) {
            cancel();
            try {
                r.done.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("the run did not stop within 30 s of closing", e);
            }
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("step threads still busy after closing the run");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executors.close();
        if (logs != null) {
            logs.close();
        }
        events.close();
    }

    // Scheduling (everything below that touches slots runs under the lock unless it says otherwise)

    private void requireIdle() {
        if (closed) {
            throw new IllegalStateException("the orchestrator is closed");
        }
        if (round != null) {
            throw new IllegalStateException("the run is still going");
        }
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("the run has not started yet");
        }
    }

    private void requireHost(String host) {
        if (!slotsByHost.containsKey(host)) {
            throw new IllegalArgumentException("no host " + host + " in this run");
        }
    }

    /** Opens the round: blocks what cannot run, evaluates the gate if preflight is complete, picks what can start. */
    private List<Launch> beginRound(Round r) {
        round = r;
        if (gate == Gate.FAILED) {
            // The findings were fixed (or not): preflight runs again and the checks with it.
            gate = Gate.WAITING;
            findings = List.of();
            for (StepSlot s : slots.values()) {
                if (s.step.phase() == Phase.PREFLIGHT && s.state != StepState.PENDING) {
                    reopen(s);
                }
            }
        }
        for (StepSlot s : slots.values()) {
            if (s.state == StepState.PENDING) {
                Optional<StepKey> cause = failedDependency(s);
                if (cause.isPresent()) {
                    transition(s, StepState.BLOCKED, null, cause.get());
                }
            }
        }
        evaluateGate();
        List<Launch> launches = startReady(slots.values());
        postProgress();
        if (r.running == 0) {
            endRound(r);
        }
        return launches;
    }

    /** For a step made on behalf of another machine (join data): that machine; otherwise the step's own. */
    private String consumerHost(StepKey k) {
        return graph.consumerOf(k).map(StepKey::host).orElse(k.host());
    }

    private Optional<StepKey> failedDependency(StepSlot s) {
        for (StepKey d : graph.dependenciesOf(s.key)) {
            StepSlot dep = slots.get(d);
            switch (dep.state) {
                case FAILED, CANCELLED -> {
                    return Optional.of(d);
                }
                case BLOCKED -> {
                    return Optional.of(dep.blockedBy == null ? d : dep.blockedBy);
                }
                default -> {
                }
            }
        }
        return Optional.empty();
    }

    private boolean ready(StepSlot s) {
        if (s.state != StepState.PENDING || round == null || round.cancelRequested || !round.selects(s)) {
            return false;
        }
        if (s.step.phase() != Phase.PREFLIGHT && gate != Gate.PASSED) {
            return false;
        }
        for (StepKey d : graph.dependenciesOf(s.key)) {
            if (!slots.get(d).state.isFinished()) {
                return false;
            }
        }
        return true;
    }

    private List<Launch> startReady(Iterable<StepSlot> candidates) {
        List<Launch> launches = new ArrayList<>();
        for (StepSlot s : candidates) {
            if (ready(s)) {
                Map<String, String> inputs = new LinkedHashMap<>();
                List<String> missing = new ArrayList<>();
                Map<String, StepKey> producers = graph.producersOf(s.key);
                boolean checkOnly = false;
                for (RuntimeValue in : s.step.inputs()) {
                    StepKey p = producers.get(in.name());
                    String value = p == null ? settings.values().get(in.name()) : slots.get(p).outputs.get(in.name());
                    if (value == null && p != null && slots.get(p).skippedForConsumer) {
                        checkOnly = true;   // no join data was made: this machine had joined already
                    } else if (value == null) {
                        missing.add(in.name());
                    } else {
                        inputs.put(in.name(), value);
                    }
                }
                StepSlot consumer = graph.consumerOf(s.key).map(slots::get).orElse(null);
                transition(s, StepState.RUNNING, null, null);
                round.running++;
                launches.add(new Launch(s, inputs, missing, round, checkOnly, consumer));
            }
        }
        return launches;
    }

    /** Outside the lock: hands the started steps to threads. */
    private void launch(List<Launch> launches) {
        for (Launch l : launches) {
            try {
                pool.execute(() -> work(l));
            } catch (RejectedExecutionException e) {
                complete(l.slot, StepResult.cancelled(Duration.ZERO), l.round);
            }
        }
    }

    /** On a step thread: executes the step, records it, then lets the steps waiting for it start. */
    private void work(Launch l) {
        StepResult result = execution.run(l.slot, l.inputs, l.missing, l.round.cancel, true, l.checkOnly, l.consumer);
        try {
            complete(l.slot, result, l.round);
        } catch (RuntimeException e) {
            // A bug in the bookkeeping: end the round for callers instead of leaving them waiting forever.
            LOG.error("the run cannot go on after {} ended", l.slot.key, e);
            synchronized (lock) {
                if (round == l.round) {
                    round = null;
                }
            }
            l.round.done.completeExceptionally(e);
        }
    }

    private static StepState stateOf(StepResult result, Round r) {
        return switch (result.outcome()) {
            case DONE -> StepState.DONE;
            case SKIPPED -> StepState.SKIPPED;
            case FAILED, CONNECTION_LOST -> r.cancelRequested ? StepState.CANCELLED : StepState.FAILED;
            case CANCELLED -> r.cancelRequested ? StepState.CANCELLED : StepState.FAILED;
        };
    }

    /** On a step thread: the step has ended. */
    private void complete(StepSlot slot, StepResult result, Round r) {
        List<Launch> launches;
        synchronized (lock) {
            r.running--;
            StepState to = stateOf(result, r);
            if (result.outcome().isFinished()) {
                slot.outputs = slot.freshOutputs;
                r.finished++;
            }
            transition(slot, to, result, null);
            if (to == StepState.FAILED || to == StepState.CANCELLED) {
                for (StepKey d : graph.downstreamOf(slot.key)) {
                    StepSlot down = slots.get(d);
                    if (down.state == StepState.PENDING) {
                        transition(down, r.cancelRequested ? StepState.CANCELLED : StepState.BLOCKED, null,
                                slot.key);
                    }
                }
                if (to == StepState.FAILED) {
                    LOG.warn("{} failed: {} {}", slot.key, result.outcome(), result.detail());
                }
            }
            boolean opened = slot.step.phase() == Phase.PREFLIGHT && evaluateGate();
            launches = startReady(opened ? slots.values() : dependentSlots(slot));
            postProgress();
            if (r.running == 0) {
                endRound(r);
            }
        }
        launch(launches);
    }

    private List<StepSlot> dependentSlots(StepSlot slot) {
        return graph.dependentsOf(slot.key).stream().map(slots::get).toList();
    }

    /**
     * When every PREFLIGHT step has finished, compares their facts across machines; errors keep everything else from
     * starting. True when the gate has just opened.
     */
    private boolean evaluateGate() {
        if (gate != Gate.WAITING) {
            return false;
        }
        Map<String, PreflightFacts> facts = new LinkedHashMap<>();
        for (StepSlot s : slots.values()) {
            if (s.step.phase() != Phase.PREFLIGHT) {
                continue;
            }
            if (!s.state.isFinished()) {
                return false;
            }
            if (s.state == StepState.DONE && s.started != null && s.finished != null) {
                Instant latest = s.clockSeen == null || s.clockSeen.isAfter(s.finished) ? s.finished : s.clockSeen;
                if (latest.isBefore(s.started)) {
                    latest = s.started;
                }
                facts.put(s.key.host(), new PreflightFacts(s.outputs, s.started, latest));
            }
        }
        findings = ClusterPreflight.check(plan, facts);
        List<ClusterFinding> reported = findings;
        events.post(l -> l.clusterChecked(reported));
        boolean errors = findings.stream().anyMatch(f -> f.severity() == dev.kubewizard.plan.Severity.ERROR);
        for (ClusterFinding f : findings) {
            LOG.info("cluster preflight {}: {} ({})", f.severity(), f.message().en(), f.hosts());
        }
        if (errors) {
            gate = Gate.FAILED;
            for (StepSlot s : slots.values()) {
                if (s.state == StepState.PENDING) {
                    transition(s, StepState.BLOCKED, null, null);
                }
            }
            return false;
        }
        gate = Gate.PASSED;
        return true;
    }

    private void endRound(Round r) {
        RunResult result = resultNow(r);
        lastResult = result;
        round = null;
        LOG.info("run round ended {}: {}/{} steps done, failed {}", result.outcome(), result.stepsDone(),
                result.stepsTotal(), result.failures().stream().map(f -> f.step().toString()).toList());
        events.post(l -> l.finished(result));
        events.after(() -> r.done.complete(result));
    }

    private RunResult resultNow(Round r) {
        List<RunResult.StepFailure> failures = new ArrayList<>();
        List<RunResult.BlockedStep> blocked = new ArrayList<>();
        boolean all = true;
        for (StepSlot s : slots.values()) {
            all &= s.state.isFinished();
            if (s.state == StepState.FAILED && s.result != null) {
                failures.add(new RunResult.StepFailure(s.key, s.step.title(), s.result.outcome(),
                        s.result.exitCode(), s.result.lastLines(), s.result.detail()));
            } else if (s.state == StepState.BLOCKED || s.state == StepState.PENDING) {
                if (s.state == StepState.PENDING && r.selects(s)) {
                    LOG.error("{} was left waiting at the end of a round", s.key);
                }
                blocked.add(new RunResult.BlockedStep(s.key, Optional.ofNullable(s.blockedBy)));
            }
        }
        RunResult.Outcome outcome = r.cancelRequested ? RunResult.Outcome.CANCELLED
                : all ? RunResult.Outcome.SUCCEEDED : RunResult.Outcome.FAILED;
        return new RunResult(outcome, failures, blocked, findings, nodeStatesInOrder(), finishedCount, slots.size(),
                elapsed());
    }

    private Map<String, NodeState> nodeStatesInOrder() {
        Map<String, NodeState> m = new LinkedHashMap<>();
        slotsByHost.keySet().forEach(h -> m.put(h, nodeStates.get(h)));
        return m;
    }

    private Duration elapsed() {
        return started ? Duration.ofNanos(System.nanoTime() - firstStartNanos) : Duration.ZERO;
    }

    private RunListener.Progress progressNow() {
        Duration elapsed = elapsed();
        Optional<Duration> eta = Optional.empty();
        Round r = round;
        if (r != null && r.finished > 0) {
            long perStep = Duration.ofNanos(System.nanoTime() - r.startNanos).toNanos() / r.finished;
            eta = Optional.of(Duration.ofNanos(perStep * (slots.size() - finishedCount)));
        } else if (finishedCount == slots.size()) {
            eta = Optional.of(Duration.ZERO);
        }
        return new RunListener.Progress(finishedCount, slots.size(), elapsed, eta);
    }

    private void postProgress() {
        RunListener.Progress p = progressNow();
        events.post(l -> l.progress(p));
    }

    /** Changes a step's state (checked), posts the change, and updates its machine's state. */
    private void transition(StepSlot s, StepState to, StepResult result, StepKey blockedBy) {
        StepState from = s.state;
        from.requireTransition(to, s.key);
        if (from.isFinished()) {
            finishedCount--;
        }
        if (to.isFinished() && slots.containsKey(s.key)) {
            finishedCount++;
        }
        s.state = to;
        if (to == StepState.PENDING) {
            s.skippedForConsumer = false;
        }
        if (result != null) {
            s.result = result;
        }
        s.blockedBy = blockedBy;
        StepChangeEvent change = new StepChangeEvent(new RunListener.StepChange(s.key, from, to, Instant.now(),
                Optional.ofNullable(to.isSettled() ? result : null), Optional.ofNullable(blockedBy)));
        events.post(change);
        LOG.debug("{}: {} -> {}", s.key, from, to);
        updateNode(s.key.host());
    }

    private void updateNode(String host) {
        List<StepState> states = slotsByHost.get(host).stream().map(sl -> sl.state).toList();
        NodeState derived = resetting.contains(host) ? NodeState.RUNNING : NodeState.of(states);
        NodeState before = nodeStates.get(host);
        if (before != derived) {
            before.requireTransition(derived, host);
            nodeStates.put(host, derived);
            RunListener.NodeChange change = new RunListener.NodeChange(host, before, derived, Instant.now());
            events.post(l -> l.nodeChanged(change));
        }
    }

    /** Back to PENDING, with the producers of its secret inputs: join data is made fresh for every attempt. */
    private void reopen(StepSlot s) {
        if (s.state != StepState.PENDING) {
            transition(s, StepState.PENDING, null, null);
            s.outputs = Map.of();
        }
        Map<String, StepKey> producers = graph.producersOf(s.key);
        for (RuntimeValue in : s.step.inputs()) {
            StepKey p = producers.get(in.name());
            if (p != null && in.secret()) {
                StepSlot producer = slots.get(p);
                if (producer.state != StepState.PENDING) {
                    transition(producer, StepState.PENDING, null, null);
                    producer.outputs = Map.of();
                }
            }
        }
    }

    private void reopenBlocked() {
        for (StepSlot s : slots.values()) {
            if (s.state == StepState.BLOCKED) {
                reopen(s);
            }
        }
    }

    private List<StepKey> reopenAfterReset(String host, Phase from) {
        Set<StepKey> open = new LinkedHashSet<>();
        for (StepSlot s : slotsByHost.get(host)) {
            if (s.step.phase().compareTo(from) >= 0 && !graph.isOnBehalfOfAnother(s.key)) {
                open.add(s.key);
                open.addAll(graph.downstreamOf(s.key));
            }
        }
        List<StepKey> reopened = new ArrayList<>();
        for (StepKey k : graph.steps()) {
            if (open.contains(k)) {
                StepSlot s = slots.get(k);
                reopened.add(k);
                for (StepKey p : graph.producersOf(k).values()) {
                    reopened.add(p);
                }
                reopen(s);
            }
        }
        reopenBlocked();
        // All of them, finished here or not: before start() the journal's entries are not loaded yet.
        return reopened.stream().distinct().toList();
    }

    /** Marks the steps an earlier run finished ({@link ResumePoint}) as done, with their non-secret outputs. */
    private void restoreFromJournal() {
        if (journal == null) {
            return;
        }
        Map<StepKey, RunJournal.Entry> entries = journal.entries();
        Set<StepKey> finished = ResumePoint.finishedSteps(graph, entries);
        for (StepKey k : finished) {
            RunJournal.Entry e = entries.get(k);
            StepSlot s = slots.get(k);
            s.outputs = e.outputs();
            s.fromJournal = true;
            s.finished = e.finishedAt();
            transition(s, e.state(), null, null);
        }
        if (!finished.isEmpty()) {
            LOG.info("resuming: {} of {} steps finished in an earlier run", finished.size(), slots.size());
        }
    }

    /** One round: from a start, retry, resume or reset until nothing runs. */
    private static final class Round {
        final Cancellation cancel = new Cancellation();
        final CompletableFuture<RunResult> done = new CompletableFuture<>();
        final long startNanos = System.nanoTime();
        int running;
        int finished;
        boolean cancelRequested;
        boolean reset;
        /** The machines this round runs; empty for all. */
        Set<String> only = Set.of();
        /** The consumer's machine of each step made on behalf of another, for {@link #selects}. */
        Function<StepKey, String> onBehalfOf = k -> k.host();

        boolean selects(StepSlot s) {
            return only.isEmpty() || s.step.phase() == Phase.PREFLIGHT || only.contains(s.key.host())
                    || only.contains(onBehalfOf.apply(s.key));
        }
    }

    /** A step handed to a thread; {@code consumer} is the joining machine's step for join data, else null. */
    private record Launch(StepSlot slot, Map<String, String> inputs, List<String> missing, Round round,
                          boolean checkOnly, StepSlot consumer) {
    }

    private record StepChangeEvent(RunListener.StepChange change) implements java.util.function.Consumer<RunListener> {
        @Override
        public void accept(RunListener l) {
            l.stepChanged(change);
        }
    }

    @Override
    public String toString() {
        return "Orchestrator[" + String.join(", ", hosts.keySet()) + "]" + (round != null ? " running" : "")
                + String.format(Locale.ROOT, " %d/%d", finishedCount, slots.size());
    }
}
