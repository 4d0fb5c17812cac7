package dev.kubewizard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.diagnosis.Diagnosis;
import dev.kubewizard.diagnosis.FailedStep;
import dev.kubewizard.diagnosis.Finding;
import dev.kubewizard.e2e.TestCluster.Machine;
import dev.kubewizard.recipe.Phase;
import dev.kubewizard.recipe.Step;
import dev.kubewizard.run.NodeState;
import dev.kubewizard.run.RunResult;
import dev.kubewizard.run.StepKey;
import dev.kubewizard.run.StepState;
import dev.kubewizard.run.StepStatus;
import dev.kubewizard.ssh.JschRemoteShell;
import dev.kubewizard.ssh.SecretMasker;
import dev.kubewizard.ssh.SshCredentials;
import dev.kubewizard.ssh.SshSettings;
import dev.kubewizard.ssh.SshTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What goes wrong in a classroom, on real OpenSSH hosts with the real generated steps (a smaller plan: one master, one
 * worker reached as a sudo user, the nginx load balancer): a dropped connection, a node failing a step, a wrong
 * password, a reinstalled machine, a cancel, and the app restarted in the middle. After each, no secret is anywhere.
 */
class InstallFaultsEndToEndTest {
    private static final String SSH_PASSWORD = "Kw-ssh-canary-" + ThreadLocalRandom.current().nextInt(100_000,
            999_999);
    private static final String HARBOR_PASSWORD = "Kw-harbor-canary-" + ThreadLocalRandom.current().nextInt(100_000,
            999_999);
    private static final InstallRun.Secrets SECRETS = new InstallRun.Secrets(SSH_PASSWORD, SSH_PASSWORD,
            HARBOR_PASSWORD);
    private static final List<Machine> MACHINES = List.of(
            Machine.master("k8s-master1"),
            Machine.worker("k8s-node1").asSudoUser(),
            Machine.loadBalancer("k8s-lb"));

    @TempDir
    Path work;
    private TestCluster cluster;
    private Path plan;
    private final List<InstallRun> runs = new ArrayList<>();

    @BeforeEach
    void startMachines() {
        cluster = TestCluster.start(MACHINES, SSH_PASSWORD);
        plan = cluster.writePlan(work.resolve("plans"), true);
    }

    @AfterEach
    void tearDown() {
        try {
            runs.forEach(InstallRun::close);
        } finally {
            cluster.close();
        }
    }

    @Test
    void aConnectionKilledMidStepIsRecoveredAndTheRunCompletes() throws Exception {
        StubbedUbuntuHost node1 = cluster.node("k8s-node1");
        node1.injectFault("apt-get", """
                if [[ " $* " == *" install "* ]] && stub_once dropped-connection; then
                  sleep 31.5
                fi
                """);
        InstallRun run = run(SECRETS, false);
        CompletableFuture<RunResult> done = run.orchestrator().start();
        waitFor(() -> !node1.processesMatching("sleep 31.5").isEmpty(), "the step to be busy on k8s-node1");

        assertTrue(node1.host().dropConnections() > 0, "sshd's processes for the connection were killed");
        RunResult result = done.get(120, TimeUnit.SECONDS);

        assertEquals(RunResult.Outcome.SUCCEEDED, result.outcome(), () -> InstallRun.explain(result));
        assertTrue(run.lines().stream().anyMatch(l -> l.host().equals("k8s-node1") && l.stepId().equals("base-packages")
                && l.text().contains("connection lost, reconnecting")), run::transcript);
        // What the dropped session left running was stopped, and the step ran again from its check.
        assertEquals(List.of(), node1.processesMatching("sleep 31.5"));
        long installs = node1.calls().stream().filter(c -> c.program().equals("apt-get") && c.isStart()
                && c.text().contains("install ca-certificates curl gnupg chrony")).count();
        assertEquals(2, installs);
        assertTrue(node1.host().log().contains("Accepted password for " + TestCluster.SUDO_USER), "logged in again");
        assertNoSecretLeaked(run);
    }

