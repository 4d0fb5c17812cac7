package dev.kubewizard.sim;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.plan.SshAuth;
import dev.kubewizard.ssh.RemoteShellFactory;
import dev.kubewizard.ssh.SshCredentials;
import dev.kubewizard.ssh.SshTarget;
import dev.kubewizard.text.Messages;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every machine of a plan as a {@link SimulatedNode}, sharing one simulated Kubernetes cluster: the demo mode and the
 * tests install onto these with the real SSH code and the real generated scripts.
 *
 * <pre>
 * try (SimulatedCluster sim = SimulatedCluster.start(plan, SimOptions.instant())) {
 *     SshTarget master = sim.target("k8s-master1");          // 127.0.0.1, its port, the plan's user, the password
 *     RemoteShellFactory shells = sim.redirecting(RemoteShellFactory.jsch(settings));
 * }
 * </pre>
 */
public final class SimulatedCluster implements AutoCloseable {
    private final ClusterPlan plan;
    private final SimOptions options;
    private final ClusterState state;
    private final SharedFixtures fixtures;
    private final StepScenes scenes;
    private final Map<String, SimulatedNode> nodes = new LinkedHashMap<>();
    private final Map<Fault, AtomicInteger> used = new ConcurrentHashMap<>();

    private SimulatedCluster(ClusterPlan plan, SimOptions options) {
        this.plan = plan;
        this.options = options;
        this.state = new ClusterState(options.seed());
        this.fixtures = new SharedFixtures(options.fixtures());
        this.scenes = new StepScenes(this);
    }

