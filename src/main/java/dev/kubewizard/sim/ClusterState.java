package dev.kubewizard.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The Kubernetes cluster the simulated nodes build together: whether the first master initialised it, its CA hash,
 * the bootstrap tokens and the certificate key handed out for joins, which nodes are members, and what was applied
 * (Calico, the Harbor pull secret). What kubeadm and kubectl on the nodes answer depends on it. Thread-safe.
 */
final class ClusterState {
    private static final String TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** A node of the cluster, as kubectl get nodes shows it. */
    record Member(String hostname, boolean controlPlane, Instant joined) {
    }

    private final Random random;
    private String initialisedOn;
    private String caCertHash;
    private final Map<String, Instant> tokens = new LinkedHashMap<>();
    private String certificateKey;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private boolean calico;
    private boolean harborSecret;

    ClusterState(long seed) {
        this.random = new Random(seed);
    }

    synchronized boolean initialised() {
        return initialisedOn != null;
    }

    synchronized void initialise(String firstMaster) {
        initialisedOn = firstMaster;
        caCertHash = "sha256:" + hex(32);
        certificateKey = hex(32);   // kubeadm init --upload-certs
        members.put(firstMaster, new Member(firstMaster, true, Instant.now()));
    }

    synchronized String caCertHash() {
        return caCertHash;
    }

    /** A fresh bootstrap token, valid for {@code ttl}: what kubeadm token create prints. */
    synchronized String newToken(Duration ttl) {
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < 23; i++) {
            t.append(i == 6 ? '.' : TOKEN_CHARS.charAt(random.nextInt(TOKEN_CHARS.length())));
        }
        tokens.put(t.toString(), Instant.now().plus(ttl));
        return t.toString();
    }

    synchronized boolean tokenValid(String token) {
        Instant expires = tokens.get(token);
        return expires != null && Instant.now().isBefore(expires);
    }

    /** kubeadm init phase upload-certs --upload-certs: the certificates under a new key. */
    synchronized String uploadCertificates() {
        certificateKey = hex(32);
        return certificateKey;
    }

    synchronized String certificateKey() {
        return certificateKey;
    }

    synchronized void join(String hostname, boolean controlPlane) {
        members.putIfAbsent(hostname, new Member(hostname, controlPlane, Instant.now()));
    }

    synchronized boolean isMember(String hostname) {
        return members.containsKey(hostname);
    }

    synchronized Map<String, Member> members() {
        return new LinkedHashMap<>(members);
    }

    /** kubeadm reset on a node: it leaves the cluster; on the first master the whole cluster is gone. */
    synchronized void reset(String hostname) {
        members.remove(hostname);
        if (hostname.equals(initialisedOn)) {
            initialisedOn = null;
            caCertHash = null;
            certificateKey = null;
            tokens.clear();
            members.clear();
            calico = false;
            harborSecret = false;
        }
    }

    synchronized void applyCalico() {
        calico = true;
    }

    synchronized boolean calico() {
        return calico;
    }

    synchronized void addHarborSecret() {
        harborSecret = true;
    }

    synchronized boolean harborSecret() {
        return harborSecret;
    }

    /** Random lower-case hex of {@code bytes} bytes, from the cluster's seed. */
    synchronized String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
