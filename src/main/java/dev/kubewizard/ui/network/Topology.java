package dev.kubewizard.ui.network;

import dev.kubewizard.plan.LbMode;
import dev.kubewizard.plan.Role;
import dev.kubewizard.ui.plan.NodeRow;
import dev.kubewizard.ui.plan.PlanDraft;
import java.util.List;

/**
 * What the Network page draws: the teacher's laptop, the entry (an nginx host, or a VIP floating over the masters),
 * the masters behind it and the workers. A pure function of the plan being edited.
 */
public record Topology(LbMode mode, String endpointHost, String vip, String port, String lbHostname,
                       List<Machine> masters, List<Machine> workers) {
    /** A box in the drawing: a name and an address, either possibly still empty. */
    public record Machine(String hostname, String address) {
    }

    public static Topology of(PlanDraft draft) {
        return new Topology(draft.lbModeProperty().get(), strip(draft.endpointHostProperty().get()),
                strip(draft.vipProperty().get()), portText(draft), strip(draft.lbHostnameProperty().get()),
                machines(draft, Role.MASTER), machines(draft, Role.WORKER));
    }

    private static String portText(PlanDraft draft) {
        String port = strip(draft.endpointPortProperty().get());
        return port.isEmpty() ? "6443" : port;
    }

    private static List<Machine> machines(PlanDraft draft, Role role) {
        return draft.nodes().stream().filter(r -> r.roleProperty().get() == role).map(Topology::machine).toList();
    }

    private static Machine machine(NodeRow r) {
        return new Machine(strip(r.hostnameProperty().get()), strip(r.addressProperty().get()));
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
