package dev.kubewizard.ui.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.LbMode;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.plan.Role;
import dev.kubewizard.ui.plan.NodeRow;
import dev.kubewizard.ui.plan.PlanDraft;
import org.junit.jupiter.api.Test;

class NetworkModelTest {
    private final PlanDraft draft = new PlanDraft();
    private final NetworkModel model = new NetworkModel(draft);

    @Test
    void inExternalModeTheVipFollowsTheLoadBalancerAddressWhileTheyAgree() {
        draft.load(PlanYaml.courseExample(), null);
        draft.lbAddressProperty().set("192.168.1.99");
        assertEquals("192.168.1.99", draft.vipProperty().get());
        draft.vipProperty().set("192.168.1.50");
        draft.lbAddressProperty().set("192.168.1.98");
        assertEquals("192.168.1.50", draft.vipProperty().get(), "a VIP typed on purpose is not overwritten");
        assertFalse(model.validProperty().get(), "and the validator says they must agree");
    }

    @Test
    void switchingToKeepalivedMovesTheEndpointOffThePortTheApiserverHolds() {
        draft.load(PlanYaml.courseExample(), null);
        model.setMode(LbMode.KEEPALIVED);
        assertEquals("16443", draft.endpointPortProperty().get());
        draft.vipProperty().set("192.168.1.100");
        assertTrue(model.validProperty().get(), () -> draft.check().violations().toString());
        model.setMode(LbMode.EXTERNAL);
        assertEquals("6443", draft.endpointPortProperty().get());
    }

    @Test
    void loadingAPlanChangesNoneOfItsFields() throws Exception {
        var keepalived = PlanYaml.parse("""
                apiVersion: kubewizard/v1
                cluster: {name: c, kubernetesVersion: "1.34", podSubnet: 10.244.0.0/16, serviceSubnet: 10.96.0.0/12,
                  endpoint: {host: api.local, vip: 10.1.0.100, port: 6443}}
                loadBalancer: {mode: keepalived}
                nodes: [{hostname: m1, address: 10.1.0.11, role: master}]
                ssh: {user: root}
                mirrors: {ubuntu: "https://mirrors.aliyun.com/ubuntu"}
                cni: {calico: {version: v3.28.2}}
                """, "k.yaml");
        draft.load(keepalived, null);
        assertEquals("6443", draft.endpointPortProperty().get(), "the wrong port stays, to be shown as wrong");
        assertFalse(draft.check().at("cluster.endpoint.port").isEmpty());
    }

    @Test
    void theDrawingFollowsTheMachinesAndTheMode() {
        draft.load(PlanYaml.courseExample(), null);
        Topology t = model.topologyProperty().get();
        assertEquals(LbMode.EXTERNAL, t.mode());
        assertEquals("k8s-lb", t.lbHostname());
        assertEquals(3, t.masters().size());
        assertEquals(2, t.workers().size());
        draft.nodes().add(new NodeRow("k8s-node3", "192.168.1.203", Role.WORKER));
        model.setMode(LbMode.KEEPALIVED);
        t = model.topologyProperty().get();
        assertEquals(3, t.workers().size());
        assertEquals(LbMode.KEEPALIVED, t.mode());
        assertEquals("16443", t.port());
        assertFalse(model.externalProperty().get());
    }
}