    @Test
    void aNodeFailingAStepLetsTheOthersFinishTheirPhaseAndARetryOfThatNodeCompletes() throws Exception {
        StubbedUbuntuHost node1 = cluster.node("k8s-node1");
        node1.injectFault("apt-get", """
                if [[ " $* " == *" install "* ]] && stub_once dpkg-lock; then
                  echo "Reading package lists..."
                  lock=/var/lib/dpkg/lock-frontend
                  echo "E: Could not get lock $lock. It is held by process 1843 (unattended-upgr)" >&2
                  echo "N: Be aware that removing the lock file is not a solution and may break your system." >&2
                  echo "E: Unable to acquire the dpkg frontend lock ($lock), is another process using it?" >&2
                  exit 100
                fi
                """);
        InstallRun run = run(SECRETS, false);
        RunResult result = run.run();

        assertEquals(RunResult.Outcome.FAILED, result.outcome());
        assertEquals(List.of("k8s-node1"), result.failedHosts());
        assertEquals(NodeState.FAILED, result.nodes().get("k8s-node1"));
        assertEquals(NodeState.DONE, result.nodes().get("k8s-lb"));
        RunResult.StepFailure failure = result.failures().get(0);
        assertEquals(new StepKey("k8s-node1", "base-packages"), failure.step());
        assertEquals(100, failure.exitCode());
        Step step = run.recipe().steps().stream().filter(s -> StepKey.of(s).equals(failure.step())).findFirst()
                .orElseThrow();
        List<Finding> findings = Diagnosis.diagnose(FailedStep.exited(step.id(), step.phase(), step.host(),
                failure.exitCode(), failure.lastLines()));
        assertEquals("dpkg-lock", findings.get(0).id(), findings::toString);
        // The other machines finished their preparation, the load balancer and the first master's init meanwhile.
        Map<StepKey, StepState> states = run.states();
        for (Map.Entry<StepKey, StepState> e : states.entrySet()) {
            Phase phase = run.orchestrator().graph().step(e.getKey()).phase();
            if (!e.getKey().host().equals("k8s-node1") && phase.compareTo(Phase.INIT) <= 0) {
                assertEquals(StepState.DONE, e.getValue(), e.getKey().toString());
            }
        }
        assertEquals(StepState.BLOCKED, states.get(new StepKey("k8s-master1", "calico")));
        Map<String, Long> before = changingCalls();

        RunResult retried = run.orchestrator().await(run.orchestrator().retry("k8s-node1"));

        assertEquals(RunResult.Outcome.SUCCEEDED, retried.outcome(), () -> InstallRun.explain(retried));
        assertTrue(retried.nodes().values().stream().allMatch(s -> s == NodeState.DONE), retried.nodes()::toString);
        Map<String, Long> after = changingCalls();
        assertEquals(before.get("k8s-lb"), after.get("k8s-lb"), "nothing ran again on the load balancer");
        List<String> master1Again = newCalls("k8s-master1", before.get("k8s-master1-calls"));
        assertFalse(master1Again.stream().anyMatch(c -> c.startsWith("apt-get") || c.startsWith("kubeadm init ")),
                master1Again::toString);
        assertNoSecretLeaked(run);
    }

    @Test
    void aWrongPasswordStopsTheRunWithAClearErrorBeforeAnythingChanges() throws Exception {
        Map<String, String> before = etcOfEveryMachine();
        InstallRun run = run(new InstallRun.Secrets("Not-the-password-1", "Not-the-password-1", HARBOR_PASSWORD),
                false);
        RunResult result = run.run();

        assertEquals(RunResult.Outcome.FAILED, result.outcome());
        assertEquals(Set.of("k8s-master1", "k8s-node1", "k8s-lb"), Set.copyOf(result.failedHosts()));
        for (RunResult.StepFailure f : result.failures()) {
            assertEquals("preflight", f.step().stepId());
            String user = f.step().host().equals("k8s-node1") ? TestCluster.SUDO_USER : "root";
            assertTrue(f.detail().startsWith("Login to " + cluster.node(f.step().host()).address()
                    + ":22 failed: the password of user " + user + " is wrong"), f.detail());
        }
        assertTrue(run.states().values().stream().allMatch(s -> s == StepState.FAILED || s == StepState.BLOCKED));
        for (StubbedUbuntuHost n : cluster.nodes()) {
            assertEquals(List.of(), n.calls(), n.planHostname() + ": no program was called at all");
        }
        assertEquals(before, etcOfEveryMachine());
        // One try per machine: a wrong password sent again and again would lock the account on a school's servers.
        for (StubbedUbuntuHost n : cluster.nodes()) {
            assertEquals(1, n.host().log().lines().filter(l -> l.startsWith("Failed password for")).count(),
                    n.host().log());
        }
        assertNoSecretLeaked(run, "Not-the-password-1");
    }

