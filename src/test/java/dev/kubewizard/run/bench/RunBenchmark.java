package dev.kubewizard.run.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Node;
import dev.kubewizard.plan.PlanValidator;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.plan.Role;
import dev.kubewizard.recipe.InstallRecipe;
import dev.kubewizard.recipe.Phase;
import dev.kubewizard.recipe.Recipe;
import dev.kubewizard.recipe.RecipeInputs;
import dev.kubewizard.run.FakeNodes;
import dev.kubewizard.run.Orchestrator;
import dev.kubewizard.run.RunGraph;
import dev.kubewizard.run.RunResult;
import dev.kubewizard.run.RunSettings;
import dev.kubewizard.run.StepKey;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * How close the orchestrator comes to the best possible schedule (issue 3, item 8). Simulated machines sleep for known
 * step durations (realistic seconds, scaled down); the wall time of a whole install is compared with the ideal
 * critical path of the step graph (no schedule can be faster) and with a lockstep schedule (every machine waits for
 * the slowest at each step index of each phase, as a phase-by-phase tool does). Also reported: the CPU time of the
 * orchestrator's threads and the heap it holds. Not a test: run it by hand.
 *
 * <pre>
 * mvn -q -B -Pbench test-compile exec:java                  # 5 and 50 nodes, 1 s of install = 4 ms, 3 rounds
 * mvn -q -B -Pbench test-compile exec:java -Dexec.args="2 5" # 1 s = 2 ms, 5 rounds
 * </pre>
 * Without the profile: {@code mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt && java -cp
 * target/classes:target/test-classes:$(cat target/cp.txt) dev.kubewizard.run.bench.RunBenchmark}.
 */
public final class RunBenchmark {
    /** Seconds a step takes on a real classroom VM (rough figures from course installs). */
    private static final Map<String, Integer> SECONDS = Map.ofEntries(
            Map.entry("preflight", 6), Map.entry("hostname", 1), Map.entry("hosts", 1),
            Map.entry("apt-mirror", 20), Map.entry("firewall", 2), Map.entry("swap", 1), Map.entry("kernel", 2),
            Map.entry("base-packages", 40), Map.entry("time-sync", 8), Map.entry("containerd", 45),
            Map.entry("registry-hosts", 2), Map.entry("crictl", 1), Map.entry("kubernetes-packages", 40),
            Map.entry("lb-nginx", 20), Map.entry("kubeadm-config", 2), Map.entry("kubeadm-images", 60),
            Map.entry("kubeadm-init", 60), Map.entry("kubectl-config", 1), Map.entry("kubeadm-join", 40),
            Map.entry("calico", 30), Map.entry("harbor", 30), Map.entry("verify-cluster", 30));
    private static final int JOIN_DATA_SECONDS = 3;

