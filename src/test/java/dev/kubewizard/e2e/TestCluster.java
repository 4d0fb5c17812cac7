package dev.kubewizard.e2e;

import dev.kubewizard.ssh.ExecResult;
import dev.kubewizard.ssh.JschRemoteShell;
import dev.kubewizard.ssh.RemoteCommand;
import dev.kubewizard.ssh.SecretMasker;
import dev.kubewizard.ssh.SshCredentials;
import dev.kubewizard.ssh.SshException;
import dev.kubewizard.ssh.SshSettings;
import dev.kubewizard.ssh.SshTarget;
import dev.kubewizard.ssh.testnode.OpenSshTestHost;
import dev.kubewizard.ssh.testnode.OpenSshTestHost.SudoRights;
import dev.kubewizard.ssh.testnode.OpenSshTestNetwork;
import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The machines of a plan as real OpenSSH test hosts made fresh Ubuntu VMs ({@link StubbedUbuntuHost}), on one test
 * network (10.77.X.0/24, namespaces of the test's own), with the fake cluster's shared state, and the plan file that
 * names them by their real addresses. Root logs in with the SSH password; a machine with a {@link Machine#sshUser}
 * logs in as that sudo user (same password, which sudo asks for). Closing it stops every host and removes the network
 * and the shared state, also after a failure.
 */
final class TestCluster implements AutoCloseable {
    /** The newest patch the stand-in Kubernetes repository offers. */
    static final String KUBERNETES_VERSION = "1.34.2";
    static final String CONTAINERD_2 = "2.1.5-1~ubuntu.24.04~noble";
    static final String CONTAINERD_1_7 = "1.7.28-1~ubuntu.24.04~noble";
    static final String SUDO_USER = "kwadmin";
    static final String ENDPOINT = "k8s-api.cluster.local";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    enum Kind {
        MASTER, WORKER, LOAD_BALANCER
    }

    /**
     * @param sshUser           null for root
     * @param containerdVersion of the containerd.io package offered to this machine
     */
    record Machine(String planHostname, Kind kind, String sshUser, String containerdVersion) {
        static Machine master(String name) {
            return new Machine(name, Kind.MASTER, null, CONTAINERD_2);
        }

        static Machine worker(String name) {
            return new Machine(name, Kind.WORKER, null, CONTAINERD_1_7);
        }

        static Machine loadBalancer(String name) {
            return new Machine(name, Kind.LOAD_BALANCER, null, CONTAINERD_2);
        }

        Machine asSudoUser() {
            return new Machine(planHostname, kind, SUDO_USER, containerdVersion);
        }
    }

    private final OpenSshTestNetwork network;
    private final Path state;
    private final List<Machine> machines;
    private final Map<String, StubbedUbuntuHost> nodes = new LinkedHashMap<>();

    private TestCluster(OpenSshTestNetwork network, Path state, List<Machine> machines) {
        this.network = network;
        this.state = state;
        this.machines = List.copyOf(machines);
    }

    /** Starts a host per machine (skips the test without root, fails it under CI=true). */
    static TestCluster start(List<Machine> machines, String sshPassword) {
        Tools.requireRoot();
        for (String program : List.of("nginx", "gpg", "perl", "flock", "setsid", "ss")) {
            Tools.require(program);
        }
        OpenSshTestNetwork network = OpenSshTestNetwork.create();
        // /dev/shm is the one place every test host sees at the same path (their /tmp, /run and /var are their own)
        Path state = Path.of("/dev/shm", "kubewizard-e2e-" + ProcessHandle.current().pid() + "-"
                + COUNTER.incrementAndGet());
        TestCluster cluster = new TestCluster(network, state, machines);
        try {
            Files.createDirectories(state);
            for (Machine m : machines) {
                OpenSshTestHost.Builder b = network.host("ubuntu-vm" + (cluster.nodes.size() + 1))
                        .rootPassword(sshPassword);
                if (m.sshUser() != null) {
                    b.user(m.sshUser(), sshPassword, SudoRights.PASSWORD);
                }
                OpenSshTestHost host = b.start();
                cluster.nodes.put(m.planHostname(), StubbedUbuntuHost.prepare(host, m.planHostname(),
                        state.toString(), m.containerdVersion(), KUBERNETES_VERSION));
            }
            cluster.requireStandInsFirst(sshPassword);
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /**
     * Makes sure, over SSH as the plan logs in and as root the way the steps become root (sudo for a sudo user), that
     * every stand-in comes first on the PATH: the test machine's own apt-get, modprobe, sysctl or swapoff must never
     * run (they would change the machine itself, whose /usr and kernel the test hosts share).
     */
    private void requireStandInsFirst(String sshPassword) throws IOException {
        Path knownHosts = Files.createTempFile("kubewizard-e2e-known_hosts", "");
        try {
            for (Machine m : machines) {
                StubbedUbuntuHost n = node(m.planHostname());
                String user = m.sshUser() == null ? "root" : m.sshUser();
                StringBuilder found = new StringBuilder();
                try (JschRemoteShell shell = new JschRemoteShell(new SshTarget(n.address(), 22, user,
                        SshCredentials.password(sshPassword), sshPassword),
                        SshSettings.defaults(knownHosts, offer -> true), new SecretMasker())) {
                    shell.connect();
                    ExecResult r = shell.exec(RemoteCommand.of("command -v " + String.join(" ",
                            StubbedUbuntuHost.STAND_INS)).asRoot(), line -> found.append(line.text()).append('\n'));
                    if (r.exitCode() != 0) {
                        throw new IllegalStateException(m.planHostname() + ": command -v failed: " + found);
                    }
                } catch (SshException e) {
                    throw new IllegalStateException(m.planHostname() + ": " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                List<String> expected = StubbedUbuntuHost.STAND_INS.stream().map(p -> "/usr/local/bin/" + p).toList();
                if (!List.of(found.toString().split("\n")).equals(expected)) {
                    throw new IllegalStateException(m.planHostname() + ": the stand-ins are not first on the PATH of "
                            + user + "'s sessions: " + found);
                }
            }
        } finally {
            Files.deleteIfExists(knownHosts);
        }
    }

    StubbedUbuntuHost node(String planHostname) {
        StubbedUbuntuHost n = nodes.get(planHostname);
        if (n == null) {
            throw new IllegalArgumentException("no machine " + planHostname);
        }
        return n;
    }

    List<StubbedUbuntuHost> nodes() {
        return List.copyOf(nodes.values());
    }

    /** The fake cluster's shared state (outside every host's own files). */
    Path state() {
        return state;
    }

    /** Every join token and certificate key the fake cluster made, by kind ({@code token}, {@code certificate-key}). */
    List<String> issuedSecrets(String kind) {
        Path ledger = state.resolve("issued-secrets");
        List<String> values = new ArrayList<>();
        try {
            if (Files.exists(ledger)) {
                for (String line : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
                    String[] f = line.split(" ", 2);
                    if (f.length == 2 && f[0].equals(kind)) {
                        values.add(f[1]);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    /** Every call on every machine, in time order. */
    List<StubCall> calls() {
        List<StubCall> all = new ArrayList<>();
        nodes.values().forEach(n -> all.addAll(n.calls()));
        all.sort(Comparator.comparingLong(StubCall::micros));
        return all;
    }

    /**
     * Writes the plan (and beside it the small calico.yaml it names) into {@code dir}: the course's plan with these
     * machines at their real addresses, the endpoint name on the load balancer's address.
     */
    Path writePlan(Path dir, boolean harbor) {
        Machine lb = machines.stream().filter(m -> m.kind() == Kind.LOAD_BALANCER).findFirst()
                .orElseThrow(() -> new IllegalStateException("the plan needs a load balancer machine"));
        String lbAddress = node(lb.planHostname()).address();
        StringBuilder nodeLines = new StringBuilder();
        for (Machine m : machines) {
            if (m.kind() == Kind.LOAD_BALANCER) {
                continue;
            }
            nodeLines.append("  - {hostname: ").append(m.planHostname()).append(", address: ")
                    .append(node(m.planHostname()).address()).append(", role: ")
                    .append(m.kind() == Kind.MASTER ? "master" : "worker")
                    .append(m.sshUser() == null ? "" : ", user: " + m.sshUser()).append("}\n");
        }
        String yaml = """
                # The course's plan (3 masters, 2 workers, an nginx load balancer) on the e2e test hosts.
                apiVersion: kubewizard/v1
                cluster:
                  name: k8s-class
                  kubernetesVersion: "1.34"
                  podSubnet: 10.244.0.0/16
                  serviceSubnet: 10.96.0.0/12
                  endpoint: {host: %1$s, vip: %2$s, port: 6443}
                loadBalancer:
                  mode: external
                  host: {hostname: %3$s, address: %2$s}
                  interface: ""
                nodes:
                %4$sssh: {user: root, port: 22, auth: password, privateKeyFile: ""}
                mirrors:
                  ubuntu: https://mirrors.aliyun.com/ubuntu
                  dockerCe: https://mirrors.aliyun.com/docker-ce/linux/ubuntu
                  kubernetes: https://mirrors.aliyun.com/kubernetes-new/core/stable
                  imageRepository: registry.aliyuncs.com/google_containers
                  registryMirrors:
                    docker.io: [https://docker.m.daocloud.io]
                    quay.io: [https://quay.m.daocloud.io]
                  ntp: [ntp.aliyun.com, ntp1.aliyun.com, ntp2.aliyun.com, ntp.tencent.com, cn.pool.ntp.org]
                %5$scni:
                  calico: {version: v3.28.2, manifest: calico.yaml, imageRegistry: docker.m.daocloud.io}
                """.formatted(ENDPOINT, lbAddress, lb.planHostname(), nodeLines, harbor ? """
                harbor:
                  host: harbor.labworlds.cc
                  scheme: http
                  skipVerify: true
                  username: admin
                  testImage: harbor.labworlds.cc/go-starter/dev:lbw-v1.0
                  pullSecret: true
                """ : "");
        try {
            Files.createDirectories(dir);
            Path plan = dir.resolve("course-e2e.yaml");
            Files.writeString(plan, yaml, StandardCharsets.UTF_8);
            try (InputStream in = TestCluster.class.getResourceAsStream("/dev/kubewizard/e2e/calico-mini.yaml")) {
                Files.write(dir.resolve("calico.yaml"), in.readAllBytes());
            }
            return plan;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            network.close();
        } finally {
            try (Stream<Path> files = Files.exists(state) ? Files.walk(state) : Stream.empty()) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
