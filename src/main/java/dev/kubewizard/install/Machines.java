package dev.kubewizard.install;

import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.run.StepExecutor;
import dev.kubewizard.ssh.SshException;

/**
 * The machines an install runs on, as the wizard and the command line reach them: real ones over SSH
 * ({@link SshMachines}) or simulated ones in demo mode. Besides running steps, the end of an install needs the first
 * master's admin.conf and a way to read the new cluster's nodes.
 */
public interface Machines extends AutoCloseable {
    /** The executor of one machine, made on the orchestrator's first use of it (and closed by the orchestrator). */
    StepExecutor executor(PlanHost host);

    /** The first master's {@code /etc/kubernetes/admin.conf}, read as root. */
    String adminConf() throws SshException, InterruptedException;

    /** Reads the cluster's nodes through the endpoint named in a kubeconfig. */
    ClusterNodes nodes();

    /** True for simulated machines (demo mode): every screen then says so. */
    default boolean simulated() {
        return false;
    }

    /** Stops what the machines themselves need (simulated servers); the executors are closed by the orchestrator. */
    @Override
    default void close() {
    }
}