    /**
     * Starts one simulated node per plan host (masters, workers, the load-balancer host).
     *
     * @throws FaultSyntaxException when a fault names a host that is not in the plan
     * @throws IOException          when a server cannot listen on 127.0.0.1
     */
    public static SimulatedCluster start(ClusterPlan plan, SimOptions options) throws IOException {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(options, "options");
        List<String> names = plan.hosts().stream().map(PlanHost::hostname).toList();
        for (Fault f : options.faults()) {
            if (!f.host().contains("*") && !names.contains(f.host())) {
                throw new FaultSyntaxException(Messages.text("sim.fault.unknownHost", f.toString(), f.host(),
                        String.join(", ", names)));
            }
        }
        SimulatedCluster cluster = new SimulatedCluster(plan, options);
        try {
            int index = 0;
            for (PlanHost h : plan.hosts()) {
                int port = options.firstPort() == 0 ? 0 : options.firstPort() + index;
                cluster.nodes.put(h.hostname(), new SimulatedNode(cluster, h, index, port));
                index++;
            }
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The simulated machine of a plan hostname. */
    public SimulatedNode node(String hostname) {
        SimulatedNode n = nodes.get(hostname);
        if (n == null) {
            throw new IllegalArgumentException("no simulated node " + hostname + "; the plan has " + nodes.keySet());
        }
        return n;
    }

    /** All simulated machines, in plan order. */
    public List<SimulatedNode> nodeList() {
        return new ArrayList<>(nodes.values());
    }

    /**
     * How to log in to a simulated machine: 127.0.0.1, its port, the plan's user for it, and the plan's way of
     * logging in (the configured password; for a key plan the plan's key file, whose key the node accepts unless
     * {@link SimOptions#authorizedKeys()} restricts it).
     */
    public SshTarget target(String hostname) {
        PlanHost h = plan.host(hostname);
        String secret = plan.ssh() != null && plan.ssh().authOrDefault() == SshAuth.KEY ? null : options.password();
        return redirect(SshTarget.forHost(h, plan.ssh(), secret, options.sudoPassword()));
    }

    /** Every plan hostname with its {@link #target}. */
    public Map<String, SshTarget> targets() {
        Map<String, SshTarget> all = new LinkedHashMap<>();
        nodes.keySet().forEach(n -> all.put(n, target(n)));
        return all;
    }

    /** A target made for a plan machine (its address or hostname, and port) pointed at its simulated node instead. */
    public SshTarget redirect(SshTarget planTarget) {
        for (PlanHost h : plan.hosts()) {
            if ((h.address().equals(planTarget.host()) || h.hostname().equals(planTarget.host()))
                    && h.sshPort() == planTarget.port()) {
                return new SshTarget("127.0.0.1", nodes.get(h.hostname()).port(), planTarget.user(),
                        planTarget.credentials(), planTarget.sudoPassword());
            }
        }
        throw new IllegalArgumentException("no plan machine at " + planTarget.host() + ":" + planTarget.port());
    }

    /** Shells from {@code real} (normally real JSch connections) that reach the simulated nodes. */
    public RemoteShellFactory redirecting(RemoteShellFactory real) {
        return (target, masker) -> real.open(redirect(target), masker);
    }

    /** The password the nodes accept (for a demo that does not ask for one). */
    public SshCredentials credentials() {
        return SshCredentials.password(options.password());
    }

    /** Whether kubeadm init has run and the cluster exists. */
    public boolean clusterInitialised() {
        return state.initialised();
    }

    /** The hostnames that are nodes of the simulated Kubernetes cluster now. */
    public List<String> clusterMembers() {
        return new ArrayList<>(state.members().keySet());
    }

    /** The time a step takes on a node at these options' speed (its profile duration, slowed by slow= faults). */
    public Duration stepDuration(String hostname, String phase, String stepId) {
        double slow = nodeFault(hostname, Fault.Kind.SLOW).map(f -> f.number(1)).orElse(1.0);
        Duration d = options.scaled(options.durations().of(phase, stepId));
        return Duration.ofNanos((long) (d.toNanos() * slow));
    }

    public SimOptions options() {
        return options;
    }

    @Override
    public void close() {
        nodes.values().forEach(SimulatedNode::close);
    }

    // ---------------------------------------------------------------- for the nodes

    ClusterPlan plan() {
        return plan;
    }

    ClusterState state() {
        return state;
    }

    SharedFixtures fixtures() {
        return fixtures;
    }

    StepScenes scenes() {
        return scenes;
    }

    Duration stepDuration(SimulatedNode node, StepScript s) {
        return stepDuration(node.hostname(), s.phase(), s.id());
    }

    Duration checkDuration(SimulatedNode node) {
        double slow = nodeFault(node.hostname(), Fault.Kind.SLOW).map(f -> f.number(1)).orElse(1.0);
        Duration d = options.scaled(options.durations().check());
        return Duration.ofNanos((long) (d.toNanos() * slow));
    }

    /** A node fault set for this host (never used up). */
    Optional<Fault> nodeFault(String hostname, Fault.Kind kind) {
        return options.faults().stream().filter(f -> f.kind() == kind && f.matchesHost(hostname)).findFirst();
    }

    /** A step fault for this step, counted as happening now; empty when none is left. */
    Optional<Fault> takeStepFault(String hostname, String stepId, Fault.Kind kind) {
        for (Fault f : options.faults()) {
            if (f.kind() != kind || !f.matches(hostname, stepId)) {
                continue;
            }
            if (kind == Fault.Kind.NEW_HOST_KEY && f.step().equals("*")) {
                continue;   // that one is about restarts
            }
            AtomicInteger n = used.computeIfAbsent(f, k -> new AtomicInteger());
            if (n.getAndIncrement() < f.times()) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The disruption that strikes this run of a step, if any. */
    Playback.Disruption disruption(String hostname, String stepId) {
        for (Fault.Kind k : List.of(Fault.Kind.DROP, Fault.Kind.HANG, Fault.Kind.NEW_HOST_KEY)) {
            Optional<Fault> f = takeStepFault(hostname, stepId, k);
            if (f.isPresent()) {
                return new Playback.Disruption(k, "done".equals(f.get().value()));
            }
        }
        return null;
    }

    /** What a cloned VM reports: the product_uuid of the first plan machine. */
    String clonedUuid() {
        return nodes.values().iterator().next().ownProductUuid();
    }

    String clonedMacs() {
        return nodes.values().iterator().next().ownMacs();
    }
}
