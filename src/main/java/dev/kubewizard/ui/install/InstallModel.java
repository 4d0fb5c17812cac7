package dev.kubewizard.ui.install;

import dev.kubewizard.diagnosis.Diagnosis;
import dev.kubewizard.diagnosis.FailedStep;
import dev.kubewizard.diagnosis.Finding;
import dev.kubewizard.install.InstallPasswords;
import dev.kubewizard.install.InstallSetup;
import dev.kubewizard.install.Machines;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Node;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.recipe.ClusterSteps;
import dev.kubewizard.recipe.InstallRecipe;
import dev.kubewizard.recipe.Phase;
import dev.kubewizard.recipe.Recipe;
import dev.kubewizard.recipe.RecipeInputs;
import dev.kubewizard.recipe.Step;
import dev.kubewizard.run.LineBuffer;
import dev.kubewizard.run.NodeState;
import dev.kubewizard.run.Orchestrator;
import dev.kubewizard.run.RunListener;
import dev.kubewizard.run.RunResult;
import dev.kubewizard.run.RunSettings;
import dev.kubewizard.run.StepLine;
import dev.kubewizard.run.StepResult;
import dev.kubewizard.run.StepState;
import dev.kubewizard.run.StepStatus;
import dev.kubewizard.ssh.SecretMasker;
import dev.kubewizard.text.Messages;
import dev.kubewizard.text.Text;
import dev.kubewizard.ui.BackgroundWork;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.plan.RunSecrets;
import dev.kubewizard.ui.text.Language;
import dev.kubewizard.ui.text.UiText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The install as the Install page shows it: starts the run engine on the plan, and on each {@link #tick()} (a UI timer,
 * every 100-200 ms) copies the engine's state into properties (the nodes × phases overview, progress, ETA, every
 * machine's state) and drains every machine's console buffer into one batch per machine, with a header and the
 * course's "why" before each step. A round that ends with failures raises a notice per failed step with its diagnosis;
 * the notices offer retry or reset of that machine. No scene nodes: tested without the FX thread.
 */
public final class InstallModel {
    private static final Logger LOG = LoggerFactory.getLogger(InstallModel.class);

    /** Where the install stands as a whole. */
    public enum Status {
        /** Not started. */
        READY,
        /** Preparing: the Calico manifest, the machines (simulated servers start). */
        PREPARING,
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED,
        /** Could not start (see {@link #problemProperty()}). */
        NOT_STARTED
    }

    private final PlanDraft draft;
    private final RunSecrets secrets;
    private final UiText text;
    private final BackgroundWork work;
    private final Supplier<MachineSource> source;
    private final HostKeyQueue hostKeys;
    private final Map<String, Consumer<List<ConsoleLine>>> consoleSinks = new LinkedHashMap<>();
    private final Map<String, String> lastStepShown = new LinkedHashMap<>();
    private final Map<String, Step> stepsByKey = new LinkedHashMap<>();
    private boolean startOnTick;
    private boolean starting;
    private boolean cancelWhenStarted;
    private boolean runStarted;
    // Properties
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status", Status.READY);
    private final ReadOnlyObjectWrapper<InstallSession> session = new ReadOnlyObjectWrapper<>(this, "session");
    private final ObservableList<String> hosts = FXCollections.observableArrayList();
    private final ObservableList<Phase> phases = FXCollections.observableArrayList();
    private final Map<String, Map<Phase, ReadOnlyObjectWrapper<GridCell>>> cells = new LinkedHashMap<>();
    private final Map<String, ReadOnlyObjectWrapper<NodeState>> nodeStates = new LinkedHashMap<>();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyObjectWrapper<RunListener.Progress> counts = new ReadOnlyObjectWrapper<>(this, "counts");
    private final ObservableList<FailureNotice> notices = FXCollections.observableArrayList();
    private final ObjectProperty<Text> problem = new SimpleObjectProperty<>(this, "problem");
    private final BooleanBinding valid;
    private final BooleanBinding busy;

