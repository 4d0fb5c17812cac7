package dev.kubewizard.sim;

import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.ssh.HostKeyOffer;
import dev.kubewizard.ssh.SshTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One machine of the plan, simulated: an in-process SSH server (Apache MINA SSHD) on 127.0.0.1 with its own port and a
 * host key made in memory, which accepts the plan's user with the configured password or key, serves SFTP from a file
 * system in memory, and answers the exact commands kubewizard sends as an Ubuntu 24.04 node would. It remembers which
 * steps it has done (so their checks pass afterwards), its files, and the processes (process groups) running on it.
 * Nothing is ever executed or written on this machine. Made by {@link SimulatedCluster}.
 */
public final class SimulatedNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedNode.class);

    private final SimulatedCluster cluster;
    private final PlanHost host;
    final VirtualFiles files;
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final Map<Long, Thread> groups = new ConcurrentHashMap<>();
    private final AtomicLong nextGroup;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final String productUuid;
    private final String macs;
    private volatile String currentHostname;
    private volatile boolean swapOn = true;
    private final Object serverLock = new Object();
    private SshServer server;
    private KeyPair hostKey;
    private int keyGeneration;
    private int port;
    private volatile boolean closed;

    SimulatedNode(SimulatedCluster cluster, PlanHost host, int index, int port) throws IOException {
        this.cluster = cluster;
        this.host = host;
        this.files = VirtualFiles.ubuntu(host.sshUser());
        this.currentHostname = host.hostname();
        UbuntuImage.seed(files, host.hostname());
        // the same machine identity in every run with the same seed
        Random identity = new Random(cluster.options().seed() * 7919 + index);
        String uuid = hex(identity, 16);
        String mac = hex(identity, 3);
        this.productUuid = uuid.substring(0, 8) + "-" + uuid.substring(8, 12) + "-" + uuid.substring(12, 16) + "-"
                + uuid.substring(16, 20) + "-" + uuid.substring(20);
        this.macs = "00:0c:29:" + mac.substring(0, 2) + ":" + mac.substring(2, 4) + ":" + mac.substring(4, 6);
        this.nextGroup = new AtomicLong(4000 + 1000L * index);
        this.hostKey = hostKey(0);
        startServer(port);
    }

    // ---------------------------------------------------------------- what callers see

    /** The plan hostname of this machine. */
    public String hostname() {
        return host.hostname();
    }

    public PlanHost planHost() {
        return host;
    }

    /** The port its SSH server listens on, at 127.0.0.1. */
    public int port() {
        synchronized (serverLock) {
            return port;
        }
    }

    /** How to log in to it: 127.0.0.1, its port, the plan's user and the configured password or key. */
    public SshTarget target() {
        return cluster.target(hostname());
    }

    /** The host key's SHA256 fingerprint, as OpenSSH and the host-key prompt show it. */
    public String hostKeyFingerprint() {
        synchronized (serverLock) {
            ByteArrayBuffer b = new ByteArrayBuffer();
            b.putRawPublicKey(hostKey.getPublic());
            return HostKeyOffer.fingerprint(b.getCompactData());
        }
    }

    /** Whether the step's change is in place on this node (its check passes). */
    public boolean isDone(String stepId) {
        return done.contains(stepId);
    }

    public Set<String> doneSteps() {
        return Set.copyOf(done);
    }

    /** A file of the simulated node, as root reads it. */
    public Optional<String> readFile(String path) {
        return files.read(path).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    public boolean exists(String path) {
        return files.exists(path);
    }

    /** Every regular file below a folder of the simulated node. */
    public List<String> filesUnder(String folder) {
        return files.filesUnder(folder);
    }

    /** Every command line this node was asked to run, in order (as {@code ps} would have shown them). */
    public List<String> commandLines() {
        return List.copyOf(received);
    }

    /** The process groups of commands still running on the node (a step left behind by a lost connection...). */
    public Set<Long> runningProcessGroups() {
        return new TreeSet<>(groups.keySet());
    }

    /** Cuts every open connection at once, as a pulled network cable would (running commands go on). */
    public void dropConnections() {
        List<AbstractSession> sessions;
        synchronized (serverLock) {
            sessions = server == null ? List.of() : new ArrayList<>(server.getActiveSessions());
        }
        for (AbstractSession s : sessions) {
            s.close(true);
        }
    }

    /**
     * Restarts the SSH server on the same port (a reboot): connections are cut; with {@code newHostKey}, or when a
     * {@code HOST:*:new-host-key} fault is set, it comes back with a freshly generated host key (a reinstall).
     */
    public void restart(boolean newHostKey) {
        synchronized (serverLock) {
            if (closed) {
                return;
            }
            stopServer();
            if (newHostKey || cluster.nodeFault(hostname(), Fault.Kind.NEW_HOST_KEY)
                    .filter(f -> f.step().equals("*")).isPresent()) {
                hostKey = hostKey(++keyGeneration);
            }
            try {
                startServer(port);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restart the simulated node " + hostname(), e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (serverLock) {
            closed = true;
            stopServer();
        }
        groups.values().forEach(Thread::interrupt);
    }

    // ---------------------------------------------------------------- the machine, for the simulation

    SimulatedCluster cluster() {
        return cluster;
    }

    String currentHostname() {
        return currentHostname;
    }

    void rename(String name) {
        currentHostname = name;
        files.install("/etc/hostname", (name + "\n").getBytes(StandardCharsets.UTF_8), VirtualFiles.ROOT_USER, 0644);
    }

    String productUuid() {
        return cluster.nodeFault(hostname(), Fault.Kind.CLONED_UUID).isPresent() ? cluster.clonedUuid()
                : productUuid;
    }

    String macs() {
        return cluster.nodeFault(hostname(), Fault.Kind.CLONED_MAC).isPresent() ? cluster.clonedMacs() : macs;
    }

    String ownProductUuid() {
        return productUuid;
    }

    String ownMacs() {
        return macs;
    }

    boolean swapOn() {
        return swapOn;
    }

    void swapOff() {
        swapOn = false;
    }

    void markDone(String stepId) {
        done.add(stepId);
    }

    void received(String commandLine) {
        received.add(commandLine);
    }

    SimOptions.SudoPolicy sudoPolicy() {
        return cluster.options().sudo();
    }

    String sudoPassword() {
        String expected = cluster.options().effectiveSudoPassword();
        return cluster.nodeFault(hostname(), Fault.Kind.WRONG_SUDO_PASSWORD).isPresent()
                ? "not-" + expected : expected;
    }

    String loginPassword() {
        String expected = cluster.options().password();
        return cluster.nodeFault(hostname(), Fault.Kind.WRONG_PASSWORD).isPresent() ? "not-" + expected : expected;
    }

    /** What the sudo probe prints for this login. */
    String sudoProbeAnswer(String login) {
        if (VirtualFiles.ROOT_USER.equals(login)) {
            return "root";
        }
        return sudoPolicy() == SimOptions.SudoPolicy.PASSWORDLESS ? "passwordless" : "password";
    }

    long startGroup(Thread process) {
        long g = nextGroup.incrementAndGet();
        groups.put(g, process);
        return g;
    }

    void endGroup(long group) {
        groups.remove(group);
    }

    /** TERM to a process group: its thread is interrupted; waits (up to 3 s) until it has ended. */
    void stopGroup(long group) {
        Thread t = groups.get(group);
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        t.interrupt();
        long end = System.currentTimeMillis() + 3000;
        while (groups.containsKey(group) && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The listening ports and the program holding each, as ss -p shows them. */
    Map<Integer, String> heldPorts() {
        Map<Integer, String> held = new LinkedHashMap<>();
        if (files.exists("/etc/kubernetes/manifests/kube-apiserver.yaml")) {
            held.put(6443, "kube-apiserver");
            held.put(2379, "etcd");
            held.put(2380, "etcd");
            held.put(10257, "kube-controller");
            held.put(10259, "kube-scheduler");
        }
        if (files.exists("/etc/kubernetes/kubelet.conf")) {
            held.put(10250, "kubelet");
        }
        int lbPort = cluster.plan().cluster().endpoint().portOrDefault();
        if (isDone("lb-nginx")) {
            held.put(lbPort, "nginx");
        }
        if (isDone("lb-haproxy")) {
            held.putIfAbsent(lbPort, "haproxy");
        }
        return held;
    }

    boolean holdsVip() {
        return isDone("lb-keepalived") && hostname().equals(cluster.plan().firstMaster().hostname());
    }

    /** What kubeadm init or a master's join leaves on the node. */
    void becomeControlPlane(String adminConf) {
        install("/etc/kubernetes/admin.conf", adminConf, 0600);
        install("/etc/kubernetes/super-admin.conf", adminConf.replace("kubernetes-admin", "kubernetes-super-admin"),
                0600);
        becomeWorker();
        for (String m : List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler")) {
            install("/etc/kubernetes/manifests/" + m + ".yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + m
                    + "\n  namespace: kube-system\n", 0600);
        }
    }

    /** What a worker's join leaves on the node. */
    void becomeWorker() {
        install("/etc/kubernetes/kubelet.conf", "apiVersion: v1\nkind: Config\n", 0600);
        install("/etc/kubernetes/pki/ca.crt", "-----BEGIN CERTIFICATE-----\nPLACEHOLDER\n-----END CERTIFICATE-----\n",
                0644);
    }

    /** kubectl's config for a user: a copy of admin.conf in their home. */
    void copyAdminConf(String user) {
        files.read("/etc/kubernetes/admin.conf").ifPresent(conf -> {
            String home = VirtualFiles.home(user);
            files.mkdirs(home + "/.kube", user, 0700);
            files.install(home + "/.kube/config", conf, user, 0600);
        });
    }

    /** kubeadm reset -f and its clean-up. */
    void reset() {
        for (String p : List.of("/etc/kubernetes/admin.conf", "/etc/kubernetes/super-admin.conf",
                "/etc/kubernetes/kubelet.conf", "/root/.kube/config", "/etc/kubernetes/pki/ca.crt")) {
            try {
                files.deleteTree(p, VirtualFiles.ROOT_USER);
            } catch (IOException e) {
                // already gone
            }
        }
        try {
            files.deleteTree("/etc/kubernetes/manifests", VirtualFiles.ROOT_USER);
        } catch (IOException e) {
            // already gone
        }
        done.removeIf(id -> id.equals("kubeadm-init") || id.equals("kubeadm-join") || id.equals("kubectl-config")
                || id.equals("calico") || id.equals("harbor"));
    }

    /** Restarts on another thread: a step's own thread must not wait for its server to stop. */
    void restartSoon(boolean newHostKey) {
        Thread t = new Thread(() -> restart(newHostKey), "sim-" + hostname() + "-restart");
        t.setDaemon(true);
        t.start();
    }

    private void install(String path, String content, int mode) {
        files.install(path, content.getBytes(StandardCharsets.UTF_8), VirtualFiles.ROOT_USER, mode);
    }

    private boolean keyAccepted(PublicKey offered) {
        List<PublicKey> keys = cluster.options().authorizedKeys();
        if (keys.isEmpty()) {
            return true;
        }
        String fingerprint = KeyUtils.getFingerPrint(offered);
        return keys.stream().anyMatch(k -> KeyUtils.getFingerPrint(k).equals(fingerprint));
    }

    private void startServer(int wantedPort) throws IOException {
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost("127.0.0.1");
        s.setPort(wantedPort);
        // small packets go out at once (OpenSSH does the same): without it each command waits for delayed ACKs
        CoreModuleProperties.TCP_NODELAY.set(s, true);
        s.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        String user = host.sshUser();
        s.setPasswordAuthenticator((login, password, session) -> login.equals(user)
                && password.equals(loginPassword()));
        s.setPublickeyAuthenticator((login, key, session) -> login.equals(user) && keyAccepted(key));
        s.setCommandFactory((channel, command) -> new SimulatedExec(this, command));
        s.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        s.setFileSystemFactory(new FileSystemFactory() {
            @Override
            public Path getUserHomeDir(SessionContext session) {
                return null;
            }

            @Override
            public FileSystem createFileSystem(SessionContext session) {
                return new VirtualFileSystem(files, session.getUsername());
            }
        });
        s.start();
        server = s;
        port = s.getPort();
        LOG.debug("simulated node {} listens on 127.0.0.1:{}", hostname(), port);
    }

    private void stopServer() {
        SshServer s = server;
        server = null;
        if (s != null) {
            try {
                s.stop(true);
            } catch (IOException e) {
                LOG.debug("stopping the SSH server of {}: {}", hostname(), e.toString());
            }
        }
    }

    private static String hex(Random random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * An ECDSA P-256 host key (quick to make, in every JDK, a type OpenSSH servers offer too), made in memory from the
     * seed, the hostname and how often the machine was "reinstalled": a demo started again with the same seed and
     * ports finds the keys its known_hosts already trusts.
     */
    private KeyPair hostKey(int generation) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(("kubewizard-sim/" + cluster.options().seed() + "/" + hostname() + "/" + generation)
                    .getBytes(StandardCharsets.UTF_8));
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make an EC P-256 key", e);
        }
    }
}
