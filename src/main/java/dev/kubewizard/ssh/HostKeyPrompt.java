package dev.kubewizard.ssh;

/**
 * Asks the user whether to trust a host key seen for the first time (trust on first use). Called on the connecting
 * thread while the server waits; several nodes may ask at the same time. A changed key is never asked about: it is
 * refused.
 */
@FunctionalInterface
public interface HostKeyPrompt {
    /** Refuses every unknown key: only hosts already in known_hosts can be reached. */
    HostKeyPrompt REFUSE = offer -> false;

    /** True to trust the key (it is then saved in known_hosts), false to refuse the connection. */
    boolean trust(HostKeyOffer offer);
}