    /**
     * @param source where the machines are: real ones, or the demo's simulated ones (read when the install starts)
     */
    public InstallModel(PlanDraft draft, RunSecrets secrets, UiText text, BackgroundWork work,
                        Supplier<MachineSource> source) {
        this.draft = draft;
        this.secrets = secrets;
        this.text = text;
        this.work = work;
        this.source = source;
        this.hostKeys = new HostKeyQueue(work::toUi);
        valid = Bindings.createBooleanBinding(() -> status.get() == Status.SUCCEEDED, status);
        busy = Bindings.createBooleanBinding(() -> status.get() == Status.PREPARING
                || status.get() == Status.RUNNING, status);
    }

    // Properties

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public Status status() {
        return status.get();
    }

    /** The run, once it was started; the Finish page reads the machines and the engine from it. */
    public ReadOnlyObjectProperty<InstallSession> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    /** Complete when every step of every machine is done: the wizard may go on to Finish. */
    public BooleanBinding validProperty() {
        return valid;
    }

    /** Preparing or running: nothing else may be started. */
    public BooleanBinding busyProperty() {
        return busy;
    }

    /** The machines of the run, in plan order (rows of the overview, tabs of the consoles). */
    public ObservableList<String> hosts() {
        return hosts;
    }

    /** The phases the recipe has, in run order (columns of the overview). */
    public ObservableList<Phase> phases() {
        return phases;
    }

