package dev.kubewizard.install;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.run.StepExecutor;
import dev.kubewizard.ssh.RemoteShell;
import dev.kubewizard.ssh.RemoteShellFactory;
import dev.kubewizard.ssh.SecretMasker;
import dev.kubewizard.ssh.SshException;
import dev.kubewizard.ssh.SshTarget;
import dev.kubewizard.ssh.StepRunner;
import java.nio.charset.StandardCharsets;

/**
 * The plan's machines over SSH: one shell per machine for its steps ({@link RemoteStepExecutor}), and a short
 * connection to the first master for admin.conf. The shells come from a factory: real SSH, or SSH to simulated nodes.
 */
public final class SshMachines implements Machines {
    public static final String ADMIN_CONF = "/etc/kubernetes/admin.conf";

    private final ClusterPlan plan;
    private final RemoteShellFactory shells;
    private final InstallPasswords passwords;
    private final SecretMasker masker;
    private final ClusterNodes nodes;
    private final boolean simulated;
    private final AutoCloseable onClose;

    public SshMachines(ClusterPlan plan, RemoteShellFactory shells, InstallPasswords passwords, SecretMasker masker,
                       ClusterNodes nodes) {
        this(plan, shells, passwords, masker, nodes, false, null);
    }

    /**
     * @param simulated the shells reach simulated nodes (demo mode)
     * @param onClose   closed with these machines (the simulated servers); null for nothing
     */
    public SshMachines(ClusterPlan plan, RemoteShellFactory shells, InstallPasswords passwords, SecretMasker masker,
                       ClusterNodes nodes, boolean simulated, AutoCloseable onClose) {
        this.plan = plan;
        this.shells = shells;
        this.passwords = passwords;
        this.masker = masker;
        this.nodes = nodes;
        this.simulated = simulated;
        this.onClose = onClose;
    }

    /** The login of one machine of the plan. */
    public SshTarget target(PlanHost host) {
        return SshTarget.forHost(host, plan.sshOrDefault(), passwords.ssh(), passwords.sudo());
    }

    @Override
    public StepExecutor executor(PlanHost host) {
        return new RemoteStepExecutor(host, shells.open(target(host), masker), new StepRunner());
    }

    @Override
    public String adminConf() throws SshException, InterruptedException {
        String first = plan.firstMaster().hostname();
        PlanHost host = plan.hosts().stream().filter(h -> h.hostname().equals(first)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the plan has no first master"));
        try (RemoteShell shell = shells.open(target(host), masker)) {
            shell.connect();
            return new String(shell.readAsRoot(ADMIN_CONF), StandardCharsets.UTF_8);
        }
    }

    @Override
    public ClusterNodes nodes() {
        return nodes;
    }

    @Override
    public boolean simulated() {
        return simulated;
    }

    @Override
    public void close() {
        if (onClose != null) {
            try {
                onClose.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(SshMachines.class).warn("closing the machines failed", e);
            }
        }
    }
}
