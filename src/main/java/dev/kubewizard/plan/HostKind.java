package dev.kubewizard.plan;

/** Every machine kubewizard logs in to: the cluster's masters and workers, and the external load-balancer host. */
public enum HostKind {
    MASTER, WORKER, LOAD_BALANCER;

    public boolean isClusterNode() {
        return this != LOAD_BALANCER;
    }
}