    public ReadOnlyObjectProperty<GridCell> cell(String host, Phase phase) {
        return cells.get(host).get(phase).getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<NodeState> nodeState(String host) {
        return nodeStates.get(host).getReadOnlyProperty();
    }

    /** Steps done out of all, 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Steps done, total, time so far and the estimate of the time left. */
    public ReadOnlyObjectProperty<RunListener.Progress> countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /** The failed steps of the last round, with their diagnosis. */
    public ObservableList<FailureNotice> notices() {
        return notices;
    }

    /** Why the install could not start (a password missing, calico.yaml not downloaded); null otherwise. */
    public ObjectProperty<Text> problemProperty() {
        return problem;
    }

    public HostKeyQueue hostKeys() {
        return hostKeys;
    }

    /** Whether the machine's steps can be run again now (it has a failed, cancelled or blocked step). */
    public boolean canRetry(String host) {
        NodeState s = nodeStates.containsKey(host) ? nodeStates.get(host).get() : null;
        return !busy.get() && session.get() != null && s != null
                && (s == NodeState.FAILED || s == NodeState.CANCELLED || s == NodeState.BLOCKED);
    }

    /** Whether "reset node" applies: a cluster node (not the load-balancer host) while nothing runs. */
    public boolean canReset(String host) {
        InstallSession s = session.get();
        return !busy.get() && s != null && s.plan().nodes().stream().anyMatch(n -> n.hostname().equals(host));
    }

    /** The title of a step in the current language, e.g. for a notice. */
    public String title(FailureNotice notice) {
        return text.get(notice.title());
    }

    // Commands

    /** Receives the console lines of one machine, one batch per {@link #tick()} that has any. */
    public void onConsole(String host, Consumer<List<ConsoleLine>> sink) {
        consoleSinks.put(host, sink);
    }

    /** Builds the recipe and the machines off the UI thread, then starts the run. */
    public void start() {
        if (busy.get() || session.get() != null) {
            return;
        }
        if (!draft.loadedProperty().get() || draft.check().hasErrors()) {
            problem.set(Messages.text("ui.install.planHasErrors"));
            status.set(Status.NOT_STARTED);
            return;
        }
        ClusterPlan plan = draft.toPlan();
        Path planFile = draft.planFileProperty().get();
        InstallPasswords passwords = new InstallPasswords(secrets.sshPasswordProperty().get(),
                secrets.sudoPasswordProperty().get(), secrets.harborPasswordProperty().get());
        MachineSource machines = source.get();
        Locale language = text.language() == Language.EN ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
        problem.set(null);
        notices.clear();
        status.set(Status.PREPARING);
        work.run("prepare install", () -> prepare(plan, planFile, passwords, machines, language), this::begin,
                e -> {
                    problem.set(e instanceof PreparationException p ? p.problem
                            : Messages.text("ui.install.prepareFailed", String.valueOf(e.getMessage())));
                    status.set(Status.NOT_STARTED);
                });
    }

    /** Stops every running step; the machines keep what is done. */
    public void cancel() {
        InstallSession s = session.get();
        hostKeys.refuseAll();
        if (startOnTick) {
            startOnTick = false;
            status.set(Status.CANCELLED);
        } else if (starting) {
            cancelWhenStarted = true;  // the engine is starting off the UI thread: cancel its round once it has one
        } else if (s != null && status.get() == Status.RUNNING) {
            s.orchestrator().cancel();
        }
    }

    /** Runs every step that has not finished yet again (after a cancel, or after fixing a machine by hand). */
    public void resume() {
        InstallSession s = session.get();
        if (s != null && !busy.get()) {
            if (runStarted) {
                watch(s.orchestrator().resume());
            } else {
                runStarted = true;
                watch(s.orchestrator().start());
            }
        }
    }

    /** "Retry node": runs the machine's failed steps again, and what waited for them. */
    public void retry(String host) {
        InstallSession s = session.get();
        if (s != null && canRetry(host)) {
            dismiss(host);
            watch(s.orchestrator().retry(host));
        }
    }

    /** "Reset node": kubeadm reset on the machine, then its steps from init or join on run again. */
    public void reset(String host) {
        InstallSession s = session.get();
        if (s == null || !canReset(host)) {
            return;
        }
        dismiss(host);
        status.set(Status.RUNNING);
        CompletableFuture<RunResult> after = s.orchestrator().reset(host).thenCompose(r -> {
            if (r.outcome().isFinished()) {
                CompletableFuture<CompletableFuture<RunResult>> retried = new CompletableFuture<>();
                // retry() must not run on the event thread that completes reset's future while it still finishes up
                work.pool().execute(() -> retried.complete(retryWhenIdle(s, host)));
                return retried.thenCompose(f -> f);
            }
            return CompletableFuture.completedFuture(s.orchestrator().lastResult().orElse(null));
        });
        watch(after);
    }

    private CompletableFuture<RunResult> retryWhenIdle(InstallSession s, String host) {
        for (int i = 0; i < 100; i++) {
            try {
                return s.orchestrator().retry(host);
            } catch (IllegalStateException stillGoing) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return CompletableFuture.failedFuture(e);
                }
            }
        }
        return s.orchestrator().resume();
    }

    /**
     * On the UI timer: the engine's state into the properties, and each machine's new lines to its console in one
     * batch.
     */
    public void tick() {
        InstallSession s = session.get();
        if (s == null) {
            return;
        }
        Orchestrator o = s.orchestrator();
        if (startOnTick) {
            startOnTick = false;
            runStarted = true;
            // The engine reads its journal and launches the first steps before it returns: not on the UI thread.
            starting = true;
            work.run("start the install", o::start, round -> {
                starting = false;
                watch(round);
                if (cancelWhenStarted) {
                    cancelWhenStarted = false;
                    o.cancel();
                }
            }, e -> {
                starting = false;
                roundEnded(null, e);
            });
            return;
        }
        for (String host : hosts) {
            LineBuffer.Drained d = o.console(host).drain();
            if (d.lines().isEmpty() && d.droppedBefore() == 0) {
                continue;
            }
            List<ConsoleLine> batch = consoleLines(s, host, d);
            Consumer<List<ConsoleLine>> sink = consoleSinks.get(host);
            if (sink != null) {
                sink.accept(batch);
            }
        }
        refreshGrid(o);
    }

    /** Closes the run and the machines (the window closes). */
    public void close() {
        hostKeys.refuseAll();
        InstallSession s = session.get();
        if (s != null) {
            s.orchestrator().close();
            s.machines().close();
        }
    }

    // Preparation (off the UI thread)

    private static final class PreparationException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Text problem;

        PreparationException(Text problem) {
            super(problem.en());
            this.problem = problem;
        }
    }

    private InstallSession prepare(ClusterPlan plan, Path planFile, InstallPasswords passwords, MachineSource source,
                                   Locale language) throws Exception {
        RecipeInputs inputs;
        try {
            inputs = source.recipeInputs(plan, planFile);
        } catch (IOException e) {
            throw new PreparationException(Messages.text("ui.install.calicoFailed", String.valueOf(e.getMessage())));
        }
        Recipe recipe = InstallRecipe.build(plan, inputs);
        List<String> missing = passwords.missingValues(recipe);
        if (!missing.isEmpty()) {
            throw new PreparationException(Messages.text("ui.install.missingPassword", String.join(", ", missing)));
        }
        SecretMasker masker = passwords.masker(plan);
        Machines machines = source.open(plan, passwords, masker, hostKeys);
        RunSettings settings = InstallSetup.runSettings(source.runFolder(plan, planFile), masker,
                passwords.runValues(recipe), language, source.resumes());
        try {
            Orchestrator orchestrator = new Orchestrator(recipe, machines::executor, settings);
            return new InstallSession(plan, recipe, machines, orchestrator, masker);
        } catch (RuntimeException e) {
            machines.close();
            throw e;
        }
    }

    /** On the UI thread: shows the run's machines and phases, then starts it. */
    private void begin(InstallSession s) {
        stepsByKey.clear();
        for (Step step : s.recipe().steps()) {
            stepsByKey.put(step.host() + "/" + step.id(), step);
        }
        List<String> order = s.orchestrator().graph().hosts();
        List<String> planOrder = s.plan().hosts().stream().map(PlanHost::hostname).filter(order::contains).toList();
        cells.clear();
        nodeStates.clear();
        List<Phase> used = s.recipe().steps().stream().map(Step::phase).distinct().sorted().toList();
        for (String host : planOrder) {
            Map<Phase, ReadOnlyObjectWrapper<GridCell>> row = new EnumMap<>(Phase.class);
            for (Phase p : used) {
                row.put(p, new ReadOnlyObjectWrapper<>(this, host + "-" + p, GridCell.NONE));
            }
            cells.put(host, row);
            nodeStates.put(host, new ReadOnlyObjectWrapper<>(this, host, NodeState.PENDING));
        }
        phases.setAll(used);
        hosts.setAll(planOrder);
        session.set(s);
        status.set(Status.RUNNING);
        refreshGrid(s.orchestrator());
        LOG.info("install started on {} machines{}", planOrder.size(), s.simulated() ? " (simulated)" : "");
        // The run starts on the next tick: the page first lays out its overview and consoles, then output flows.
        startOnTick = true;
    }

    private void watch(CompletableFuture<RunResult> round) {
        status.set(Status.RUNNING);
        round.whenComplete((result, error) -> work.toUi(() -> roundEnded(result, error)));
    }

    private void roundEnded(RunResult result, Throwable error) {
        InstallSession s = session.get();
        tick();
        if (error != null || result == null) {
            LOG.error("the install round ended on an internal error", error);
            problem.set(Messages.text("ui.install.internalError", String.valueOf(error)));
            status.set(Status.FAILED);
            return;
        }
        if (s != null && s.orchestrator().lastResult().isPresent()) {
            result = s.orchestrator().lastResult().get();
        }
        notices.setAll(notices(result));
        status.set(switch (result.outcome()) {
            case SUCCEEDED -> Status.SUCCEEDED;
            case CANCELLED -> Status.CANCELLED;
            case FAILED -> Status.FAILED;
        });
        if (!result.errors().isEmpty()) {
            problem.set(result.errors().get(0).message());
        }
    }

    private void dismiss(String host) {
        notices.removeIf(n -> n.host().equals(host));
    }

    /** One notice per failed step, with what the diagnosis makes of its last lines. */
    List<FailureNotice> notices(RunResult result) {
        InstallSession s = session.get();
        List<FailureNotice> list = new ArrayList<>();
        for (RunResult.StepFailure f : result.failures()) {
            Step step = stepsByKey.get(f.step().host() + "/" + f.step().stepId());
            Phase phase = step == null ? Phase.PREFLIGHT : step.phase();
            FailedStep failed = f.kind() == StepResult.Outcome.CONNECTION_LOST
                    ? FailedStep.connectionLost(f.step().stepId(), phase, f.step().host(), f.lastLines())
                    : FailedStep.exited(f.step().stepId(), phase, f.step().host(), f.exitCode(), f.lastLines());
            List<Finding> findings = Diagnosis.diagnose(failed);
            boolean resettable = s != null && s.plan().nodes().stream()
                    .anyMatch(n -> n.hostname().equals(f.step().host()));
            list.add(new FailureNotice(f.step().host(), f.step().stepId(), f.title(), findings, f.lastLines(),
                    f.needsReset(), resettable));
        }
        return list;
    }

    // The console batch

    private List<ConsoleLine> consoleLines(InstallSession s, String host, LineBuffer.Drained d) {
        List<ConsoleLine> batch = new ArrayList<>(d.lines().size() + 8);
        if (d.droppedBefore() > 0) {
            batch.add(new ConsoleLine(ConsoleLine.Kind.DROPPED, text.get("ui.install.console.dropped",
                    String.valueOf(d.droppedBefore()))));
        }
        for (StepLine line : d.lines()) {
            String stepId = line.stepId();
            if (!stepId.equals(lastStepShown.get(host))) {
                lastStepShown.put(host, stepId);
                Step step = stepsByKey.get(host + "/" + stepId);
                if (step == null) {
                    step = resetStep(s.plan(), host);
                }
                batch.add(new ConsoleLine(ConsoleLine.Kind.HEADER, step == null ? stepId : text.get(step.title())));
                if (step != null) {
                    batch.add(new ConsoleLine(ConsoleLine.Kind.WHY, text.get(step.why())));
                }
            }
            batch.add(new ConsoleLine(switch (line.kind()) {
                case STDOUT -> ConsoleLine.Kind.STDOUT;
                case STDERR -> ConsoleLine.Kind.STDERR;
                case NOTE -> ConsoleLine.Kind.NOTE;
            }, line.text()));
        }
        return batch;
    }

    private static Step resetStep(ClusterPlan plan, String host) {
        Optional<Node> node = plan.nodes().stream().filter(n -> n.hostname().equals(host)).findFirst();
        return node.map(n -> ClusterSteps.reset(plan, n)).orElse(null);
    }

    // The overview

    private void refreshGrid(Orchestrator o) {
        Instant now = Instant.now();
        Map<String, Map<Phase, List<StepStatus>>> byCell = new LinkedHashMap<>();
        for (StepStatus st : o.steps()) {
            byCell.computeIfAbsent(st.key().host(), h -> new EnumMap<>(Phase.class))
                    .computeIfAbsent(st.step().phase(), p -> new ArrayList<>()).add(st);
        }
        for (String host : hosts) {
            Map<Phase, List<StepStatus>> row = byCell.getOrDefault(host, Map.of());
            for (Phase phase : phases) {
                List<StepStatus> steps = row.getOrDefault(phase, List.of());
                CellState state = CellState.of(steps.stream().map(StepStatus::state).toList());
                Duration time = Duration.ZERO;
                int done = 0;
                for (StepStatus st : steps) {
                    if (st.state().isFinished()) {
                        done++;
                    }
                    if (st.started().isPresent() && !st.fromJournal()) {
                        Instant end = st.state() == StepState.RUNNING || st.finished().isEmpty() ? now
                                : st.finished().get();
                        if (end.isAfter(st.started().get())) {
                            time = time.plus(Duration.between(st.started().get(), end));
                        }
                    }
                }
                GridCell cell = new GridCell(state, time, done, steps.size());
                ReadOnlyObjectWrapper<GridCell> p = cells.get(host).get(phase);
                if (!cell.equals(p.get())) {
                    p.set(cell);
                }
            }
            NodeState ns = o.nodeState(host);
            if (nodeStates.get(host).get() != ns) {
                nodeStates.get(host).set(ns);
            }
        }
        RunListener.Progress p = o.progress();
        if (!p.equals(counts.get())) {
            counts.set(p);
            progress.set(p.fraction());
        }
    }
}
