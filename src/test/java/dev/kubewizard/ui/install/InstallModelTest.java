package dev.kubewizard.ui.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.diagnosis.Remedy;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.recipe.KubeadmLeftovers;
import dev.kubewizard.recipe.Phase;
import dev.kubewizard.run.FakeNodes;
import dev.kubewizard.run.NodeState;
import dev.kubewizard.ssh.HostKeyOffer;
import dev.kubewizard.ui.BackgroundWork;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.plan.RunSecrets;
import dev.kubewizard.ui.text.Language;
import dev.kubewizard.ui.text.UiText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Install page's model without the FX thread, on fake machines: the overview, the consoles and recovery. */
class InstallModelTest {
    @TempDir
    Path dir;

    private final PlanDraft draft = new PlanDraft();
    private final RunSecrets secrets = new RunSecrets();
    private final UiText text = new UiText(Language.ZH);
    private final BackgroundWork work = new BackgroundWork("test", 2, Runnable::run);
    private final Map<String, List<ConsoleLine>> consoles = new ConcurrentHashMap<>();
    private FakeNodes nodes;
    private FakeMachineSource source;
    private InstallModel model;

    private InstallModel model(FakeNodes fake, boolean askHostKeys) {
        nodes = fake;
        source = new FakeMachineSource(fake, dir, false, askHostKeys);
        draft.load(PlanYaml.courseExample(), null);
        secrets.sshPasswordProperty().set("Ssh-fake-1a2");
        secrets.harborPasswordProperty().set(FakeMachineSource.HARBOR_PASSWORD);
        model = new InstallModel(draft, secrets, text, work, () -> source);
        model.hosts().addListener((javafx.collections.ListChangeListener<String>) c -> {
            for (String h : model.hosts()) {
                List<ConsoleLine> lines = consoles.computeIfAbsent(h, k -> new CopyOnWriteArrayList<>());
                model.onConsole(h, lines::addAll);
            }
        });
        return model;
    }

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
        work.close();
    }

    /** Ticks like the page's timer until the condition holds. */
    private void tickUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + "; status " + model.status()
                        + ", problem " + model.problemProperty().get());
            }
            model.tick();
            Thread.sleep(10);
        }
        model.tick();
    }

    private void awaitSettled() throws InterruptedException {
        tickUntil(() -> !model.busyProperty().get() && model.status() != InstallModel.Status.READY, "the round");
    }

    @Test
    void aCleanRunFillsEveryCellOfTheOverviewAndOpensTheWayToFinish() throws Exception {
        InstallModel m = model(new FakeNodes(1), false);
        assertFalse(m.validProperty().get());
        m.start();
        awaitSettled();
        assertEquals(InstallModel.Status.SUCCEEDED, m.status(), String.valueOf(m.problemProperty().get()));
        assertTrue(m.validProperty().get());
        assertEquals(List.of("k8s-master1", "k8s-master2", "k8s-master3", "k8s-node1", "k8s-node2", "k8s-lb"),
                m.hosts(), "plan order");
        assertEquals(Phase.PREFLIGHT, m.phases().get(0));
        assertTrue(m.phases().contains(Phase.VERIFY));
        for (String host : m.hosts()) {
            assertEquals(NodeState.DONE, m.nodeState(host).get(), host);
            for (Phase p : m.phases()) {
                CellState s = m.cell(host, p).get().state();
                assertTrue(s == CellState.DONE || s == CellState.NONE, host + " " + p + " " + s);
            }
        }
        assertEquals(CellState.NONE, m.cell("k8s-node1", Phase.INIT).get().state(), "workers do not init");
        assertEquals(CellState.DONE, m.cell("k8s-master1", Phase.INIT).get().state());
        assertEquals(1.0, m.progressProperty().get());
        assertTrue(m.notices().isEmpty());
    }

    @Test
    void eachStepOpensWithItsTitleAndTheCoursesWhyInTheWindowsLanguage() throws Exception {
        InstallModel m = model(new FakeNodes(1), false);
        m.start();
        awaitSettled();
        List<ConsoleLine> master = consoles.get("k8s-master1");
        assertNotNull(master);
        int header = indexOf(master, ConsoleLine.Kind.HEADER, "containerd");
        assertTrue(header >= 0, "a header names the containerd step: " + master.subList(0, 5));
        assertEquals(ConsoleLine.Kind.WHY, master.get(header + 1).kind());
        assertTrue(master.get(header + 1).text().chars().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF),
                "the why is in Chinese: " + master.get(header + 1).text());
        assertTrue(master.stream().anyMatch(l -> l.kind() == ConsoleLine.Kind.STDOUT
                && l.text().equals("running containerd")), "the step's own output follows");
        long headers = master.stream().filter(l -> l.kind() == ConsoleLine.Kind.HEADER).count();
        assertTrue(headers >= 15, "one header per step on the first master: " + headers);
    }

    private static int indexOf(List<ConsoleLine> lines, ConsoleLine.Kind kind, String contains) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).kind() == kind && lines.get(i).text().toLowerCase(java.util.Locale.ROOT).contains(contains)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aFailedStepRaisesItsDiagnosisAndRetryNodeRunsTheMachineAgain() throws Exception {
        FakeNodes fake = new FakeNodes(1);
        fake.on("k8s-node1", "containerd").fails(100,
                "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 1234 (unattended-upgr)",
                "E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process"
                        + " using it?").times(1);
        InstallModel m = model(fake, false);
        m.start();
        awaitSettled();
        assertEquals(InstallModel.Status.FAILED, m.status());
        assertEquals(CellState.FAILED, m.cell("k8s-node1", Phase.PREP).get().state());
        assertEquals(NodeState.FAILED, m.nodeState("k8s-node1").get());
        assertEquals(CellState.DONE, m.cell("k8s-master1", Phase.INIT).get().state(), "the others went on");
        assertEquals(1, m.notices().size());
        FailureNotice n = m.notices().get(0);
        assertEquals("k8s-node1", n.host());
        assertFalse(n.findings().isEmpty(), "the dpkg lock is recognised");
        assertEquals(Remedy.RETRY_NODE, n.findings().get(0).remedy());
        assertFalse(n.needsReset());
        assertTrue(m.canRetry("k8s-node1"));
        assertFalse(m.canRetry("k8s-lb"), "nothing to retry on a machine that is done");

        m.retry("k8s-node1");
        assertTrue(m.notices().isEmpty(), "the notice goes with the retry");
        awaitSettled();
        assertEquals(InstallModel.Status.SUCCEEDED, m.status());
        assertEquals(2, nodes.executionsOf("k8s-node1", "containerd").size());
        assertEquals(CellState.DONE, m.cell("k8s-node1", Phase.JOIN_WORKER).get().state());
    }

    @Test
    void leftoversOfAnEarlierKubeadmOfferResetNodeWhichResetsThenRunsTheNodeAgain() throws Exception {
        FakeNodes fake = new FakeNodes(1);
        fake.on("k8s-master2", "kubeadm-join").fails(KubeadmLeftovers.EXIT_NEEDS_RESET,
                "kubewizard: /etc/kubernetes/manifests is not empty: an earlier kubeadm run left files").times(1);
        InstallModel m = model(fake, false);
        m.start();
        awaitSettled();
        assertEquals(InstallModel.Status.FAILED, m.status());
        FailureNotice n = m.notices().get(0);
        assertEquals("k8s-master2", n.host());
        assertTrue(n.needsReset());
        assertTrue(n.resettable());
        assertTrue(m.canReset("k8s-master2"));
        assertFalse(m.canReset("k8s-lb"), "the load balancer has no kubeadm to reset");

        m.reset("k8s-master2");
        awaitSettled();
        assertEquals(InstallModel.Status.SUCCEEDED, m.status(), String.valueOf(m.problemProperty().get()));
        assertEquals(1, nodes.executionsOf("k8s-master2", "reset-node").size());
        assertEquals(2, nodes.executionsOf("k8s-master2", "kubeadm-join").size());
        List<ConsoleLine> console = consoles.get("k8s-master2");
        assertTrue(console.stream().anyMatch(l -> l.kind() == ConsoleLine.Kind.HEADER && l.text().contains("重置")),
                "the reset has its own header");
    }

    @Test
    void theRunStartsOffTheUiThreadAndACancelMeanwhileStopsIt() throws Exception {
        // A UI thread of its own: callbacks wait in a queue until this test runs them, as the FX thread's would.
        java.util.concurrent.LinkedBlockingQueue<Runnable> ui = new java.util.concurrent.LinkedBlockingQueue<>();
        try (BackgroundWork slowUi = new BackgroundWork("test-ui", 2, ui::add)) {
            FakeNodes fake = new FakeNodes(40);
            source = new FakeMachineSource(fake, dir, false, false);
            draft.load(PlanYaml.courseExample(), null);
            secrets.sshPasswordProperty().set("Ssh-fake-1a2");
            secrets.harborPasswordProperty().set(FakeMachineSource.HARBOR_PASSWORD);
            model = new InstallModel(draft, secrets, text, slowUi, () -> source);
            InstallModel m = model;
            m.start();
            ui.take().run();  // prepared: the page is built on the next ticks, then the run starts
            m.tick();
            m.cancel();  // while the engine starts in the background, before its callback reached the UI thread
            Runnable started = ui.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertNotNull(started, "the engine started");
            started.run();
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (m.busyProperty().get() && System.nanoTime() < end) {
                Runnable r = ui.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (r != null) {
                    r.run();
                }
                m.tick();
            }
            assertEquals(InstallModel.Status.CANCELLED, m.status(), "the cancel was not lost");
            assertTrue(fake.executions().size() < 20, "it stopped early: " + fake.executions().size() + " steps ran");
        }
    }

    @Test
    void cancelStopsTheRunAndContinueFinishesIt() throws Exception {
        FakeNodes fake = new FakeNodes(40);
        InstallModel m = model(fake, false);
        m.start();
        tickUntil(() -> m.status() == InstallModel.Status.RUNNING && m.countsProperty().get() != null
                && m.countsProperty().get().done() > 3, "a few steps");
        m.cancel();
        awaitSettled();
        assertEquals(InstallModel.Status.CANCELLED, m.status());
        assertTrue(m.hosts().stream().anyMatch(h -> m.nodeState(h).get() == NodeState.CANCELLED));
        fake.durations(k -> 1L);
        m.resume();
        awaitSettled();
        assertEquals(InstallModel.Status.SUCCEEDED, m.status());
    }

    @Test
    void withoutTheHarborPasswordNothingStartsAndThePageSaysWhichIsMissing() throws Exception {
        InstallModel m = model(new FakeNodes(1), false);
        secrets.harborPasswordProperty().set("");
        m.start();
        awaitSettled();
        assertEquals(InstallModel.Status.NOT_STARTED, m.status());
        assertTrue(m.problemProperty().get().en().contains("KW_HARBOR_PASSWORD"), m.problemProperty().get().en());
        assertNull(m.sessionProperty().get());
        assertTrue(nodes.executions().isEmpty());
    }

    @Test
    void hostKeysOfMachinesConnectingAtOnceAreAskedOneAtATimeAndEachThreadGetsItsAnswer() throws Exception {
        InstallModel m = model(new FakeNodes(1), true);
        m.start();
        HostKeyQueue keys = m.hostKeys();
        List<String> asked = new ArrayList<>();
        tickUntil(() -> {
            HostKeyOffer o = keys.currentProperty().get();
            if (o != null) {
                asked.add(o.host());
                keys.answer(!o.host().equals("192.168.1.202"));  // refuse k8s-node2's key
            }
            return !m.busyProperty().get() && m.status() != InstallModel.Status.READY;
        }, "every host key answered");
        assertEquals(6, asked.size(), "one question per machine: " + asked);
        assertEquals(6, asked.stream().distinct().count(), "never the same one twice: " + asked);
        assertTrue(source.hostKeysTrusted().get("k8s-master1"));
        assertFalse(source.hostKeysTrusted().get("k8s-node2"), "the refused machine got its refusal");
        assertEquals(0, keys.pendingProperty().get());
    }

    @Test
    void aThreadWaitingForAnAnswerIsRefusedWhenTheRunIsCancelled() throws Exception {
        HostKeyQueue keys = new HostKeyQueue(Runnable::run);
        List<Boolean> answers = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HostKeyOffer offer = new HostKeyOffer("10.0.0." + i, 22, "ssh-ed25519", "SHA256:x" + i);
            Thread t = new Thread(() -> answers.add(keys.trust(offer)));
            t.start();
            threads.add(t);
        }
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (keys.pendingProperty().get() < 3 && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertEquals(3, keys.pendingProperty().get());
        keys.answer(true);
        keys.refuseAll();
        for (Thread t : threads) {
            t.join(5000);
        }
        assertEquals(3, answers.size());
        assertEquals(1, answers.stream().filter(a -> a).count(), "only the answered one is trusted");
        assertNull(keys.currentProperty().get());
    }

    @Test
    void theRunGoesToTheMachinesTheSourceGivesWithThePasswordsTyped() throws Exception {
        InstallModel m = model(new FakeNodes(1), false);
        m.start();
        awaitSettled();
        assertEquals("Ssh-fake-1a2", source.lastPasswords().ssh());
        assertEquals(FakeMachineSource.HARBOR_PASSWORD, source.lastPasswords().harbor());
        assertTrue(m.sessionProperty().get().orchestrator().logFolder().isPresent(), "node logs are kept on disk");
        String summary = m.sessionProperty().get().orchestrator().summary();
        assertFalse(summary.contains(FakeMachineSource.HARBOR_PASSWORD), "masked");
        assertTrue(nodes.executions().stream().filter(e -> e.inputs().containsKey("KW_HARBOR_PASSWORD"))
                .allMatch(e -> e.inputs().get("KW_HARBOR_PASSWORD").equals(FakeMachineSource.HARBOR_PASSWORD)));
    }
}
