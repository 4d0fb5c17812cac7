package dev.kubewizard.ui.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.plan.Role;
import dev.kubewizard.ui.plan.NodeRow;
import dev.kubewizard.ui.plan.PlanDraft;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodesModelTest {
    private final PlanDraft draft = new PlanDraft();
    private final NodesModel model = new NodesModel(draft);

    @Test
    void pastedHostsLinesBecomeRowsWithRolesFromTheirNames() {
        draft.load(PlanYaml.courseExample(), null);
        draft.nodes().clear();
        NodesModel.PasteResult r = model.paste("""
                # classroom
                192.168.1.101 k8s-master1
                192.168.1.102\tk8s-master2
                k8s-master3 192.168.1.103
                192.168.1.201 k8s-node1
                192.168.1.202 gpu-box master

                no address here
                """);
        assertEquals(5, r.added());
        assertEquals(List.of("no address here"), r.skipped());
        assertEquals(List.of(Role.MASTER, Role.MASTER, Role.MASTER, Role.WORKER, Role.MASTER),
                draft.nodes().stream().map(n -> n.roleProperty().get()).toList());
        assertEquals("k8s-master3", draft.nodes().get(2).hostnameProperty().get());
        assertEquals("192.168.1.103", draft.nodes().get(2).addressProperty().get());
        assertEquals(4, model.mastersProperty().get());
        assertEquals(1, model.workersProperty().get());
    }

    @Test
    void pastingAKnownNameOrAddressUpdatesThatRowInsteadOfAddingOne() {
        draft.load(PlanYaml.courseExample(), null);
        NodeRow added = model.add(Role.WORKER);
        assertEquals("k8s-node3", added.hostnameProperty().get());
        NodesModel.PasteResult r = model.paste("192.168.1.203 k8s-node3\n192.168.1.101 k8s-master1\n");
        assertEquals(0, r.added());
        assertEquals(6, draft.nodes().size());
        assertEquals("192.168.1.203", added.addressProperty().get());
        assertTrue(model.validProperty().get());
    }

    @Test
    void theQuorumHintSaysHowManyMastersMayFail() {
        assertTrue(NodesModel.quorum(3).en().contains("1 of them down"), NodesModel.quorum(3).en());
        assertTrue(NodesModel.quorum(5).zh().contains("可以坏 2 台"), NodesModel.quorum(5).zh());
        assertTrue(NodesModel.quorum(4).en().contains("odd"), NodesModel.quorum(4).en());
        assertTrue(NodesModel.quorum(1).en().contains("whole cluster stops"));
        assertTrue(NodesModel.quorum(0).en().contains("At least 1 master"));
    }

    @Test
    void theHintFollowsTheRolesInTheTable() {
        draft.load(PlanYaml.courseExample(), null);
        assertTrue(model.quorumHintProperty().get().en().contains("3 masters"));
        draft.nodes().get(3).roleProperty().set(Role.MASTER);
        assertEquals(4, model.mastersProperty().get());
        assertTrue(model.quorumHintProperty().get().en().contains("odd number"));
    }

    @Test
    void aBadAddressBlocksThePageAndRemovingTheRowUnblocksIt() {
        draft.load(PlanYaml.courseExample(), null);
        NodeRow row = model.add(Role.WORKER);
        row.addressProperty().set("192.168.1.1O1");
        assertFalse(model.validProperty().get());
        model.remove(row);
        assertTrue(model.validProperty().get());
    }
}
