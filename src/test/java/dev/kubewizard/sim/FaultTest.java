package dev.kubewizard.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fault syntax of the command line and the builder API behind it. */
class FaultTest {
    @TempDir
    Path tmp;

    @Test
    void theExamplesOfTheSyntaxParseIntoTheFaultsTheBuilderMakes() {
        assertEquals(Fault.fail("k8s-node2", "containerd"), Fault.parse("k8s-node2:containerd:fail"));
        assertEquals(Fault.drop("k8s-master2", "kubeadm-join", false), Fault.parse("k8s-master2:kubeadm-join:drop"));
        assertEquals(Fault.drop("k8s-master2", "kubeadm-join", true),
                Fault.parse("k8s-master2:kubeadm-join:drop=done"));
        assertEquals(Fault.clonedProductUuid("*"), Fault.parse("*:preflight:cloned-uuid"));
        assertEquals(Fault.slow("k8s-node1", 3), Fault.parse("k8s-node1:*:slow=3"));
        assertEquals(Fault.fail("k8s-master1", "kubeadm-init", 4).times(1),
                Fault.parse("k8s-master1:kubeadm-init:fail=4@1"));
        assertEquals(Fault.wrongSudoPassword("k8s-node1"), Fault.parse("k8s-node1:*:wrong-sudo-password"));
        assertEquals(Fault.newHostKey("k8s-lb", "*").times(Fault.ALWAYS), Fault.parse("k8s-lb:*:new-host-key"));
    }

    @Test
    void aFaultPrintsBackInItsOwnSyntax() {
        for (String text : List.of("k8s-node2:containerd:fail", "k8s-master2:kubeadm-join:drop=undone@1",
                "*:preflight:cloned-uuid", "k8s-node1:*:slow=2.5", "k8s-node1:kernel:hang", "*:join-data-*:fail=7@2")) {
            assertEquals(text, Fault.parse(text).toString());
            assertEquals(Fault.parse(text), Fault.parse(Fault.parse(text).toString()));
        }
    }

    @Test
    void severalFaultsAreSeparatedByCommasOrBlanks() {
        assertEquals(3, Fault.parseAll("k8s-node1:*:slow=3, *:preflight:cloned-mac  k8s-node2:swap:fail").size());
        assertTrue(Fault.parseAll("  ").isEmpty());
    }

    @Test
    void hostsAndStepsMatchByNameStarOrPrefix() {
        Fault f = Fault.parse("*:join-data-*:fail");
        assertTrue(f.matches("k8s-master1", "join-data-k8s-node2"));
        assertFalse(f.matches("k8s-master1", "kubeadm-join"));
        assertTrue(Fault.parse("k8s-node1:*:hang").matches("k8s-node1", "anything"));
        assertFalse(Fault.parse("k8s-node1:*:hang").matches("k8s-node10", "anything"));
    }

    @Test
    void aWronglyWrittenFaultIsExplainedInBothLanguages() {
        FaultSyntaxException e = assertThrows(FaultSyntaxException.class, () -> Fault.parse("k8s-node1:containerd"));
        assertTrue(e.problem().en().contains("HOST:STEP:ACTION"), e.problem().en());
        assertTrue(e.problem().zh().contains("主机:步骤:动作"), e.problem().zh());
        FaultSyntaxException unknown = assertThrows(FaultSyntaxException.class,
                () -> Fault.parse("k8s-node1:containerd:explode"));
        assertTrue(unknown.problem().en().contains("fail, drop, hang"), unknown.problem().en());
        assertThrows(FaultSyntaxException.class, () -> Fault.parse("k8s-node1:containerd:fail=0"));
        assertThrows(FaultSyntaxException.class, () -> Fault.parse("k8s-node1:*:slow"));
        assertThrows(FaultSyntaxException.class, () -> Fault.parse("k8s-node1:swap:drop=maybe"));
        assertThrows(FaultSyntaxException.class, () -> Fault.parse("k8s-node1:swap:fail@0"));
    }

    @Test
    void aFaultOnAHostThatIsNotInThePlanIsRefusedWhenTheNodesStart() {
        SimOptions o = SimOptions.instant().faults("k8s-node9:containerd:fail");
        FaultSyntaxException e = assertThrows(FaultSyntaxException.class,
                () -> SimulatedCluster.start(SimHarness.coursePlan(), o));
        assertTrue(e.problem().en().contains("k8s-node9"));
        assertTrue(e.problem().en().contains("k8s-master1, k8s-master2"), e.problem().en());
    }

    @Test
    void aFaultLimitedToOnceHappensOnceOnly() throws Exception {
        SimOptions o = SimOptions.instant().faults("k8s-node1:firewall:fail@1");
        try (SimulatedCluster sim = SimulatedCluster.start(SimHarness.coursePlan(), o)) {
            assertTrue(sim.takeStepFault("k8s-node1", "firewall", Fault.Kind.FAIL).isPresent());
            assertFalse(sim.takeStepFault("k8s-node1", "firewall", Fault.Kind.FAIL).isPresent());
            assertFalse(sim.takeStepFault("k8s-node2", "firewall", Fault.Kind.FAIL).isPresent());
        }
    }
}