    @Test
    void aMachineWhoseHostKeyChangedIsRefused() throws Exception {
        Path knownHosts = work.resolve("known_hosts");
        StubbedUbuntuHost lb = cluster.node("k8s-lb");
        // The teacher connected to the load balancer before; since then the machine was reinstalled.
        try (JschRemoteShell shell = new JschRemoteShell(new SshTarget(lb.address(), 22, "root",
                SshCredentials.password(SSH_PASSWORD)), SshSettings.defaults(knownHosts, offer -> true),
                new SecretMasker())) {
            shell.connect();
        }
        String known = Files.readString(knownHosts, StandardCharsets.UTF_8);
        lb.host().replaceHostKeys();

        InstallRun run = run(SECRETS, false, knownHosts);
        RunResult result = run.run();

        assertEquals(RunResult.Outcome.FAILED, result.outcome());
        assertEquals(List.of("k8s-lb"), result.failedHosts());
        assertTrue(result.failures().get(0).detail().startsWith("WARNING: the host key of " + lb.address()
                + ":22 has changed; the connection is refused!"), result.failures().get(0).detail());
        assertEquals(List.of(), lb.calls(), "nothing ran on the machine with the new key");
        assertEquals(2, run.trustedKeys().size(), "the other two machines were trusted on first use, not this one");
        assertTrue(Files.readString(knownHosts, StandardCharsets.UTF_8).startsWith(known), "the old key is kept");
        assertTrue(run.states().entrySet().stream().filter(e -> !e.getKey().stepId().equals("preflight"))
                .allMatch(e -> e.getValue() == StepState.BLOCKED), "nothing else started");
        assertNoSecretLeaked(run);
    }

    @Test
    void cancellingMidRunStopsTheRemoteProcessesAndStartsNothingNew() throws Exception {
        for (String host : List.of("k8s-master1", "k8s-node1")) {
            cluster.node(host).injectFault("apt-get", """
                    if [[ " $* " == *" install "* ]]; then
                      sleep 47.25
                    fi
                    """);
        }
        InstallRun run = run(SECRETS, false);
        CompletableFuture<RunResult> done = run.orchestrator().start();
        for (String host : List.of("k8s-master1", "k8s-node1")) {
            waitFor(() -> !cluster.node(host).processesMatching("sleep 47.25").isEmpty(), "a step busy on " + host);
        }

        run.orchestrator().cancel();
        RunResult result = done.get(30, TimeUnit.SECONDS);

        assertEquals(RunResult.Outcome.CANCELLED, result.outcome());
        for (String host : List.of("k8s-master1", "k8s-node1")) {
            StubbedUbuntuHost node = cluster.node(host);
            waitFor(() -> node.processesMatching("sleep 47.25").isEmpty()
                    && node.processesMatching("/usr/local/bin/").isEmpty(), "the remote processes to stop on " + host);
        }
        Map<String, Integer> calls = callCounts();
        assertTrue(run.states().values().stream().noneMatch(s -> s == StepState.RUNNING || s == StepState.PENDING),
                run.states()::toString);
        assertEquals(StepState.CANCELLED, run.states().get(new StepKey("k8s-master1", "base-packages")));
        Thread.sleep(2000);
        assertEquals(calls, callCounts(), "nothing new started after the cancel");
        assertNoSecretLeaked(run);
    }

