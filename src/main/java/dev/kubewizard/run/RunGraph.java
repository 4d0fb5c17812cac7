package dev.kubewizard.run;

import dev.kubewizard.recipe.Phase;
import dev.kubewizard.recipe.Recipe;
import dev.kubewizard.recipe.RuntimeValue;
import dev.kubewizard.recipe.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The steps of a recipe as a graph of explicit dependencies: a step starts as soon as every step it depends on is
 * done, on any machine. Pure: recipe in, graph out.
 *
 * <p>The rules (recipe order = the order of {@link Recipe#steps()}):
 * <ol>
 *   <li><b>Own pipeline.</b> A machine's own steps run one after another in recipe order.</li>
 *   <li><b>Values.</b> A step's input comes from the latest step before it that lists the value as an output; the
 *       step depends on that producer. An input no step produces is supplied by the caller (a password).</li>
 *   <li><b>Steps on behalf of another machine</b> (a producer whose values another machine reads: the join data made
 *       on the first master) stay out of their machine's pipeline. Such a step waits for its own machine to reach it
 *       in recipe order and for the consuming machine to be ready for the consumer, so that the values are fresh
 *       when they are used.</li>
 *   <li><b>Preflight gate.</b> A machine's first step after PREFLIGHT waits for every PREFLIGHT step (the
 *       orchestrator runs the cluster-wide checks over their facts before releasing it).</li>
 *   <li><b>LB before INIT.</b> The first INIT step waits for every LB step: kubeadm init talks to the endpoint.</li>
 *   <li><b>Masters one at a time.</b> Every JOIN_MASTER step waits for the JOIN_MASTER step before it (each master's
 *       [join data, join] pair in turn: stacked etcd grows one member at a time).</li>
 *   <li><b>Workers after masters.</b> JOIN_MASTER and JOIN_WORKER steps wait for the last INIT step; JOIN_WORKER
 *       steps wait for every JOIN_MASTER step; workers otherwise join in parallel.</li>
 *   <li><b>Whole-cluster phases.</b> A step of CNI, HARBOR or VERIFY waits for every step of every earlier phase.</li>
 * </ol>
 * Nothing else waits: a fast machine's PREP and LB steps do not wait for a slow machine, and the first master's INIT
 * does not wait for the workers' PREP. Every dependency points back in recipe order, so recipe order is a valid run
 * order.
 */
public final class RunGraph {
    private final Recipe recipe;
    private final List<StepKey> order;
    private final Map<StepKey, Step> steps;
    private final Map<StepKey, Integer> index;
    private final Map<StepKey, List<StepKey>> dependencies;
    private final Map<StepKey, List<StepKey>> dependents;
    private final Map<StepKey, Map<String, StepKey>> producers;
    private final Set<StepKey> onBehalf;
    private final Map<StepKey, StepKey> consumers;
    private final List<RuntimeValue> supplied;

    private RunGraph(Recipe recipe) {
        this.recipe = recipe;
        List<StepKey> keys = new ArrayList<>();
        Map<StepKey, Step> byKey = new LinkedHashMap<>();
        Map<StepKey, Integer> positions = new HashMap<>();
        for (Step s : recipe.steps()) {
            StepKey k = StepKey.of(s);
            keys.add(k);
            byKey.put(k, s);
            positions.put(k, positions.size());
        }
        this.order = List.copyOf(keys);
        this.steps = Collections.unmodifiableMap(byKey);
        this.index = Map.copyOf(positions);

        Map<StepKey, Set<StepKey>> deps = new LinkedHashMap<>();
        keys.forEach(k -> deps.put(k, new LinkedHashSet<>()));

        // Rule 2: values flow from the latest producer before the consumer.
        Map<StepKey, Map<String, StepKey>> inputsFrom = new HashMap<>();
        Map<String, StepKey> latestProducer = new HashMap<>();
        Map<String, RuntimeValue> callerValues = new LinkedHashMap<>();
        Map<StepKey, StepKey> consumerOf = new HashMap<>();
        for (StepKey k : keys) {
            Step s = byKey.get(k);
            Map<String, StepKey> from = new LinkedHashMap<>();
            for (RuntimeValue in : s.inputs()) {
                StepKey p = latestProducer.get(in.name());
                if (p == null) {
                    callerValues.putIfAbsent(in.name(), in);
                } else {
                    from.put(in.name(), p);
                    deps.get(k).add(p);
                    if (!p.host().equals(k.host())) {
                        consumerOf.putIfAbsent(p, k);
                    }
                }
            }
            inputsFrom.put(k, Collections.unmodifiableMap(from));
            for (RuntimeValue out : s.outputs()) {
                latestProducer.put(out.name(), k);
            }
        }
        this.producers = Map.copyOf(inputsFrom);
        this.onBehalf = Set.copyOf(consumerOf.keySet());
        this.consumers = Map.copyOf(consumerOf);
        this.supplied = List.copyOf(callerValues.values());

        // Rules 1 and 3: each machine's own pipeline; steps on behalf of another machine hang off it.
        Map<String, StepKey> lastOwn = new HashMap<>();
        Map<StepKey, StepKey> ownBefore = new HashMap<>();
        for (StepKey k : keys) {
            StepKey previous = lastOwn.get(k.host());
            if (previous != null) {
                ownBefore.put(k, previous);
            }
            if (!onBehalf.contains(k)) {
                if (previous != null) {
                    deps.get(k).add(previous);
                }
                lastOwn.put(k.host(), k);
            }
        }
        for (StepKey p : onBehalf) {
            if (ownBefore.containsKey(p)) {
                deps.get(p).add(ownBefore.get(p));
            }
            StepKey consumer = consumerOf.get(p);
            StepKey consumerReady = ownBefore.get(consumer);
            if (consumerReady != null && !consumerReady.equals(p) && positions.get(consumerReady) < positions.get(p)) {
                deps.get(p).add(consumerReady);
            }
        }

        // Rules 4 to 8: the cluster-wide order of phases.
        List<StepKey> preflight = inPhase(keys, byKey, Phase.PREFLIGHT);
        List<StepKey> lb = inPhase(keys, byKey, Phase.LB);
        List<StepKey> init = inPhase(keys, byKey, Phase.INIT);
        List<StepKey> joinMaster = inPhase(keys, byKey, Phase.JOIN_MASTER);
        Set<String> passedGate = new LinkedHashSet<>();
        StepKey previousJoinMaster = null;
        for (StepKey k : keys) {
            Phase phase = byKey.get(k).phase();
            Set<StepKey> d = deps.get(k);
            if (phase != Phase.PREFLIGHT && !onBehalf.contains(k) && passedGate.add(k.host())) {
                d.addAll(preflight);
            }
            if (phase == Phase.INIT && !init.isEmpty() && k.equals(init.get(0))) {
                d.addAll(lb);
            }
            if ((phase == Phase.JOIN_MASTER || phase == Phase.JOIN_WORKER) && !init.isEmpty()) {
                d.add(init.get(init.size() - 1));
            }
            if (phase == Phase.JOIN_MASTER) {
                if (previousJoinMaster != null) {
                    d.add(previousJoinMaster);
                }
                previousJoinMaster = k;
            }
            if (phase == Phase.JOIN_WORKER) {
                d.addAll(joinMaster);
            }
            if (phase.compareTo(Phase.JOIN_WORKER) > 0) {
                for (StepKey other : keys) {
                    if (byKey.get(other).phase().compareTo(phase) < 0) {
                        d.add(other);
                    }
                }
            }
            d.remove(k);
        }

        Map<StepKey, List<StepKey>> frozen = new LinkedHashMap<>();
        Map<StepKey, List<StepKey>> reverse = new LinkedHashMap<>();
        keys.forEach(k -> reverse.put(k, new ArrayList<>()));
        for (StepKey k : keys) {
            for (StepKey d : deps.get(k)) {
                if (positions.get(d) >= positions.get(k)) {
                    throw new IllegalStateException(k + " would wait for " + d + ", which comes later in the recipe");
                }
                reverse.get(d).add(k);
            }
            frozen.put(k, List.copyOf(deps.get(k)));
        }
        reverse.replaceAll((k, v) -> List.copyOf(v));
        this.dependencies = Collections.unmodifiableMap(frozen);
        this.dependents = Collections.unmodifiableMap(reverse);
    }

    public static RunGraph of(Recipe recipe) {
        return new RunGraph(recipe);
    }

    private static List<StepKey> inPhase(List<StepKey> keys, Map<StepKey, Step> steps, Phase phase) {
        return keys.stream().filter(k -> steps.get(k).phase() == phase).toList();
    }

    public Recipe recipe() {
        return recipe;
    }

    /** Every step, in recipe order (a valid run order). */
    public List<StepKey> steps() {
        return order;
    }

    public Step step(StepKey key) {
        Step s = steps.get(key);
        if (s == null) {
            throw new IllegalArgumentException("no step " + key + " in the recipe");
        }
        return s;
    }

    public int position(StepKey key) {
        return index.get(key);
    }

    public List<StepKey> dependenciesOf(StepKey key) {
        return dependencies.get(key);
    }

    public List<StepKey> dependentsOf(StepKey key) {
        return dependents.get(key);
    }

    /** For each input of the step that another step produces: the producing step. */
    public Map<String, StepKey> producersOf(StepKey key) {
        return producers.get(key);
    }

    /** True for a step that makes values another machine reads (join data): its machine does it on their behalf. */
    public boolean isOnBehalfOfAnother(StepKey key) {
        return onBehalf.contains(key);
    }

    /** For a step on behalf of another machine: the step there that reads its values (the join). */
    public Optional<StepKey> consumerOf(StepKey key) {
        return Optional.ofNullable(consumers.get(key));
    }

    /** The values no step produces: the caller must supply them (for example {@code KW_HARBOR_PASSWORD}). */
    public List<RuntimeValue> suppliedValues() {
        return supplied;
    }

    /** Every step that depends on {@code key}, directly or not, in recipe order. */
    public List<StepKey> downstreamOf(StepKey key) {
        Set<StepKey> seen = new LinkedHashSet<>();
        List<StepKey> todo = new ArrayList<>(dependentsOf(key));
        while (!todo.isEmpty()) {
            StepKey k = todo.remove(todo.size() - 1);
            if (seen.add(k)) {
                todo.addAll(dependentsOf(k));
            }
        }
        return order.stream().filter(seen::contains).toList();
    }

    /** The machines of the recipe, in the order they first appear. */
    public List<String> hosts() {
        return order.stream().map(StepKey::host).distinct().toList();
    }

    /**
     * The length of the longest chain of dependencies when each step takes {@code millis(step)}: no schedule can
     * finish sooner, however many threads it has.
     */
    public Duration criticalPath(ToLongFunction<StepKey> millis) {
        Map<StepKey, Long> finish = new HashMap<>();
        long longest = 0;
        for (StepKey k : order) {
            long start = 0;
            for (StepKey d : dependencies.get(k)) {
                start = Math.max(start, finish.get(d));
            }
            long end = start + millis.applyAsLong(k);
            finish.put(k, end);
            longest = Math.max(longest, end);
        }
        return Duration.ofMillis(longest);
    }
}
