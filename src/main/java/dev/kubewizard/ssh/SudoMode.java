package dev.kubewizard.ssh;

/** How commands become root on a node, found out right after login. */
public enum SudoMode {
    /** Logged in as root: commands run as they are. */
    ROOT,
    /** {@code sudo -n true} works: sudo without a password. */
    PASSWORDLESS,
    /**
     * sudo with a password, checked once at login; it is sent as the first line of standard input, never on a
     * command line.
     */
    PASSWORD
}
