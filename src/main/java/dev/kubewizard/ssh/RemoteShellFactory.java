package dev.kubewizard.ssh;

/**
 * Makes the shell for one node: real SSH in the app, simulated nodes in the demo mode and in tests. Every shell of a
 * run shares the run's masker.
 */
@FunctionalInterface
public interface RemoteShellFactory {
    RemoteShell open(SshTarget target, SecretMasker masker);

    /** Real SSH connections with these settings. */
    static RemoteShellFactory jsch(SshSettings settings) {
        return (target, masker) -> new JschRemoteShell(target, settings, masker);
    }
}
