package dev.kubewizard.sim;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.recipe.InstallRecipe;
import dev.kubewizard.recipe.JoinData;
import dev.kubewizard.recipe.Phase;
import dev.kubewizard.recipe.Recipe;
import dev.kubewizard.recipe.RecipeInputs;
import dev.kubewizard.recipe.Step;
import dev.kubewizard.ssh.CancelSignal;
import dev.kubewizard.ssh.HostKeyOffer;
import dev.kubewizard.ssh.JschRemoteShell;
import dev.kubewizard.ssh.OutputLine;
import dev.kubewizard.ssh.SecretMasker;
import dev.kubewizard.ssh.SshSettings;
import dev.kubewizard.ssh.SshTarget;
import dev.kubewizard.ssh.StepObserver;
import dev.kubewizard.ssh.StepResult;
import dev.kubewizard.ssh.StepRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Drives simulated nodes through the real SSH code: {@link JschRemoteShell} connections (host keys trusted on first use
 * into a throw-away known_hosts, every offer recorded) and the real {@link StepRunner}, walking the real recipe in
 * order and handing the run-time values from one step to the next as the orchestrator will.
 */
final class SimHarness implements AutoCloseable {
    static final String HARBOR_PASSWORD = "Harbor-Σ-2026";
    static final StepRunner RUNNER = new StepRunner(new StepRunner.Options(3, Duration.ofMillis(50), 3));

    final SimulatedCluster sim;
    final ClusterPlan plan;
    final SecretMasker masker = new SecretMasker();
    final List<HostKeyOffer> offers = new CopyOnWriteArrayList<>();
    private final Path knownHosts;
    private final Map<String, JschRemoteShell> shells = new ConcurrentHashMap<>();
    final Map<String, String> values = new HashMap<>();

    SimHarness(ClusterPlan plan, SimOptions options, Path dir) throws IOException {
        this.plan = plan;
        this.sim = SimulatedCluster.start(plan, options);
        this.knownHosts = dir.resolve("known_hosts");
        values.put("KW_HARBOR_PASSWORD", HARBOR_PASSWORD);
    }

    static ClusterPlan coursePlan() {
        return PlanYaml.courseExample();
    }

    /** The course plan logging in as a sudo user instead of root. */
    static ClusterPlan coursePlanAs(String user) throws Exception {
        String yaml = PlanYaml.toYaml(PlanYaml.courseExample());
        return PlanYaml.parse(yaml.replaceFirst("user: \"?root\"?", "user: " + user), "course-as-" + user);
    }

    static String resource(String name) {
        try (InputStream in = SimHarness.class.getResourceAsStream("/dev/kubewizard/sim/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Recipe recipe() {
        return InstallRecipe.build(plan, RecipeInputs.withCalicoManifest(resource("calico-small.yaml")));
    }

    SshSettings settings() {
        return new SshSettings(knownHosts, offer -> {
            offers.add(offer);
            return true;
        }, Duration.ofSeconds(5), Duration.ofSeconds(2), 3);
    }

    synchronized JschRemoteShell shell(String hostname) throws Exception {
        JschRemoteShell s = shells.get(hostname);
        if (s == null) {
            s = new JschRemoteShell(sim.target(hostname), settings(), masker);
            shells.put(hostname, s);
        }
        if (!s.isConnected()) {
            s.connect();
        }
        return s;
    }

    JschRemoteShell newShell(SshTarget target) {
        return new JschRemoteShell(target, settings(), masker);
    }

    /** Runs one step on its node; its outputs become values for later steps. */
    StepResult run(Step step, Lines lines) throws Exception {
        StepResult r = RUNNER.run(shell(step.host()), step, inputsFor(step), lines, new CancelSignal());
        if (r.outcome() == StepResult.Outcome.DONE) {
            synchronized (values) {
                values.putAll(r.outputs());
            }
        }
        return r;
    }

    StepResult run(Step step) throws Exception {
        return run(step, new Lines());
    }

    Map<String, String> inputsFor(Step step) {
        Map<String, String> in = new LinkedHashMap<>();
        synchronized (values) {
            step.inputs().forEach(v -> in.put(v.name(), values.get(v.name())));
        }
        return in;
    }

    /**
     * Every step of the recipe in order, as the orchestrator runs them: in the preflight, prep and lb phases each
     * machine goes through its own steps at the same time as the others; the cluster phases one step after the
     * other. Stops after the first phase with a step that is not done. Results in recipe order.
     */
    List<StepResult> runAll(List<Step> steps) throws Exception {
        Map<Step, StepResult> results = new LinkedHashMap<>();
        int i = 0;
        while (i < steps.size()) {
            Phase phase = steps.get(i).phase();
            int end = i;
            while (end < steps.size() && steps.get(end).phase() == phase) {
                end++;
            }
            List<Step> inPhase = steps.subList(i, end);
            boolean parallel = phase == Phase.PREFLIGHT || phase == Phase.PREP || phase == Phase.LB;
            if (parallel) {
                Map<String, List<Step>> byHost = new LinkedHashMap<>();
                inPhase.forEach(s -> byHost.computeIfAbsent(s.host(), k -> new ArrayList<>()).add(s));
                for (String host : byHost.keySet()) {
                    shell(host);   // connect first: the host key prompt runs on this thread
                }
                ExecutorService pool = Executors.newFixedThreadPool(byHost.size());
                try {
                    List<Future<Map<Step, StepResult>>> running = new ArrayList<>();
                    for (List<Step> hostSteps : byHost.values()) {
                        running.add(pool.submit(() -> runInOrder(hostSteps)));
                    }
                    for (Future<Map<Step, StepResult>> f : running) {
                        results.putAll(f.get());
                    }
                } finally {
                    pool.shutdownNow();
                }
            } else {
                results.putAll(runInOrder(inPhase));
            }
            List<StepResult> ordered = new ArrayList<>();
            steps.stream().filter(results::containsKey).forEach(s -> ordered.add(results.get(s)));
            if (ordered.stream().anyMatch(r -> !r.isDone())) {
                return ordered;
            }
            i = end;
        }
        List<StepResult> ordered = new ArrayList<>();
        steps.forEach(s -> ordered.add(results.get(s)));
        return ordered;
    }

    private Map<Step, StepResult> runInOrder(List<Step> steps) throws Exception {
        Map<Step, StepResult> results = new LinkedHashMap<>();
        for (Step s : steps) {
            if (s.id().startsWith("join-data-")) {
                synchronized (values) {
                    JoinData.valuesFor(true).forEach(v -> values.remove(v.name()));
                }
            }
            StepResult r = run(s);
            results.put(s, r);
            if (!r.isDone()) {
                break;
            }
        }
        return results;
    }

    @Override
    public void close() {
        shells.values().forEach(JschRemoteShell::close);
        sim.close();
    }

    /** Keeps every line and stage a step went through. */
    static class Lines implements StepObserver {
        final List<OutputLine> lines = new CopyOnWriteArrayList<>();
        final List<Stage> stages = new CopyOnWriteArrayList<>();

        @Override
        public void onLine(OutputLine line) {
            lines.add(line);
        }

        @Override
        public void stage(Stage stage) {
            stages.add(stage);
        }

        String all() {
            StringBuilder b = new StringBuilder();
            lines.forEach(l -> b.append(l.source() == OutputLine.Source.STDERR ? "E " : "O ").append(l.text())
                    .append('\n'));
            return b.toString();
        }
    }
}
