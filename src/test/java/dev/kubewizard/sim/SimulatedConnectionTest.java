package dev.kubewizard.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.ssh.ExecResult;
import dev.kubewizard.ssh.JschRemoteShell;
import dev.kubewizard.ssh.LineListener;
import dev.kubewizard.ssh.RemoteCommand;
import dev.kubewizard.ssh.SshCredentials;
import dev.kubewizard.ssh.SshException;
import dev.kubewizard.ssh.SshTarget;
import dev.kubewizard.ssh.SudoMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logging in to simulated nodes with the real JSch shell: host keys, passwords, keys, sudo. */
class SimulatedConnectionTest {
    @TempDir
    Path tmp;

    @Test
    void theFirstConnectionAsksAboutTheNodesOwnHostKeyAndARootLoginNeedsNoSudo() throws Exception {
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), SimOptions.instant(), tmp)) {
            SimulatedNode node = h.sim.node("k8s-master1");
            JschRemoteShell shell = h.shell("k8s-master1");
            assertEquals(SudoMode.ROOT, shell.sudoMode());
            assertEquals(1, h.offers.size());
            assertEquals("ecdsa-sha2-nistp256", h.offers.get(0).keyType());
            assertEquals(node.hostKeyFingerprint(), h.offers.get(0).fingerprint());
            assertEquals(node.port(), h.offers.get(0).port());

            JschRemoteShell again = h.newShell(h.sim.target("k8s-master1"));
            again.connect();
            again.close();
            assertEquals(1, h.offers.size(), "a known key is not asked about again");
            assertFalse(h.sim.node("k8s-master2").hostKeyFingerprint().equals(node.hostKeyFingerprint()),
                    "every node has a host key of its own");
        }
    }

    @Test
    void aSudoUserIsAskedForThePasswordOnceAtLoginAndRootCommandsThenRunThroughSudo() throws Exception {
        ClusterPlan plan = SimHarness.coursePlanAs("kwadmin");
        try (SimHarness h = new SimHarness(plan, SimOptions.instant(), tmp)) {
            JschRemoteShell shell = h.shell("k8s-node1");
            assertEquals(SudoMode.PASSWORD, shell.sudoMode());
            assertTrue(h.sim.node("k8s-node1").commandLines().contains(ReceivedCommand.SUDO_PASSWORD_CHECK));
            byte[] hostname = shell.readAsRoot("/etc/hostname");
            assertEquals("k8s-node1\n", new String(hostname, StandardCharsets.UTF_8));
            String last = h.sim.node("k8s-node1").commandLines().get(h.sim.node("k8s-node1").commandLines().size() - 1);
            assertTrue(last.startsWith("exec sudo -k -S -p '' -- setsid -w bash -c "), last);
            assertFalse(last.contains(SimOptions.DEFAULT_PASSWORD), "the password never travels on a command line");
        }
    }

    @Test
    void aPasswordlessSudoUserIsDetected() throws Exception {
        ClusterPlan plan = SimHarness.coursePlanAs("ubuntu");
        SimOptions o = SimOptions.instant().sudo(SimOptions.SudoPolicy.PASSWORDLESS, null);
        try (SimHarness h = new SimHarness(plan, o, tmp)) {
            assertEquals(SudoMode.PASSWORDLESS, h.shell("k8s-node2").sudoMode());
            ExecResult r = h.shell("k8s-node2").exec(RemoteCommand.of("cat -- /etc/os-release").asRoot()
                    .capturingStdout(), LineListener.IGNORE);
            assertTrue(new String(r.stdout(), StandardCharsets.UTF_8).contains("VERSION_ID=\"24.04\""));
        }
    }

    @Test
    void aWrongSudoPasswordIsRefusedAtLoginBeforeAnythingRuns() throws Exception {
        ClusterPlan plan = SimHarness.coursePlanAs("kwadmin");
        SimOptions o = SimOptions.instant().fault(Fault.wrongSudoPassword("k8s-node1"));
        try (SimHarness h = new SimHarness(plan, o, tmp)) {
            SshException e = assertThrows(SshException.class, () -> h.shell("k8s-node1"));
            assertEquals(SshException.Reason.SUDO, e.reason());
            assertTrue(e.problem().en().contains("sudo password of user kwadmin"), e.problem().en());
            assertEquals(2, h.sim.node("k8s-node1").commandLines().size(), "only the probe and the password check");
            assertEquals(SudoMode.PASSWORD, h.shell("k8s-node2").sudoMode(), "the other nodes are fine");
        }
    }

    @Test
    void aUserWithoutSudoRightsIsToldSo() throws Exception {
        ClusterPlan plan = SimHarness.coursePlanAs("student");
        SimOptions o = SimOptions.instant().sudo(SimOptions.SudoPolicy.NOT_ALLOWED, null);
        try (SimHarness h = new SimHarness(plan, o, tmp)) {
            SshException e = assertThrows(SshException.class, () -> h.shell("k8s-node1"));
            assertEquals(SshException.Reason.SUDO, e.reason());
            assertTrue(e.problem().en().contains("no sudo rights"), e.problem().en());
        }
    }

    @Test
    void aWrongLoginPasswordIsRefused() throws Exception {
        SimOptions o = SimOptions.instant().fault(Fault.parse("k8s-master3:*:wrong-password"));
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), o, tmp)) {
            SshException e = assertThrows(SshException.class, () -> h.shell("k8s-master3"));
            assertEquals(SshException.Reason.AUTHENTICATION, e.reason());
            assertTrue(h.sim.node("k8s-master3").commandLines().isEmpty());
        }
    }

    @Test
    void aKeyLoginIsAcceptedForTheAuthorizedKeyOnly() throws Exception {
        Path good = keyFile("good");
        Path bad = keyFile("bad");
        String yaml = PlanYaml.toYaml(SimHarness.coursePlan()).replaceFirst("auth: \"?password\"?", "auth: key")
                .replaceFirst("privateKeyFile: \"\"", "privateKeyFile: \"" + good + "\"");
        ClusterPlan plan = PlanYaml.parse(yaml, "course-with-key");
        SimOptions o = SimOptions.instant().authorizedKey(publicKey(Path.of(good + ".pub")));
        try (SimHarness h = new SimHarness(plan, o, tmp)) {
            SshTarget target = h.sim.target("k8s-node1");
            assertTrue(target.credentials() instanceof SshCredentials.KeyFile);
            JschRemoteShell shell = h.newShell(target);
            shell.connect();
            assertEquals(SudoMode.ROOT, shell.sudoMode());
            shell.close();

            SshTarget wrongKey = new SshTarget(target.host(), target.port(), target.user(),
                    SshCredentials.keyFile(bad, null));
            SshException e = assertThrows(SshException.class, () -> h.newShell(wrongKey).connect());
            assertEquals(SshException.Reason.AUTHENTICATION, e.reason());
        }
    }

    @Test
    void aNodeThatComesBackWithANewHostKeyIsRefusedAsChanged() throws Exception {
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), SimOptions.instant(), tmp)) {
            SimulatedNode node = h.sim.node("k8s-node2");
            JschRemoteShell shell = h.shell("k8s-node2");
            String before = node.hostKeyFingerprint();
            int port = node.port();
            node.restart(true);
            assertEquals(port, node.port(), "same port after the restart");
            assertFalse(before.equals(node.hostKeyFingerprint()));
            SshException e = assertThrows(SshException.class, shell::reconnect);
            assertEquals(SshException.Reason.HOST_KEY_CHANGED, e.reason());
            assertTrue(e.problem().en().contains(node.hostKeyFingerprint()), e.problem().en());
        }
    }

    @Test
    void aDemoStartedAgainOnTheSamePortsWithTheSameSeedIsTrustedWithoutAsking() throws Exception {
        int first = freePorts(6);
        SimOptions o = SimOptions.instant().firstPort(first).seed(42);
        String fingerprint;
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), o, tmp)) {
            assertEquals(first + 5, h.sim.node("k8s-lb").port(), "the nodes take consecutive ports");
            h.shell("k8s-master1");
            fingerprint = h.sim.node("k8s-master1").hostKeyFingerprint();
            assertEquals(1, h.offers.size());
        }
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), o, tmp)) {
            assertEquals(fingerprint, h.sim.node("k8s-master1").hostKeyFingerprint());
            assertEquals(SudoMode.ROOT, h.shell("k8s-master1").sudoMode());
            assertTrue(h.offers.isEmpty(), "the key from the last demo is still known");
        }
        try (SimulatedCluster other = SimulatedCluster.start(SimHarness.coursePlan(), SimOptions.instant().seed(43))) {
            assertFalse(fingerprint.equals(other.node("k8s-master1").hostKeyFingerprint()), "another seed, other keys");
        }
    }

    /** The first of {@code n} consecutive free ports on 127.0.0.1. */
    private static int freePorts(int n) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                first = s.getLocalPort();
            }
            if (first + n > 65535) {
                continue;
            }
            boolean free = true;
            for (int p = first; p < first + n && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("no " + n + " consecutive free ports");
    }

    @Test
    void aCommandThatKubewizardNeverSendsFailsWith127AndSaysItIsNotSimulated() throws Exception {
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), SimOptions.instant(), tmp)) {
            ExecResult r = h.shell("k8s-node1").exec(RemoteCommand.of("uname -a"), LineListener.IGNORE);
            assertEquals(127, r.exitCode());
            assertEquals("not simulated: uname -a", r.lastLines().get(r.lastLines().size() - 1));
        }
    }

    @Test
    void filesUploadedBySftpLiveOnlyInTheNodeAndKeepTheirMode() throws Exception {
        Path local = tmp.resolve("etc-kubewizard-upload-canary");
        try (SimHarness h = new SimHarness(SimHarness.coursePlan(), SimOptions.instant(), tmp)) {
            JschRemoteShell shell = h.shell("k8s-master2");
            shell.upload("secret\n".getBytes(StandardCharsets.UTF_8), local.toString(), "0600");
            shell.installAsRoot("x\n".getBytes(StandardCharsets.UTF_8), "/etc/kubewizard/test.conf", "0640");
            assertEquals("secret\n", h.sim.node("k8s-master2").readFile(local.toString()).orElseThrow());
            assertEquals("secret\n", new String(shell.download(local.toString()), StandardCharsets.UTF_8));
            assertEquals(0600, h.sim.node("k8s-master2").files.stat(local.toString()).orElseThrow().mode());
            assertTrue(h.sim.node("k8s-master2").exists("/etc/kubewizard/test.conf"));
        }
        assertFalse(Files.exists(local), "nothing was written on this machine");
    }

    private Path keyFile(String name) throws Exception {
        JSch jsch = new JSch();
        KeyPair pair = KeyPair.genKeyPair(jsch, KeyPair.ECDSA, 256);
        Path file = tmp.resolve(name);
        ByteArrayOutputStream priv = new ByteArrayOutputStream();
        pair.writePrivateKey(priv);
        Files.write(file, priv.toByteArray());
        ByteArrayOutputStream pub = new ByteArrayOutputStream();
        pair.writePublicKey(pub, name + "@kubewizard-test");
        Files.write(Path.of(file + ".pub"), pub.toByteArray());
        pair.dispose();
        return file;
    }

    private static PublicKey publicKey(Path pub) throws Exception {
        return PublicKeyEntry.parsePublicKeyEntry(Files.readString(pub, StandardCharsets.UTF_8).strip())
                .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
    }
}
