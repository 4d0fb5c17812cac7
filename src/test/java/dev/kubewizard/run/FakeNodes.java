package dev.kubewizard.run;

import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.recipe.JoinData;
import dev.kubewizard.recipe.PreflightSteps;
import dev.kubewizard.recipe.RuntimeValue;
import dev.kubewizard.recipe.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Machines that answer like real ones without SSH: every step sleeps for its duration, prints a line or two and the
 * outputs it declares (distinct preflight facts per machine, well-formed join data), and is recorded with its start
 * and end times and the inputs it was given. A test changes single steps with {@link #on}.
 */
public final class FakeNodes implements Function<PlanHost, StepExecutor> {
    private final Map<StepKey, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> facts = new ConcurrentHashMap<>();
    private final List<Execution> executions = new CopyOnWriteArrayList<>();
    private final Map<StepKey, List<Boolean>> checkAnswers = new ConcurrentHashMap<>();
    private final List<StepKey> checks = new CopyOnWriteArrayList<>();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final long baseNanos = System.nanoTime();
    private volatile long defaultMillis;
    private volatile Function<StepKey, Long> durations;

    public FakeNodes(long defaultMillis) {
        this.defaultMillis = defaultMillis;
    }

    /** Every step lasts as long as {@code durations} says (milliseconds). */
    public FakeNodes durations(Function<StepKey, Long> newDurations) {
        this.durations = newDurations;
        return this;
    }

    /** One execution of a step; times in milliseconds since the fake was made. */
    public record Execution(StepKey key, double start, double end, Map<String, String> inputs,
                            StepResult.Outcome outcome) {
        public boolean overlaps(Execution other) {
            return start < other.end && other.start < end;
        }
    }

    /** What a step does, changed for one test. */
    public static final class Behaviour {
        private Long millis;
        private StepResult.Outcome outcome = StepResult.Outcome.DONE;
        private int exitCode;
        private int times = Integer.MAX_VALUE;
        private final List<String> lines = new ArrayList<>();
        private final Map<String, String> outputs = new LinkedHashMap<>();
        private volatile Runnable whenStarted;

        public Behaviour sleeps(long ms) {
            this.millis = ms;
            return this;
        }

        /** Fails with this exit code and these last lines. */
        public Behaviour fails(int code, String... output) {
            this.outcome = StepResult.Outcome.FAILED;
            this.exitCode = code;
            lines.addAll(List.of(output));
            return this;
        }

        public Behaviour skips() {
            this.outcome = StepResult.Outcome.SKIPPED;
            return this;
        }

        public Behaviour losesConnection() {
            this.outcome = StepResult.Outcome.CONNECTION_LOST;
            return this;
        }

        /** The changed behaviour holds for the first {@code n} executions only; later ones behave normally. */
        public Behaviour times(int n) {
            this.times = n;
            return this;
        }

        public Behaviour prints(String... output) {
            lines.addAll(List.of(output));
            return this;
        }

        public Behaviour outputs(Map<String, String> values) {
            outputs.putAll(values);
            return this;
        }

        public Behaviour whenStarted(Runnable action) {
            this.whenStarted = action;
            return this;
        }
    }

    public Behaviour on(String host, String stepId) {
        return behaviours.computeIfAbsent(new StepKey(host, stepId), k -> new Behaviour());
    }

    /** Overrides preflight facts of one machine (e.g. a cloned VM's product_uuid). */
    public FakeNodes fact(String host, String name, String value) {
        facts.computeIfAbsent(host, h -> new ConcurrentHashMap<>()).put(name, value);
        return this;
    }

    /**
     * What running only this step's check answers, call after call (the last answer repeats): true passes. Without
     * answers a check does not pass.
     */
    public FakeNodes checkAnswers(String host, String stepId, Boolean... answers) {
        checkAnswers.put(new StepKey(host, stepId), List.of(answers));
        return this;
    }

    /** Every check-only call, in order. */
    public List<StepKey> checks() {
        return List.copyOf(checks);
    }

    public List<Execution> executions() {
        return List.copyOf(executions);
    }

    public List<Execution> executionsOf(String host, String stepId) {
        StepKey k = new StepKey(host, stepId);
        return executions.stream().filter(e -> e.key().equals(k)).toList();
    }

    public Execution only(String host, String stepId) {
        List<Execution> all = executionsOf(host, stepId);
        if (all.size() != 1) {
            throw new AssertionError(host + "/" + stepId + " ran " + all.size() + " times, expected once");
        }
        return all.get(0);
    }

    public int executorsCreated() {
        return created.get();
    }

    public int executorsClosed() {
        return closed.get();
    }

    @Override
    public StepExecutor apply(PlanHost host) {
        created.incrementAndGet();
        return new StepExecutor() {
            @Override
            public StepResult execute(Step step, Map<String, String> inputs, LineSink sink, Cancellation cancel) {
                return run(host, step, inputs, sink, cancel);
            }

            @Override
            public Check check(Step step, LineSink sink, Cancellation cancel) {
                StepKey key = StepKey.of(step);
                int before;
                synchronized (checks) {
                    before = (int) checks.stream().filter(key::equals).count();
                    checks.add(key);
                }
                List<Boolean> answers = checkAnswers.getOrDefault(key, List.of(false));
                boolean passes = answers.get(Math.min(before, answers.size() - 1));
                sink.line(new StepLine(host.hostname(), step.id(), StepLine.Kind.STDOUT, Instant.now(),
                        "checking " + step.id()));
                return passes ? Check.PASSES : Check.DOES_NOT_PASS;
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    private StepResult run(PlanHost host, Step step, Map<String, String> inputs, LineSink sink, Cancellation cancel) {
        StepKey key = StepKey.of(step);
        double start = now();
        Behaviour b = behaviours.get(key);
        int before = (int) executions.stream().filter(e -> e.key().equals(key)).count();
        if (b != null && before >= b.times) {
            b = null;
        }
        if (b != null && b.whenStarted != null) {
            b.whenStarted.run();
        }
        long millis = b != null && b.millis != null ? b.millis
                : durations != null ? durations.apply(key) : defaultMillis;
        sink.line(new StepLine(host.hostname(), step.id(), StepLine.Kind.STDOUT, Instant.now(),
                "running " + step.id()));
        Map<String, String> outputs = new LinkedHashMap<>();
        if (b == null || b.outcome == StepResult.Outcome.DONE) {
            outputs.putAll(defaultOutputs(host, step));
            if (b != null) {
                outputs.putAll(b.outputs);
            }
            for (Map.Entry<String, String> o : outputs.entrySet()) {
                sink.line(new StepLine(host.hostname(), step.id(), StepLine.Kind.STDOUT, Instant.now(),
                        "::kubewizard-output " + o.getKey() + "=" + o.getValue()));
            }
        }
        boolean cancelled = millis > 0 ? cancel.await(Duration.ofMillis(millis)) : cancel.isCancelled();
        StepResult.Outcome outcome = cancelled ? StepResult.Outcome.CANCELLED : b == null ? StepResult.Outcome.DONE
                : b.outcome;
        List<String> lines = b == null ? List.of() : List.copyOf(b.lines);
        for (String l : lines) {
            sink.line(new StepLine(host.hostname(), step.id(),
                    outcome == StepResult.Outcome.FAILED ? StepLine.Kind.STDERR : StepLine.Kind.STDOUT, Instant.now(),
                    l));
        }
        executions.add(new Execution(key, start, now(), Map.copyOf(inputs), outcome));
        Duration took = Duration.ofMillis(millis);
        return switch (outcome) {
            case DONE -> StepResult.done(outputs, took);
            case SKIPPED -> StepResult.skipped(took);
            case FAILED -> StepResult.failed(b.exitCode, lines, took);
            case CONNECTION_LOST -> StepResult.connectionLost("connection reset by peer", took);
            case CANCELLED -> StepResult.cancelled(took);
        };
    }

    private double now() {
        return (System.nanoTime() - baseNanos) / 1e6;
    }

    private Map<String, String> defaultOutputs(PlanHost host, Step step) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RuntimeValue v : step.outputs()) {
            out.put(v.name(), defaultValue(host, step, v));
        }
        return out;
    }

    private String defaultValue(PlanHost host, Step step, RuntimeValue v) {
        Map<String, String> own = facts.getOrDefault(host.hostname(), Map.of());
        if (own.containsKey(v.name())) {
            return own.get(v.name());
        }
        int n = Math.abs(host.hostname().hashCode());
        String target = step.id().startsWith("join-data-") ? step.id().substring("join-data-".length()) : "";
        if (v.equals(PreflightSteps.HOSTNAME)) {
            return host.hostname();
        } else if (v.equals(PreflightSteps.OS)) {
            return "ubuntu 24.04";
        } else if (v.equals(PreflightSteps.CPUS)) {
            return "2";
        } else if (v.equals(PreflightSteps.MEMORY_MB)) {
            return "3900";
        } else if (v.equals(PreflightSteps.PRODUCT_UUID)) {
            return String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", n, n);
        } else if (v.equals(PreflightSteps.MACS)) {
            return String.format(Locale.ROOT, "52:54:00:%02x:%02x:%02x", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
        } else if (v.equals(PreflightSteps.CLOCK)) {
            return String.valueOf(System.currentTimeMillis());
        } else if (v.equals(PreflightSteps.SWAP)) {
            return "no";
        } else if (v.equals(JoinData.TOKEN)) {
            return tokenFor(target);
        } else if (v.equals(JoinData.CA_CERT_HASH)) {
            return "sha256:" + "ab".repeat(32);
        } else if (v.equals(JoinData.CERTIFICATE_KEY)) {
            return certificateKeyFor(target);
        }
        return "value-of-" + v.name();
    }

    /** The token the fake first master makes for a node (its step-id form of the hostname). */
    public static String tokenFor(String node) {
        String hex = HexFormat.of().formatHex(node.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "kwtest." + (hex + "0000000000000000").substring(0, 16);
    }

    public static String certificateKeyFor(String node) {
        String hex = HexFormat.of().formatHex(node.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (hex + "f".repeat(64)).substring(0, 64);
    }
}
