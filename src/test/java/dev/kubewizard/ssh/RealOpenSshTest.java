package dev.kubewizard.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.recipe.Phase;
import dev.kubewizard.recipe.RuntimeValue;
import dev.kubewizard.recipe.Step;
import dev.kubewizard.recipe.StepBuilder;
import dev.kubewizard.recipe.StepFile;
import dev.kubewizard.ssh.testnode.OpenSshTestHost;
import dev.kubewizard.ssh.testnode.OpenSshTestHost.SudoRights;
import dev.kubewizard.ssh.testnode.OpenSshTestNetwork;
import dev.kubewizard.testing.Tools;
import dev.kubewizard.text.Text;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH engine against the machine's real OpenSSH server (9.x, default algorithms) and real sudo, on a test host in
 * a network namespace of its own (root only; CI runs as root).
 */
class RealOpenSshTest {
    private static final String KWTEST_PASSWORD = "Kwtest-pw-2026";
    private static final String NOPW_PASSWORD = "Nopw-pw-2026";

    @TempDir
    static Path keysDir;
    private static OpenSshTestNetwork network;
    private static OpenSshTestHost host;
    private static TestKeys keys;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startHost() {
        network = OpenSshTestNetwork.create();
        keys = TestKeys.generate(keysDir);
        host = network.host("k8s-node1")
                .authorizedKey("root", TestKeys.publicKey(keys.ed25519))
                .authorizedKey("root", TestKeys.publicKey(keys.rsaPem))
                .user("kwtest", KWTEST_PASSWORD, SudoRights.PASSWORD)
                .user("kwnopw", NOPW_PASSWORD, SudoRights.NOPASSWD)
                .user("kwnosudo", "Nosudo-pw-2026", SudoRights.NONE)
                .start();
    }

    @AfterAll
    static void stopHost() {
        if (network != null) {
            network.close();
        }
    }

    private JschRemoteShell root(HostKeyPrompt prompt, Path knownHosts) {
        return new JschRemoteShell(new SshTarget(host.address(), 22, "root",
                SshCredentials.keyFile(keys.ed25519, TestKeys.PASSPHRASE)),
                new SshSettings(knownHosts, prompt, Duration.ofSeconds(5), Duration.ofSeconds(5), 3),
                new SecretMasker());
    }

    private JschRemoteShell user(String name, String password, String sudoPassword) {
        return new JschRemoteShell(new SshTarget(host.address(), 22, name, SshCredentials.password(password),
                sudoPassword), TestShells.settings(tmp.resolve("known_hosts")), new SecretMasker());
    }

    @Test
    void rootLogsInWithAnEd25519KeyAfterTrustingTheFingerprintSshKeygenShows() throws Exception {
        List<HostKeyOffer> offers = new CopyOnWriteArrayList<>();
        Path knownHosts = tmp.resolve("known_hosts");
        try (JschRemoteShell shell = root(offers::add, knownHosts)) {
            shell.connect();
            assertEquals(SudoMode.ROOT, shell.sudoMode());
            TestShells.Lines lines = new TestShells.Lines();
            assertEquals(0, shell.exec(RemoteCommand.of("hostname; id -u"), lines).exitCode());
            assertEquals(List.of("k8s-node1", "0"), lines.texts(OutputLine.Source.STDOUT));
        }
        assertEquals(1, offers.size());
        HostKeyOffer offer = offers.get(0);
        assertEquals("ssh-ed25519", offer.keyType(), "OpenSSH's preferred host key type");
        Tools.Result keygen = Tools.run(10, "ssh-keygen", "-l", "-E", "sha256", "-f",
                host.hostPublicKey("ed25519").toString());
        assertEquals(keygen.output().split(" ")[1], offer.fingerprint(), keygen.output());
        assertTrue(Files.readString(knownHosts, StandardCharsets.UTF_8).startsWith(host.address() + " ssh-ed25519 "));
        // OpenSSH's own client accepts the file we wrote
        Tools.Result sshKeygenFind = Tools.run(10, "ssh-keygen", "-F", host.address(), "-f", knownHosts.toString());
        assertEquals(0, sshKeygenFind.exitCode(), sshKeygenFind.output());
    }

