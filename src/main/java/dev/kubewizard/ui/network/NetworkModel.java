package dev.kubewizard.ui.network;

import dev.kubewizard.plan.LbMode;
import dev.kubewizard.ui.plan.PlanDraft;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;

/**
 * The control-plane endpoint, the load balancer and the cluster's address ranges, with the topology drawing that
 * follows them. Keeps two fields in step the way the course's layout needs: in external mode the VIP is the load
 * balancer host's address; in keepalived mode the endpoint cannot listen on 6443 (the apiserver has it).
 */
public final class NetworkModel {
    /** The endpoint port used in keepalived mode: haproxy on each master forwards it to the apiserver's 6443. */
    public static final String KEEPALIVED_PORT = "16443";
    public static final String APISERVER_PORT = "6443";

    private final PlanDraft draft;
    // Properties
    private final ObjectBinding<Topology> topology;
    private final BooleanBinding valid;
    private final BooleanBinding external;

    public NetworkModel(PlanDraft draft) {
        this.draft = draft;
        topology = Bindings.createObjectBinding(() -> Topology.of(draft), draft.lbModeProperty(),
                draft.endpointHostProperty(), draft.vipProperty(), draft.endpointPortProperty(),
                draft.lbHostnameProperty(), draft.nodes());
        valid = draft.completeUnder("cluster", "loadBalancer", "cni");
        external = Bindings.createBooleanBinding(() -> draft.lbModeProperty().get() == LbMode.EXTERNAL,
                draft.lbModeProperty());
        draft.lbAddressProperty().addListener((o, before, now) -> followLbAddress(before, now));
        draft.lbModeProperty().addListener((o, before, now) -> adjustPort(now));
    }

    public PlanDraft draft() {
        return draft;
    }

    public ObjectBinding<Topology> topologyProperty() {
        return topology;
    }

    public BooleanBinding externalProperty() {
        return external;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    // Commands

    public void setMode(LbMode mode) {
        draft.lbModeProperty().set(mode);
    }

    /** In external mode the VIP is the nginx host's address: typing one updates the other while they agree. */
    private void followLbAddress(String before, String now) {
        if (draft.loading() || draft.lbModeProperty().get() != LbMode.EXTERNAL) {
            return;
        }
        String vip = draft.vipProperty().get() == null ? "" : draft.vipProperty().get().strip();
        if (vip.isEmpty() || vip.equals(before == null ? "" : before.strip())) {
            draft.vipProperty().set(now == null ? "" : now.strip());
        }
    }

    private void adjustPort(LbMode mode) {
        if (draft.loading()) {
            return;
        }
        String port = draft.endpointPortProperty().get() == null ? "" : draft.endpointPortProperty().get().strip();
        if (mode == LbMode.KEEPALIVED && (port.isEmpty() || port.equals(APISERVER_PORT))) {
            draft.endpointPortProperty().set(KEEPALIVED_PORT);
        } else if (mode == LbMode.EXTERNAL && port.equals(KEEPALIVED_PORT)) {
            draft.endpointPortProperty().set(APISERVER_PORT);
        }
    }
}
