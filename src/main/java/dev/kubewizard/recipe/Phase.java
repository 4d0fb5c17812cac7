package dev.kubewizard.recipe;

import dev.kubewizard.text.Messages;
import dev.kubewizard.text.Text;
import java.util.Locale;

/** The phases of an install, in the order they run (../shared/guide/recipe.md, "Order of work"). */
public enum Phase {
    /** Read-only checks on every machine, in parallel. */
    PREFLIGHT,
    /** Node preparation on every machine, in parallel. */
    PREP,
    /** The load balancer: nginx on the dedicated host, or keepalived + haproxy on the masters. */
    LB,
    /** kubeadm init on the first master. */
    INIT,
    /** The other masters join one at a time (stacked etcd grows one member at a time). */
    JOIN_MASTER,
    /** Workers join, in parallel. */
    JOIN_WORKER,
    /** Calico. */
    CNI,
    /** Harbor pull test and pull secret. */
    HARBOR,
    /** Every node Ready, Calico rolled out, the API answering through the endpoint. */
    VERIFY;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Text title() {
        return Messages.text("recipe.phase." + id());
    }
}