    @Test
    void anRsaKeyLogsInWithRsaSha2SignaturesWhichOpenSsh9Requires() throws Exception {
        try (JschRemoteShell shell = new JschRemoteShell(new SshTarget(host.address(), 22, "root",
                SshCredentials.keyFile(keys.rsaPem, null)), TestShells.settings(tmp.resolve("kh")),
                new SecretMasker())) {
            shell.connect();
            assertEquals(0, shell.exec(RemoteCommand.of("true"), LineListener.IGNORE).exitCode());
        }
        assertTrue(host.log().contains("Accepted publickey for root"), host.log());
    }

    @Test
    void aSudoUserRunsRootCommandsWithThePasswordOnlyOnStdin() throws Exception {
        try (JschRemoteShell shell = user("kwtest", KWTEST_PASSWORD, null)) {
            shell.connect();
            assertEquals(SudoMode.PASSWORD, shell.sudoMode());
            TestShells.Lines lines = new TestShells.Lines();
            ExecResult r = shell.exec(RemoteCommand.of("id -un; cat").asRoot().withStdin("payload\n"), lines);
            assertEquals(0, r.exitCode(), lines.all());
            assertEquals(List.of("root", "payload"), lines.texts(OutputLine.Source.STDOUT));
            assertFalse(lines.all().contains(KWTEST_PASSWORD));
            assertEquals(List.of("kwtest"), execLines(shell, RemoteCommand.of("id -un")));
        }
    }

    @Test
    void aWrongSudoPasswordFailsFastWithAClearMessage() {
        Instant start = Instant.now();
        try (JschRemoteShell shell = user("kwtest", KWTEST_PASSWORD, "not-the-sudo-password")) {
            SshException e = assertThrows(SshException.class, shell::connect);
            assertEquals(SshException.Reason.SUDO, e.reason());
            assertEquals("The sudo password of user kwtest on " + host.address() + " is wrong. Nothing was changed.",
                    e.problem().en());
        }
        assertTrue(Duration.between(start, Instant.now()).toMillis() < 6000, "sudo gave up at once (EOF on stdin)");
    }

    @Test
    void passwordlessSudoIsDetected() throws Exception {
        try (JschRemoteShell shell = user("kwnopw", NOPW_PASSWORD, null)) {
            shell.connect();
            assertEquals(SudoMode.PASSWORDLESS, shell.sudoMode());
            assertEquals(List.of("0"), execLines(shell, RemoteCommand.of("id -u").asRoot()));
        }
    }

    @Test
    void aUserWithoutSudoRightsIsRefusedClearly() {
        try (JschRemoteShell shell = user("kwnosudo", "Nosudo-pw-2026", null)) {
            SshException e = assertThrows(SshException.class, shell::connect);
            assertEquals(SshException.Reason.SUDO, e.reason());
            assertTrue(e.problem().zh().contains("没有 sudo 权限"), e.problem().zh());
        }
    }

    @Test
    void cancelKillsTheRootProcessTreeOfASudoUserInsideTheHost() throws Exception {
        String marker = "86396." + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        try (JschRemoteShell shell = user("kwtest", KWTEST_PASSWORD, null)) {
            shell.connect();
            TestShells.Lines lines = new TestShells.Lines();
            RunningCommand running = shell.start(RemoteCommand.of("sleep " + marker + " & bash -c 'sleep " + marker
                    + "; echo never' & echo started; wait").asRoot(), lines);
            JschRemoteShellTest.waitFor(() -> lines.texts(OutputLine.Source.STDOUT).contains("started"), 5000);
            JschRemoteShellTest.waitFor(() -> sleepers(marker) == 2, 5000);
            running.cancel();
            assertEquals(ExecResult.Ending.CANCELLED, running.await(Duration.ofSeconds(10)).orElseThrow().ending());
            JschRemoteShellTest.waitFor(() -> sleepers(marker) == 0, 5000);
            assertTrue(shell.isConnected());
        }
    }

    @Test
    void filesOnlyRootMayWriteAreInstalledThroughSudoInsideTheHostOnly() throws Exception {
        String path = "/etc/kubewizard/ssh-test-" + ThreadLocalRandom.current().nextInt(1_000_000) + ".conf";
        byte[] content = "# 测试\nkey: value\n".getBytes(StandardCharsets.UTF_8);
        try (JschRemoteShell shell = user("kwtest", KWTEST_PASSWORD, null)) {
            shell.connect();
            shell.installAsRoot(content, path, "0640");
            assertEquals("640 root", host.run(10, "stat", "-c", "%a %U", path).output().strip());
            assertArrayEquals(content, shell.readAsRoot(path));
        }
        assertFalse(Files.exists(Path.of(path)), "the machine's own /etc is untouched");
    }