    private RunBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double msPerSecond = args.length > 0 ? Double.parseDouble(args[0]) : 4.0;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.kubewizard"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        out.printf(Locale.ROOT, "kubewizard run benchmark: 1 s of install = %.1f ms, median of %d rounds, %d CPUs, "
                + "Java %s%n", msPerSecond, rounds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        out.printf(Locale.ROOT, "%-6s %-6s %-6s %-10s %-10s %-10s %-9s %-9s %-11s %-10s %-10s%n", "nodes", "hosts",
                "steps", "critical", "lockstep", "wall", "over cp", "vs lock", "orch. CPU", "allocated", "heap kept");
        warmUp(msPerSecond);
        for (int nodes : new int[] {5, 50}) {
            report(out, nodes, msPerSecond, rounds);
        }
    }

    private static void warmUp(double msPerSecond) throws Exception {
        measure(recipe(5), msPerSecond / 4, 0);
    }

    private static void report(PrintStream out, int nodes, double msPerSecond, int rounds) throws Exception {
        Recipe recipe = recipe(nodes);
        List<Measurement> ms = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            ms.add(measure(recipe, msPerSecond, i + 1));
        }
        ms.sort((a, b) -> Double.compare(a.wallMs, b.wallMs));
        Measurement m = ms.get(ms.size() / 2);
        out.printf(Locale.ROOT, "%-6d %-6d %-6d %-10s %-10s %-10s %-9s %-9s %-11s %-10s %-10s%n", nodes,
                recipe.plan().hosts().size(), recipe.steps().size(), ms(m.criticalMs), ms(m.lockstepMs), ms(m.wallMs),
                pct(m.wallMs / m.criticalMs - 1), pct(m.wallMs / m.lockstepMs - 1), ms(m.cpuMs),
                mib(m.allocatedBytes), mib(m.heapKeptBytes));
    }

    /**
     * @param cpuMs          CPU time of the orchestrator's threads (step threads include the fake nodes' little work)
     * @param allocatedBytes bytes those threads allocated during the run
     * @param heapKeptBytes  heap still held after the run and a GC, with the orchestrator open (its state)
     */
    private record Measurement(double criticalMs, double lockstepMs, double wallMs, double cpuMs, long allocatedBytes,
                               long heapKeptBytes) {
    }

    private static Measurement measure(Recipe recipe, double msPerSecond, long seed) throws Exception {
        RunGraph graph = RunGraph.of(recipe);
        Map<StepKey, Long> durations = durations(graph, msPerSecond, seed);
        double critical = graph.criticalPath(durations::get).toMillis();
        double lockstep = lockstep(graph, durations);
        FakeNodes nodes = new FakeNodes(0).durations(durations::get);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        System.gc();
        long heapBefore = heapUsed();
        long cpuBefore = os.getProcessCpuTime();
        RunSettings settings = RunSettings.defaults().withValues(Map.of("KW_HARBOR_PASSWORD", "benchmark"));
        try (Orchestrator run = new Orchestrator(recipe, nodes, settings)) {
            long t0 = System.nanoTime();
            RunResult result = run.run();
            double wall = (System.nanoTime() - t0) / 1e6;
            if (!result.succeeded()) {
                throw new IllegalStateException("the simulated install failed: " + result.failures());
            }
            double orchestratorCpu = 0;
            long allocated = 0;
            for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (t != null && t.getThreadName().startsWith("kw-run-")) {
                    long cpu = threads.getThreadCpuTime(t.getThreadId());
                    orchestratorCpu += cpu > 0 ? cpu / 1e6 : 0;
                    allocated += Math.max(0, threads.getThreadAllocatedBytes(t.getThreadId()));
                }
            }
            System.gc();
            long kept = heapUsed() - heapBefore;
            double processCpu = (os.getProcessCpuTime() - cpuBefore) / 1e6;
            if (seed > 0 && Boolean.getBoolean("bench.verbose")) {
                System.out.printf(Locale.ROOT, "  round %d: wall %.0f ms, process CPU %.0f ms%n", seed, wall,
                        processCpu);
            }
            return new Measurement(critical, lockstep, wall, orchestratorCpu, allocated, kept);
        }
    }

    /** Each step's duration, with a machine-to-machine spread of +-30 % (seeded, so rounds are comparable). */
    private static Map<StepKey, Long> durations(RunGraph graph, double msPerSecond, long seed) {
        Random random = new Random(42 + seed);
        Map<StepKey, Long> d = new LinkedHashMap<>();
        for (StepKey k : graph.steps()) {
            int seconds = k.stepId().startsWith("join-data-") ? JOIN_DATA_SECONDS
                    : SECONDS.getOrDefault(k.stepId(), 5);
            double spread = 0.7 + 0.6 * random.nextDouble();
            d.put(k, Math.max(1, Math.round(seconds * spread * msPerSecond)));
        }
        return d;
    }

    /**
     * Phase by phase; within a phase each machine's steps by index, every index waiting for the slowest machine.
     * Join data made on the first master counts with the machine it is for; JOIN_MASTER runs machine after machine.
     */
    private static double lockstep(RunGraph graph, Map<StepKey, Long> durations) {
        double total = 0;
        for (Phase phase : Phase.values()) {
            Map<String, List<Long>> perHost = new LinkedHashMap<>();
            for (StepKey k : graph.steps()) {
                if (graph.step(k).phase() != phase) {
                    continue;
                }
                String owner = k.host();
                if (graph.isOnBehalfOfAnother(k)) {
                    owner = graph.dependentsOf(k).stream().filter(d -> graph.producersOf(d).containsValue(k))
                            .findFirst().orElseThrow().host();
                }
                perHost.computeIfAbsent(owner, h -> new ArrayList<>()).add(durations.get(k));
            }
            if (phase == Phase.JOIN_MASTER) {
                total += perHost.values().stream().flatMap(List::stream).mapToLong(Long::longValue).sum();
                continue;
            }
            int longest = perHost.values().stream().mapToInt(List::size).max().orElse(0);
            for (int i = 0; i < longest; i++) {
                int index = i;
                total += perHost.values().stream().filter(l -> l.size() > index).mapToLong(l -> l.get(index)).max()
                        .orElse(0);
            }
        }
        return total;
    }

    /** The course plan with {@code workers + 3} nodes: 3 masters, the rest workers, and the load-balancer host. */
    static Recipe recipe(int nodeCount) {
        ClusterPlan course = PlanYaml.courseExample();
        List<Node> nodes = new ArrayList<>(course.masters());
        for (int i = 1; i <= nodeCount - course.masters().size(); i++) {
            nodes.add(new Node("k8s-node" + i, "192.168.1." + (200 + i), Role.WORKER));
        }
        ClusterPlan plan = new ClusterPlan(course.apiVersion(), course.cluster(), course.loadBalancer(), nodes,
                course.ssh(), course.mirrors(), course.harbor(), course.cni());
        if (PlanValidator.hasErrors(PlanValidator.validate(plan))) {
            throw new IllegalStateException("the benchmark plan is not valid: " + PlanValidator.validate(plan));
        }
        return InstallRecipe.build(plan, RecipeInputs.none());
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String ms(double ms) {
        return String.format(Locale.ROOT, "%.0f ms", ms);
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%+.1f %%", fraction * 100);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", Math.max(0, bytes) / (1024.0 * 1024.0));
    }
}
