package dev.kubewizard.plan;

/** One machine of the plan with its effective SSH user and port (node override, else the plan-wide value). */
public record PlanHost(String hostname, String address, HostKind kind, String sshUser, int sshPort) {
    public boolean isMaster() {
        return kind == HostKind.MASTER;
    }

    public boolean isRoot() {
        return "root".equals(sshUser);
    }
}