    @Test
    void aRealStepRunsThroughSudoAndASecondRunIsSkipped() throws Exception {
        String path = "/etc/kubewizard/demo-" + ThreadLocalRandom.current().nextInt(1_000_000) + ".conf";
        Step step = new StepBuilder("demo", Phase.PREP, "k8s-node1").title(Text.of("演示", "Demo"))
                .why(Text.of("测试", "Test"))
                .input(RuntimeValue.secret("KW_HARBOR_PASSWORD"))
                .run("[ -n \"$KW_HARBOR_PASSWORD\" ]", "NODE=\"$(hostname)\"", "echo \"node $NODE\"")
                .check("NODE=\"$(hostname)\"")
                .writeChecked(StepFile.of(path, "0600", "node={{NODE}}\n"), "NODE=\"$NODE\"")
                .build();
        StepRunner runner = new StepRunner();
        try (JschRemoteShell shell = user("kwtest", KWTEST_PASSWORD, null)) {
            shell.connect();
            TestShells.Lines lines = new TestShells.Lines();
            StepResult first = runner.run(shell, step, Map.of("KW_HARBOR_PASSWORD", "Harbor12345"), lines,
                    new CancelSignal());
            assertEquals(StepResult.Outcome.DONE, first.outcome(), lines.all());
            assertTrue(lines.texts(OutputLine.Source.STDOUT).contains("written: " + path), lines.all());
            assertEquals("node=k8s-node1\n", host.run(10, "cat", path).output());
            assertEquals("600", host.run(10, "stat", "-c", "%a", path).output().strip());
            StepResult second = runner.run(shell, step, Map.of("KW_HARBOR_PASSWORD", "Harbor12345"), lines,
                    new CancelSignal());
            assertEquals(StepResult.Outcome.SKIPPED, second.outcome(), lines.all());
            assertFalse(lines.all().contains("Harbor12345"));
        }
        assertEquals("", host.run(10, "bash", "-c", "ls -d /tmp/kubewizard-* 2>/dev/null || true").output(),
                "no private directory is left behind");
    }

    @Test
    void aSilentlyDeadNetworkIsNoticedByTheKeepaliveAndReconnectWorksAgain() throws Exception {
        try (JschRemoteShell shell = new JschRemoteShell(new SshTarget(host.address(), 22, "kwnopw",
                SshCredentials.password(NOPW_PASSWORD)), TestShells.settings(tmp.resolve("kh"))
                .withKeepalive(Duration.ofMillis(500), 2), new SecretMasker())) {
            shell.connect();
            TestShells.Lines lines = new TestShells.Lines();
            RunningCommand running = shell.start(RemoteCommand.of("echo started; sleep 30"), lines);
            JschRemoteShellTest.waitFor(() -> lines.texts(OutputLine.Source.STDOUT).contains("started"), 5000);
            host.setLink(false);
            Instant cut = Instant.now();
            try {
                ExecResult r = running.await(Duration.ofSeconds(10)).orElseThrow();
                assertEquals(ExecResult.Ending.CONNECTION_LOST, r.ending());
                assertTrue(Duration.between(cut, Instant.now()).toMillis() < 5000,
                        "noticed after about two missed keepalives: " + Duration.between(cut, Instant.now()));
            } finally {
                host.setLink(true);
            }
            shell.reconnect();
            assertEquals(List.of("kwnopw"), execLines(shell, RemoteCommand.of("id -un")));
        }
    }

    private static List<String> execLines(RemoteShell shell, RemoteCommand command) throws Exception {
        TestShells.Lines lines = new TestShells.Lines();
        ExecResult r = shell.exec(command, lines);
        assertEquals(0, r.exitCode(), lines.all());
        return lines.texts(OutputLine.Source.STDOUT);
    }

    private static long sleepers(String marker) {
        return host.commandLines().stream().filter(c -> c.equals("sleep " + marker)).count();
    }
}
