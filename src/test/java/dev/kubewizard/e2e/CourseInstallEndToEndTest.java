package dev.kubewizard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.e2e.TestCluster.Kind;
import dev.kubewizard.e2e.TestCluster.Machine;
import dev.kubewizard.recipe.AptSources;
import dev.kubewizard.recipe.ContainerdConfig;
import dev.kubewizard.recipe.Step;
import dev.kubewizard.recipe.StepFile;
import dev.kubewizard.run.RunResult;
import dev.kubewizard.run.StepKey;
import dev.kubewizard.run.StepState;
import dev.kubewizard.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course plan (3 masters, 2 workers, an external nginx load balancer) installed onto six real OpenSSH hosts: the
 * real generated steps over real SSH through the run engine and the SSH executor, as root on four machines and as a
 * sudo user (password on stdin) on two. Only what cannot run on this Debian machine is a stand-in on each host
 * ({@link StubbedUbuntuHost#STAND_INS}); nginx on the load balancer is real and forwards to the masters' (stand-in)
 * API servers over the test network. Root only (network namespaces); CI runs it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CourseInstallEndToEndTest {
    private static final String SSH_PASSWORD = "Kw-ssh-canary-" + ThreadLocalRandom.current().nextInt(100_000,
            999_999);
    private static final String HARBOR_PASSWORD = "Kw-harbor-canary-" + ThreadLocalRandom.current().nextInt(100_000,
            999_999);
    private static final List<Machine> MACHINES = List.of(
            Machine.master("k8s-master1"),
            Machine.master("k8s-master2"),
            Machine.master("k8s-master3").asSudoUser(),
            Machine.worker("k8s-node1"),
            Machine.worker("k8s-node2").asSudoUser(),
            Machine.loadBalancer("k8s-lb"));
    private static final List<String> CLUSTER_NODES = List.of("k8s-master1", "k8s-master2", "k8s-master3", "k8s-node1",
            "k8s-node2");

    @TempDir
    static Path work;
    private static TestCluster cluster;
    private static Path plan;
    private static InstallRun first;
    private static RunResult firstResult;

    @BeforeAll
    static void installTheCoursePlan() throws Exception {
        cluster = TestCluster.start(MACHINES, SSH_PASSWORD);
        plan = cluster.writePlan(work.resolve("plans"), true);
        first = InstallRun.of(plan, new InstallRun.Secrets(SSH_PASSWORD, SSH_PASSWORD, HARBOR_PASSWORD),
                work.resolve("known_hosts"), false);
        firstResult = first.run();
    }

    @AfterAll
    static void tearDown() {
        try {
            if (first != null) {
                first.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    @Order(1)
    void theCoursePlanInstallsOverRealSshAsRootAndAsASudoUser() throws Exception {
        assertEquals(RunResult.Outcome.SUCCEEDED, firstResult.outcome(), () -> InstallRun.explain(firstResult));
        assertEquals(88, firstResult.stepsTotal());
        // On fresh machines no check may pass before its step did the work.
        Map<StepKey, StepState> states = first.states();
        assertEquals(Set.of(StepState.DONE), Set.copyOf(states.values()), states::toString);

        // Each host key was offered once (trust on first use) and kept in known_hosts.
        assertEquals(6, first.trustedKeys().size());
        assertEquals(6, Files.readAllLines(work.resolve("known_hosts"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).count());
        for (Machine m : MACHINES) {
            String sshd = cluster.node(m.planHostname()).host().log();
            String user = m.sshUser() == null ? "root" : m.sshUser();
            assertTrue(sshd.contains("Accepted password for " + user + " from"), m.planHostname() + ": " + sshd);
            assertFalse(m.sshUser() != null && sshd.contains("Accepted password for root"), sshd);
        }
        // The sudo user's steps ran as root through sudo: kubectl was set up for root and for that user too.
        StubbedUbuntuHost master3 = cluster.node("k8s-master3");
        assertEquals(TestCluster.SUDO_USER + " 600",
                master3.bash("stat -c '%U %a' /home/" + TestCluster.SUDO_USER + "/.kube/config").output().strip());
        assertEquals(master3.read("/etc/kubernetes/admin.conf"), master3.read("/root/.kube/config"));
        // The stand-ins answered for the programs the scripts called: they come first on the sessions' PATH.
        for (StubbedUbuntuHost n : cluster.nodes()) {
            assertTrue(n.calls().stream().anyMatch(c -> c.program().equals("apt-get")), n.planHostname());
        }
    }

    @Test
    @Order(2)
    void everyMachineHoldsTheFilesTheRecipeWritesByteForByte() {
        requireInstalled();
        Map<String, String> filled = Map.of("CODENAME", "noble",
                "KUBERNETES_VERSION", "v" + TestCluster.KUBERNETES_VERSION);
        List<String> checked = new ArrayList<>();
        for (Machine m : MACHINES) {
            StubbedUbuntuHost node = cluster.node(m.planHostname());
            Set<String> variants = Set.of(AptSources.VARIANT_2404, m.containerdVersion().startsWith("2.")
                    ? ContainerdConfig.VARIANT_2 : ContainerdConfig.VARIANT_17);
            for (Step step : first.recipe().steps()) {
                if (!step.host().equals(m.planHostname())) {
                    continue;
                }
                for (StepFile f : step.files()) {
                    if (f.variant() != null && !variants.contains(f.variant())) {
                        continue;
                    }
                    String expected = f.content();
                    for (String name : f.placeholders()) {
                        expected = expected.replace("{{" + name + "}}", filled.get(name));
                    }
                    assertEquals(expected, node.read(f.path()), m.planHostname() + ":" + f.path());
                    assertEquals(f.mode().substring(1), node.bash("stat -c %a " + f.path()).output().strip(),
                            m.planHostname() + ":" + f.path());
                    checked.add(m.planHostname() + ":" + f.path());
                }
            }
        }
        for (String node : CLUSTER_NODES) {
            for (String file : List.of("/etc/containerd/config.toml", "/etc/crictl.yaml",
                    "/etc/containerd/certs.d/docker.io/hosts.toml", "/etc/containerd/certs.d/quay.io/hosts.toml",
                    "/etc/containerd/certs.d/harbor.labworlds.cc/hosts.toml", "/etc/sysctl.d/99-kubernetes.conf",
                    "/etc/modules-load.d/k8s.conf", "/etc/apt/sources.list.d/docker.sources",
                    "/etc/apt/sources.list.d/kubernetes.sources", "/etc/apt/sources.list.d/ubuntu.sources",
                    "/etc/chrony/sources.d/kubewizard.sources")) {
                assertTrue(checked.contains(node + ":" + file), node + ":" + file + " in " + checked);
            }
        }
        assertTrue(checked.contains("k8s-master1:/etc/kubewizard/kubeadm-config.yaml"), checked::toString);
        assertTrue(checked.contains("k8s-lb:/etc/nginx/stream.d/kubernetes.conf"), checked::toString);
    }

    @Test
    @Order(3)
    void theFilesSayWhatThePlanSays() {
        requireInstalled();
        String lb = cluster.node("k8s-lb").address();
        for (Machine m : MACHINES) {
            StubbedUbuntuHost node = cluster.node(m.planHostname());
            String where = m.planHostname() + ": ";
            // /etc/hosts: the managed block maps every machine and the endpoint name; the names resolve.
            List<String> block = hostsBlock(node.read("/etc/hosts"));
            List<String> expected = new ArrayList<>();
            for (Machine other : MACHINES) {
                expected.add(cluster.node(other.planHostname()).address() + " " + other.planHostname());
            }
            expected.add(lb + " " + TestCluster.ENDPOINT);
            assertEquals(expected, block, where + node.read("/etc/hosts"));
            assertEquals(lb, node.bash("getent hosts " + TestCluster.ENDPOINT + " | awk '{print $1}'").output()
                    .strip(), where);
            assertEquals(m.planHostname(), node.bash("hostname").output().strip(), where);
            assertEquals(m.planHostname() + "\n", node.read("/etc/hostname"), where);
            // apt from the plan's mirror; swap off and out of fstab; ufw off; chrony on the plan's servers.
            assertTrue(node.read("/etc/apt/sources.list.d/ubuntu.sources")
                    .contains("URIs: https://mirrors.aliyun.com/ubuntu/\nSuites: noble noble-updates noble-backports"));
            assertTrue(node.read("/etc/ufw/ufw.conf").contains("\nENABLED=no\n"), where);
            assertFalse(node.exists("/etc/systemd/system/multi-user.target.wants/ufw.service"), where);
            String chrony = node.read("/etc/chrony/chrony.conf");
            assertTrue(chrony.contains("#pool ntp.ubuntu.com        iburst maxsources 4"), where + chrony);
            assertTrue(chrony.contains("\nsourcedir /etc/chrony/sources.d\n"), where + chrony);
            assertEquals("""
                    # Written by kubewizard: the plan's NTP servers
                    server ntp.aliyun.com iburst
                    server ntp1.aliyun.com iburst
                    server ntp2.aliyun.com iburst
                    server ntp.tencent.com iburst
                    server cn.pool.ntp.org iburst
                    """, node.read("/etc/chrony/sources.d/kubewizard.sources"), where);
            if (m.kind() == Kind.LOAD_BALANCER) {
                assertFalse(node.exists("/etc/containerd"), where + "no container runtime on the load balancer");
                continue;
            }
            // Swap off now and after a reboot (the fstab line commented out).
            assertTrue(node.read("/etc/fstab").contains("\n#/swap.img\tnone\tswap\tsw\t0\t0\n"), where);
            assertEquals("", node.read("/run/kubewizard-stubs/swap"), where + "the swap the VM has on");
            // The kernel settings and the container runtime, the variant for the containerd this machine installed.
            assertEquals("# Written by kubewizard: kernel modules Kubernetes needs, loaded at boot\n"
                    + "overlay\nbr_netfilter\n", node.read("/etc/modules-load.d/k8s.conf"), where);
            assertTrue(node.read("/etc/sysctl.d/99-kubernetes.conf")
                    .contains("net.ipv4.ip_forward                  = 1"), where);
            String containerd = node.read("/etc/containerd/config.toml");
            if (m.containerdVersion().startsWith("2.")) {
                assertTrue(containerd.startsWith("# Written by kubewizard for containerd 2.x (config version 3)"),
                        where);
                assertTrue(containerd.contains("version = 3\n") && containerd.contains(
                        "sandbox = \"registry.aliyuncs.com/google_containers/pause:3.10.1\""), where + containerd);
            } else {
                assertTrue(containerd.startsWith("# Written by kubewizard for containerd 1.7 (config version 2)"),
                        where);
                assertTrue(containerd.contains("version = 2\n") && containerd.contains(
                        "sandbox_image = \"registry.aliyuncs.com/google_containers/pause:3.10.1\""),
                        where + containerd);
            }
            assertTrue(containerd.contains("config_path = \"/etc/containerd/certs.d\""), where);
            assertTrue(node.read("/etc/containerd/certs.d/docker.io/hosts.toml")
                    .contains("[host.\"https://docker.m.daocloud.io\"]"), where);
            assertTrue(node.read("/etc/containerd/certs.d/harbor.labworlds.cc/hosts.toml")
                    .contains("server = \"http://harbor.labworlds.cc\""), where);
            assertTrue(node.read("/etc/crictl.yaml")
                    .startsWith("runtime-endpoint: unix:///run/containerd/containerd.sock\n"), where);
            assertTrue(node.exists("/etc/kubernetes/kubelet.conf"), where);
            assertEquals(m.kind() == Kind.MASTER, node.exists("/etc/kubernetes/manifests/kube-apiserver.yaml"), where);
        }
        String config = cluster.node("k8s-master1").read("/etc/kubewizard/kubeadm-config.yaml");
        assertTrue(config.contains("kubernetesVersion: \"v" + TestCluster.KUBERNETES_VERSION + "\""), config);
        assertTrue(config.contains("controlPlaneEndpoint: \"" + TestCluster.ENDPOINT + ":6443\""), config);
        assertTrue(config.contains("advertiseAddress: \"" + cluster.node("k8s-master1").address() + "\""), config);
        assertTrue(config.contains("cgroupDriver: systemd"), config);
    }

    @Test
    @Order(4)
    void theRealNginxOnTheLoadBalancerAcceptsTheConfigAndForwardsToTheMasters() {
        requireInstalled();
        StubbedUbuntuHost lb = cluster.node("k8s-lb");
        String stream = lb.read("/etc/nginx/stream.d/kubernetes.conf");
        for (String master : List.of("k8s-master1", "k8s-master2", "k8s-master3")) {
            assertTrue(stream.contains("server " + cluster.node(master).address()
                    + ":6443 max_fails=3 fail_timeout=30s;  # " + master), stream);
        }
        List<String> nginxConf = lb.read("/etc/nginx/nginx.conf").lines().toList();
        String include = "include /etc/nginx/stream.d/*.conf;"
                + "  # kubewizard: stream must be at top level, not inside http";
        assertEquals(1, nginxConf.stream().filter(include::equals).count(), String.join("\n", nginxConf));
        assertTrue(nginxConf.indexOf(include) < nginxConf.indexOf("http {"), "at the top level, before http {}");
        Tools.Result test = lb.bash("nginx -t");
        assertEquals(0, test.exitCode(), test.output());
        assertTrue(test.output().contains("test is successful"), test.output());
        assertTrue(lb.bash("ss -Hltnp 'sport = :6443'").output().contains("\"nginx\""), "the real nginx listens");
        // A request to the endpoint name from a worker goes through /etc/hosts and nginx to a master's API server.
        Tools.Result viaLb = cluster.node("k8s-node1").bash("exec 3<>/dev/tcp/" + TestCluster.ENDPOINT
                + "/6443 && echo 'GET /readyz' >&3 && head -n 1 <&3");
        assertEquals("ok", viaLb.output().strip(), viaLb.output());
    }

    @Test
    @Order(5)
    void kubeadmRunsInTheCourseOrderWithFreshJoinDataForEachNode() throws Exception {
        requireInstalled();
        List<StubCall> calls = cluster.calls().stream().filter(c -> c.program().equals("kubeadm")).toList();
        List<String> tokens = cluster.issuedSecrets("token");
        List<String> keys = cluster.issuedSecrets("certificate-key");
        List<String> changing = calls.stream().filter(StubCallKind::changesSomething)
                .map(c -> c.host() + " " + (c.text().startsWith("init phase") ? "init phase" : c.text().split(" ")[0]))
                .toList();
        // init on master1; then each master in turn: new certificate key and token on master1, then its join;
        // then the workers, each with a token of its own (they may join at the same time)
        assertEquals(List.of("k8s-master1 config", "k8s-master1 init",
                "k8s-master1 init phase", "k8s-master1 token", "k8s-master2 join",
                "k8s-master1 init phase", "k8s-master1 token", "k8s-master3 join"), changing.subList(0, 8),
                changing::toString);
        assertEquals(Set.of("k8s-master1 token", "k8s-node1 join", "k8s-node2 join"), Set.copyOf(changing.subList(8,
                changing.size())), changing::toString);
        assertEquals(12, changing.size(), changing::toString);

        Map<String, StubCall> joins = new LinkedHashMap<>();
        for (StubCall c : calls) {
            if (c.isNote() && c.text().startsWith("join ")) {
                joins.put(c.noteValue("node"), c);
            }
        }
        assertEquals(Set.of("k8s-master2", "k8s-master3", "k8s-node1", "k8s-node2"), joins.keySet());
        // init's own token and key, then one of each per master join and one token per worker join
        assertEquals(5, tokens.size(), tokens::toString);
        assertEquals(3, keys.size(), keys::toString);
        assertEquals(sha256(tokens.get(1)), joins.get("k8s-master2").noteValue("token-sha256"));
        assertEquals(sha256(keys.get(1)), joins.get("k8s-master2").noteValue("certificate-key-sha256"));
        assertEquals(sha256(tokens.get(2)), joins.get("k8s-master3").noteValue("token-sha256"));
        assertEquals(sha256(keys.get(2)), joins.get("k8s-master3").noteValue("certificate-key-sha256"));
        assertEquals(Set.of(sha256(tokens.get(3)), sha256(tokens.get(4))), Set.of(
                joins.get("k8s-node1").noteValue("token-sha256"), joins.get("k8s-node2").noteValue("token-sha256")));
        assertEquals("-", joins.get("k8s-node1").noteValue("certificate-key-sha256"));
        for (StubCall join : joins.values()) {
            assertEquals(TestCluster.ENDPOINT + ":6443", join.noteValue("endpoint"), join::toString);
        }

        // strictly one after another: each master join ends before the next join data is made
        long master2End = end(calls, "k8s-master2", "join");
        long master3Start = start(calls, "k8s-master3", "join");
        long master3End = end(calls, "k8s-master3", "join");
        List<StubCall> tokenCreates = calls.stream().filter(c -> c.startsWith("token", "create")).toList();
        assertTrue(tokenCreates.get(1).micros() > master2End && master3Start > tokenCreates.get(1).micros());
        assertTrue(tokenCreates.get(2).micros() > master3End && tokenCreates.get(3).micros() > master3End);
        assertTrue(start(calls, "k8s-node1", "join") > master3End && start(calls, "k8s-node2", "join") > master3End);
        assertTrue(end(calls, "k8s-master1", "init") < start(calls, "k8s-master2", "join"));
        // kubeadm init kept its token and key to itself: the saved output shows neither
        String initOutput = cluster.node("k8s-master1").read("/root/kubeadm-init.txt");
        assertTrue(initOutput.contains("--token <value withheld>"), initOutput);
        assertEquals("600", cluster.node("k8s-master1").bash("stat -c %a /root/kubeadm-init.txt").output().strip());
    }

    @Test
    @Order(6)
    void noSecretAppearsInAnyCallFileLogJournalOrBundle() throws Exception {
        requireInstalled();
        List<String> canaries = new ArrayList<>(List.of(SSH_PASSWORD));
        canaries.addAll(SecretScan.harborForms("admin", HARBOR_PASSWORD, "harbor.labworlds.cc"));
        canaries.addAll(cluster.issuedSecrets("token"));
        canaries.addAll(cluster.issuedSecrets("certificate-key"));
        assertEquals(1 + 3 + 5 + 3, canaries.size());
        SecretScan scan = new SecretScan(canaries);
        List<String> found = new ArrayList<>();
        for (StubbedUbuntuHost n : cluster.nodes()) {
            found.addAll(scan.inHost(n));
            for (StubCall c : n.calls()) {
                found.addAll(scan.inText(n.planHostname() + " call log", c.toString()));
            }
            found.addAll(scan.inFolder(n.host().directory(), null));
        }
        found.addAll(scan.inFolder(first.folder().dir(), null));
        Path bundle = first.supportBundle(work.resolve("support.zip"));
        found.addAll(scan.inZip(bundle));
        found.addAll(scan.inText("run lines", first.transcript()));
        // the fake cluster keeps tokens and keys as sha256 only (its record of what it made aside)
        found.addAll(new SecretScan(List.of(SSH_PASSWORD, HARBOR_PASSWORD)).inFolder(cluster.state(), null));
        found.addAll(new SecretScan(canaries.subList(4, canaries.size())).inFolder(cluster.state(),
                cluster.state().resolve("issued-secrets")));
        assertEquals(List.of(), found);

        // and the scan can see them: the join data did pass through the run, masked
        assertTrue(first.transcript().contains("KW_JOIN_TOKEN=******"), "masked, not absent");
        assertTrue(Files.size(bundle) > 1000);
        assertTrue(Files.exists(first.folder().journal()));
    }

    @Test
    @Order(7)
    void aSecondRunChangesNothing() throws Exception {
        requireInstalled();
        Map<String, String> before = new LinkedHashMap<>();
        Map<String, Integer> callsBefore = new LinkedHashMap<>();
        for (StubbedUbuntuHost n : cluster.nodes()) {
            before.put(n.planHostname(), n.changesIn("/etc"));
            callsBefore.put(n.planHostname(), n.calls().size());
        }
        first.close();
        RunResult second;
        InstallRun again = InstallRun.of(plan, new InstallRun.Secrets(SSH_PASSWORD, SSH_PASSWORD, HARBOR_PASSWORD),
                work.resolve("known_hosts"), false);
        try (again) {
            second = again.run();
            assertEquals(RunResult.Outcome.SUCCEEDED, second.outcome(), () -> InstallRun.explain(second));
            // Every step whose check can pass was skipped by it; the others only read. The join data is not made
            // again: every joining machine's own check says it has joined.
            Set<StepKey> ran = again.states().entrySet().stream().filter(e -> e.getValue() != StepState.SKIPPED)
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            Set<StepKey> alwaysRun = again.recipe().steps().stream()
                    .filter(s -> s.check().contains("# This step always runs.")).map(StepKey::of)
                    .filter(k -> !k.stepId().startsWith("join-data-")).collect(Collectors.toSet());
            assertEquals(alwaysRun, ran);
            assertEquals(Set.of("preflight", "verify-cluster"),
                    ran.stream().map(StepKey::stepId).collect(Collectors.toSet()));
            assertEquals(Set.of(StepState.DONE),
                    ran.stream().map(k -> again.states().get(k)).collect(Collectors.toSet()));
            assertEquals(0, again.trustedKeys().size(), "the hosts are known now");
        }
        List<String> changed = new ArrayList<>();
        for (StubbedUbuntuHost n : cluster.nodes()) {
            List<StubCall> calls = n.calls();
            calls.subList(callsBefore.get(n.planHostname()), calls.size()).stream()
                    .filter(StubCallKind::changesSomething).forEach(c -> changed.add(c.host() + " " + c.program() + " "
                            + c.text().replaceAll(" --.*", "")));
            assertEquals(before.get(n.planHostname()), n.changesIn("/etc"), n.planHostname() + ": /etc changed");
        }
        // nothing changes anywhere: no kubeadm token, no certificate upload, no package, no restart
        assertEquals(List.of(), changed);
    }

    /** The other tests look at what the install did: without it they have nothing to look at. */
    private static void requireInstalled() {
        Assumptions.assumeTrue(firstResult != null && firstResult.succeeded(),
                "the install failed: see theCoursePlanInstallsOverRealSshAsRootAndAsASudoUser");
    }

    private static List<String> hostsBlock(String hosts) {
        List<String> block = new ArrayList<>();
        boolean in = false;
        for (String line : hosts.split("\n")) {
            if (line.startsWith("# BEGIN kubewizard")) {
                in = true;
            } else if (line.startsWith("# END kubewizard")) {
                in = false;
            } else if (in) {
                block.add(line.trim().replaceAll("\\s+", " "));
            }
        }
        return block;
    }

    private static long start(List<StubCall> calls, String host, String firstArg) {
        return calls.stream().filter(c -> c.host().equals(host) && c.isStart() && c.startsWith(firstArg))
                .findFirst().orElseThrow(() -> new AssertionError("no kubeadm " + firstArg + " on " + host)).micros();
    }

    private static long end(List<StubCall> calls, String host, String firstArg) {
        StubCall s = calls.stream().filter(c -> c.host().equals(host) && c.isStart() && c.startsWith(firstArg))
                .findFirst().orElseThrow(() -> new AssertionError("no kubeadm " + firstArg + " on " + host));
        StubCall e = calls.stream().filter(c -> c.host().equals(host) && c.isEnd() && c.pid() == s.pid()
                && c.micros() >= s.micros()).findFirst().orElseThrow(() -> new AssertionError("no end of " + s));
        assertEquals("rc=0", e.text(), e::toString);
        return e.micros();
    }

    private static String sha256(String text) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash);
    }
}