    @Test
    void anAppRestartedMidRunResumesWhereItStoppedEvenBetweenAConfigAndItsRestart() throws Exception {
        // The app quits while k8s-master1 restarts chrony and k8s-node1 restarts containerd on their new configs:
        // the files are written, the services still run on the old ones (containerd.io's, which turns CRI off).
        StubbedUbuntuHost master1 = cluster.node("k8s-master1");
        StubbedUbuntuHost node1 = cluster.node("k8s-node1");
        master1.injectFault("systemctl", """
                if [ "$*" = "restart chrony" ] && stub_once app-restart; then
                  sleep 38.5
                fi
                """);
        node1.injectFault("systemctl", """
                if [ "$*" = "restart containerd" ] && stub_once app-restart; then
                  sleep 38.5
                fi
                """);
        InstallRun before = run(SECRETS, false);
        before.orchestrator().start();
        waitFor(() -> !master1.processesMatching("sleep 38.5").isEmpty()
                && !node1.processesMatching("sleep 38.5").isEmpty(), "both restarts to be under way");
        before.close();    // the app quits: the run is cancelled, the journal stays beside the plan
        runs.remove(before);
        Set<StepKey> finished = before.states().entrySet().stream().filter(e -> e.getValue().isFinished())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertEquals(StepState.CANCELLED, before.states().get(new StepKey("k8s-master1", "time-sync")));
        assertEquals(StepState.CANCELLED, before.states().get(new StepKey("k8s-node1", "containerd")));
        for (StubbedUbuntuHost n : List.of(master1, node1)) {
            waitFor(() -> n.processesMatching("sleep 38.5").isEmpty(), "the interrupted restart to stop");
        }
        Map<String, Integer> countsBefore = callCounts();

        InstallRun after = run(SECRETS, true);
        RunResult result = after.run();

        assertEquals(RunResult.Outcome.SUCCEEDED, result.outcome(), () -> InstallRun.explain(result));
        Set<StepKey> fromJournal = after.orchestrator().steps().stream().filter(StepStatus::fromJournal)
                .map(StepStatus::key).collect(Collectors.toSet());
        Set<StepKey> expected = finished.stream().filter(k -> !k.stepId().equals("preflight"))
                .collect(Collectors.toSet());
        assertTrue(expected.size() > 10, expected::toString);
        assertEquals(expected, fromJournal);
        // the steps finished before were not run again anywhere (no check, no script); the interrupted ones were
        for (StubbedUbuntuHost n : cluster.nodes()) {
            List<String> again = newCalls(n.planHostname(), countsBefore.get(n.planHostname()));
            assertFalse(again.stream().anyMatch(c -> c.startsWith("hostnamectl") || c.startsWith("ufw")),
                    n.planHostname() + " " + again);
        }
        assertTrue(newCalls("k8s-master1", countsBefore.get("k8s-master1")).contains("systemctl restart chrony"));
        assertTrue(newCalls("k8s-node1", countsBefore.get("k8s-node1")).contains("systemctl restart containerd"));
        assertEquals("ok", node1.bash("awk '$2 == \"cri\" { print $NF }' <(/usr/local/bin/ctr plugins ls)")
                .output().strip(), "containerd runs with kubewizard's config now");
        assertNoSecretLeaked(after);
    }

    private InstallRun run(InstallRun.Secrets secrets, boolean resume) {
        return run(secrets, resume, work.resolve("known_hosts"));
    }

    private InstallRun run(InstallRun.Secrets secrets, boolean resume, Path knownHosts) {
        InstallRun r = InstallRun.of(plan, secrets, knownHosts, resume);
        runs.add(r);
        return r;
    }

    /** No password, token or certificate key in any host's files or call log, the run folder, lines or bundle. */
    private void assertNoSecretLeaked(InstallRun run, String... more) {
        List<String> canaries = new ArrayList<>(List.of(SSH_PASSWORD));
        canaries.addAll(SecretScan.harborForms("admin", HARBOR_PASSWORD, "harbor.labworlds.cc"));
        canaries.addAll(cluster.issuedSecrets("token"));
        canaries.addAll(cluster.issuedSecrets("certificate-key"));
        canaries.addAll(List.of(more));
        SecretScan scan = new SecretScan(canaries);
        List<String> found = new ArrayList<>();
        for (StubbedUbuntuHost n : cluster.nodes()) {
            found.addAll(scan.inHost(n));
            found.addAll(scan.inFolder(n.host().directory(), null));
        }
        found.addAll(scan.inFolder(run.folder().dir(), null));
        found.addAll(scan.inZip(run.supportBundle(work.resolve("support-" + System.nanoTime() + ".zip"))));
        found.addAll(scan.inText("run lines", run.transcript()));
        assertEquals(List.of(), found);
    }

    private Map<String, String> etcOfEveryMachine() {
        Map<String, String> m = new LinkedHashMap<>();
        cluster.nodes().forEach(n -> m.put(n.planHostname(), n.changesIn("/etc")));
        return m;
    }

    private Map<String, Integer> callCounts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        cluster.nodes().forEach(n -> m.put(n.planHostname(), n.calls().size()));
        return m;
    }

    /** Per machine: how many calls that change something it has had; "-calls": how many calls in all. */
    private Map<String, Long> changingCalls() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (StubbedUbuntuHost n : cluster.nodes()) {
            List<StubCall> calls = n.calls();
            m.put(n.planHostname(), calls.stream().filter(StubCallKind::changesSomething).count());
            m.put(n.planHostname() + "-calls", (long) calls.size());
        }
        return m;
    }

    /** "program arguments" of the calls a machine started after the first {@code from} log lines. */
    private List<String> newCalls(String host, long from) {
        List<StubCall> calls = cluster.node(host).calls();
        return calls.subList((int) from, calls.size()).stream().filter(StubCall::isStart)
                .map(c -> c.program() + " " + c.text()).toList();
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
