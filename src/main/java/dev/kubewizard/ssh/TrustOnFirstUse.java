package dev.kubewizard.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSch's host key check for one connection, decided here rather than by JSch's own prompt texts: a known key passes;
 * an unknown key goes to the {@link HostKeyPrompt} and, when trusted, is saved before the login goes on; a key that
 * differs from the known one is refused without asking. JSch runs with {@code StrictHostKeyChecking=yes}, so any
 * answer other than OK ends the handshake; the reason is kept for the error message.
 */
final class TrustOnFirstUse implements HostKeyRepository {
    private static final Logger LOG = LoggerFactory.getLogger(TrustOnFirstUse.class);

    /** A key that is not the one known_hosts holds for this host. */
    record ChangedKey(HostKeyOffer offered, KnownHostsFile.Entry known) {
    }

    private final KnownHostsFile knownHosts;
    private final HostKeyPrompt prompt;
    private final String host;
    private final int port;
    private volatile HostKeyOffer refused;
    private volatile ChangedKey changed;
    private volatile IOException storeProblem;

    TrustOnFirstUse(KnownHostsFile knownHosts, HostKeyPrompt prompt, String host, int port) {
        this.knownHosts = knownHosts;
        this.prompt = prompt;
        this.host = host;
        this.port = port;
    }

    HostKeyOffer refused() {
        return refused;
    }

    ChangedKey changed() {
        return changed;
    }

    IOException storeProblem() {
        return storeProblem;
    }

    @Override
    public int check(String jschHost, byte[] key) {
        List<KnownHostsFile.Entry> known;
        try {
            known = knownHosts.entriesFor(host, port);
        } catch (IOException e) {
            storeProblem = e;
            return NOT_INCLUDED;
        }
        for (KnownHostsFile.Entry e : known) {
            if (Arrays.equals(e.key(), key)) {
                return OK;
            }
        }
        HostKeyOffer offer = HostKeyOffer.of(host, port, key);
        if (!known.isEmpty()) {
            // A key of the same type is the one to compare with; any known key for the host means "changed", since
            // the connection asks for the known types first and a genuine host still has its old key.
            KnownHostsFile.Entry old = known.stream().filter(e -> e.keyType().equals(offer.keyType())).findFirst()
                    .orElse(known.get(0));
            changed = new ChangedKey(offer, old);
            return CHANGED;
        }
        boolean trusted;
        try {
            trusted = prompt.trust(offer);
        } catch (RuntimeException e) {
            LOG.warn("the host key prompt failed; the key is not trusted", e);
            trusted = false;
        }
        if (!trusted) {
            refused = offer;
            return NOT_INCLUDED;
        }
        try {
            knownHosts.add(host, port, key);
        } catch (IOException e) {
            storeProblem = e;
            return NOT_INCLUDED;
        }
        return OK;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // keys are saved by check(), after the user trusted them
    }

    @Override
    public void remove(String host, String type) {
        // a known key is never removed by a connection
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        // a known key is never removed by a connection
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return knownHosts.path().toString();
    }

    @Override
    public HostKey[] getHostKey() {
        return getHostKey(null, null);
    }

    /** The known keys of this connection's host, so that JSch asks the server for those key types first. */
    @Override
    public HostKey[] getHostKey(String jschHost, String type) {
        List<HostKey> keys = new ArrayList<>();
        try {
            for (KnownHostsFile.Entry e : knownHosts.entriesFor(host, port)) {
                try {
                    keys.add(new HostKey("", KnownHostsFile.hostName(host, port), HostKey.GUESS, e.key(), null));
                } catch (JSchException unknownType) {
                    // a key type JSch does not know cannot be preferred
                }
            }
        } catch (IOException e) {
            storeProblem = e;
        }
        return keys.toArray(new HostKey[0]);
    }
}
