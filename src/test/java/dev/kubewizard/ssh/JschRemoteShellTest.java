package dev.kubewizard.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.ssh.testnode.MinaTestServer;
import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH engine against an in-process server whose commands run for real in the local bash. */
class JschRemoteShellTest {
    @TempDir
    Path tmp;
    private MinaTestServer server;
    private JschRemoteShell shell;

    @BeforeEach
    void startServer() throws Exception {
        server = MinaTestServer.builder(tmp).password("kwtest", TestShells.PASSWORD).start();
        shell = TestShells.passwordShell(server, tmp);
    }

    @AfterEach
    void stopServer() {
        shell.close();
        server.close();
    }

    @Test
    void logsInWithAPasswordAndSeparatesStdoutFromStderr() throws Exception {
        shell.connect();
        assertEquals(SudoMode.ROOT, shell.sudoMode());
        TestShells.Lines lines = new TestShells.Lines();
        ExecResult r = shell.exec(RemoteCommand.of("echo one; echo oops >&2; echo two; exit 3"), lines);
        assertEquals(ExecResult.Ending.EXITED, r.ending());
        assertEquals(3, r.exitCode());
        assertEquals(List.of("one", "two"), lines.texts(OutputLine.Source.STDOUT));
        assertEquals(List.of("oops"), lines.texts(OutputLine.Source.STDERR));
        assertTrue(r.processGroup() > 1, "the command ran in a process group of its own");
        assertFalse(lines.all().contains("kubewizard-pgid"), "the process-group marker is never shown");
    }

    // ed25519 keys log in against real OpenSSH (RealOpenSshTest): MINA needs an extra EdDSA library for them
    @Test
    void logsInWithAnOpenSshFormatKeyProtectedByAPassphrase() throws Exception {
        TestKeys keys = TestKeys.generate(tmp);
        try (MinaTestServer keyServer = MinaTestServer.builder(tmp)
                .authorizedKey("teacher", TestKeys.publicKey(keys.ecdsa)).start();
             JschRemoteShell keyShell = new JschRemoteShell(new SshTarget(keyServer.host(), keyServer.port(),
                     "teacher", SshCredentials.keyFile(keys.ecdsa, TestKeys.PASSPHRASE)),
                     TestShells.settings(tmp.resolve("kh")), new SecretMasker())) {
            keyShell.connect();
            assertEquals(0, keyShell.exec(RemoteCommand.of("true"), LineListener.IGNORE).exitCode());
        }
    }

    @Test
    void logsInWithAnRsaKeyInPemFormat() throws Exception {
        TestKeys keys = TestKeys.generate(tmp);
        try (MinaTestServer keyServer = MinaTestServer.builder(tmp)
                .authorizedKey("teacher", TestKeys.publicKey(keys.rsaPem)).start();
             JschRemoteShell keyShell = new JschRemoteShell(new SshTarget(keyServer.host(), keyServer.port(),
                     "teacher", SshCredentials.keyFile(keys.rsaPem, null)), TestShells.settings(tmp.resolve("kh")),
                     new SecretMasker())) {
            keyShell.connect();
            assertEquals(0, keyShell.exec(RemoteCommand.of("true"), LineListener.IGNORE).exitCode());
        }
    }

    @Test
    void aKeyNotAuthorizedOnTheNodeIsRefusedAsAuthenticationProblem() throws Exception {
        TestKeys keys = TestKeys.generate(tmp);
        try (JschRemoteShell keyShell = new JschRemoteShell(new SshTarget(server.host(), server.port(), "kwtest",
                SshCredentials.keyFile(keys.rsaPem, null)), TestShells.settings(tmp.resolve("kh")),
                new SecretMasker())) {
            SshException e = assertThrows(SshException.class, keyShell::connect);
            assertEquals(SshException.Reason.AUTHENTICATION, e.reason());
            assertTrue(e.problem().zh().contains("authorized_keys"), e.problem().zh());
        }
    }

    @Test
    void aWrongKeyPassphraseFailsBeforeAnyConnection() throws Exception {
        TestKeys keys = TestKeys.generate(tmp);
        int before = server.commandsStarted();
        for (String passphrase : new String[] {null, "wrong"}) {
            try (JschRemoteShell keyShell = new JschRemoteShell(new SshTarget(server.host(), server.port(), "kwtest",
                    SshCredentials.keyFile(keys.ed25519, passphrase)), TestShells.settings(tmp.resolve("kh")),
                    new SecretMasker())) {
                SshException e = assertThrows(SshException.class, keyShell::connect);
                assertEquals(SshException.Reason.AUTHENTICATION, e.reason());
                assertTrue(e.problem().en().contains(keys.ed25519.toString()), e.problem().en());
                assertTrue(e.problem().en().contains("passphrase"), e.problem().en());
            }
        }
        assertEquals(before, server.commandsStarted());
    }

    @Test
    void aWrongPasswordIsAnAuthenticationProblemThatNeverShowsThePassword() {
        try (JschRemoteShell wrong = new JschRemoteShell(new SshTarget(server.host(), server.port(), "kwtest",
                SshCredentials.password("not-it-123")), TestShells.settings(tmp.resolve("kh")), new SecretMasker())) {
            SshException e = assertThrows(SshException.class, wrong::connect);
            assertEquals(SshException.Reason.AUTHENTICATION, e.reason());
            assertTrue(e.problem().zh().contains("密码"), e.problem().zh());
            assertFalse(e.problem().en().contains("not-it-123"));
        }
    }

    @Test
    void linesArriveWhileTheCommandIsStillRunning() throws Exception {
        shell.connect();
        List<Instant> arrivals = new ArrayList<>();
        Instant start = Instant.now();
        ExecResult r = shell.exec(RemoteCommand.of("for i in 1 2 3 4 5 6; do echo tick $i; sleep 0.2; done"),
                line -> arrivals.add(line.time()));
        Instant end = Instant.now();
        assertEquals(0, r.exitCode());
        assertEquals(6, arrivals.size());
        assertTrue(Duration.between(start, end).toMillis() >= 1100, "the command took its time");
        assertTrue(Duration.between(arrivals.get(0), end).toMillis() >= 800,
                "the first line arrived long before the end: " + Duration.between(arrivals.get(0), end));
        assertTrue(Duration.between(arrivals.get(2), arrivals.get(3)).toMillis() >= 100,
                "lines are stamped when they arrive, not all at the end");
    }

    @Test
    void chineseTextArrivesIntactEvenWhenACharacterIsSplitAcrossWrites() throws Exception {
        shell.connect();
        TestShells.Lines lines = new TestShells.Lines();
        // 集 is e9 9b 86 in UTF-8: its bytes are written in two parts with a pause between them
        ExecResult r = shell.exec(RemoteCommand.of(
                "echo '安装 Kubernetes 集群'; printf 'a\\xe9\\x9b'; sleep 0.3; printf '\\x86b\\n'; printf '没有换行'"),
                lines);
        assertEquals(0, r.exitCode());
        assertEquals(List.of("安装 Kubernetes 集群", "a集b", "没有换行"), lines.texts(OutputLine.Source.STDOUT));
    }

    @Test
    void progressBarRedrawsBecomeLinesAndCrlfIsOneLineEnd() throws Exception {
        shell.connect();
        TestShells.Lines lines = new TestShells.Lines();
        shell.exec(RemoteCommand.of("printf '10%%\\r50%%\\r100%%\\nwindows\\r\\nend\\n'"), lines);
        assertEquals(List.of("10%", "50%", "100%", "windows", "end"), lines.texts(OutputLine.Source.STDOUT));
    }

    @Test
    void exitCodesAreReportedAsTheCommandEnds() throws Exception {
        shell.connect();
        assertEquals(0, shell.exec(RemoteCommand.of("true"), LineListener.IGNORE).exitCode());
        assertEquals(42, shell.exec(RemoteCommand.of("exit 42"), LineListener.IGNORE).exitCode());
        assertEquals(127, shell.exec(RemoteCommand.of("no-such-command-kw"), LineListener.IGNORE).exitCode());
    }

    @Test
    void stdinSecretsReachTheCommandAndNeverAnEvent() throws Exception {
        shell.connect();
        String secret = "harbor-Σ3cret-" + ThreadLocalRandom.current().nextInt(1_000_000);
        shell.masker().add(secret);
        TestShells.Lines lines = new TestShells.Lines();
        Files.writeString(tmp.resolve("expected"), secret, StandardCharsets.UTF_8);
        ExecResult r = shell.exec(RemoteCommand.of(
                "IFS= read -r pw; [ \"$pw\" = \"$(cat " + tmp.resolve("expected") + ")\" ] && echo match; "
                        + "echo \"careless: $pw\"; echo \"$pw\" >&2; cat >/dev/null; echo eof-reached")
                .withStdin(secret + "\nrest\n"), lines);
        assertEquals(0, r.exitCode(), lines.all());
        assertTrue(lines.texts(OutputLine.Source.STDOUT).contains("match"), lines.all());
        assertTrue(lines.texts(OutputLine.Source.STDOUT).contains("careless: ******"), lines.all());
        assertTrue(lines.texts(OutputLine.Source.STDOUT).contains("eof-reached"), "stdin was closed after the bytes");
        assertFalse(lines.all().contains(secret), lines.all());
        assertFalse(String.join("\n", r.lastLines()).contains(secret));
    }

    @Test
    void uploadCreatesParentsAndSetsTheModeBeforeTheContent() throws Exception {
        shell.connect();
        Path target = tmp.resolve("etc/kubewizard/new/secret.conf");
        shell.upload("token: 中文\n".getBytes(StandardCharsets.UTF_8), target.toString(), "0600");
        assertEquals("token: 中文\n", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        shell.upload("v2\n".getBytes(StandardCharsets.UTF_8), target.toString(), "0644");
        assertEquals("v2\n", Files.readString(target, StandardCharsets.UTF_8), "an existing file is replaced");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void downloadReturnsTheExactBytesAndAMissingFileIsARemoteProblem() throws Exception {
        shell.connect();
        byte[] content = new byte[70_000];
        ThreadLocalRandom.current().nextBytes(content);
        Path file = tmp.resolve("admin.conf");
        Files.write(file, content);
        assertArrayEquals(content, shell.download(file.toString()));
        SshException e = assertThrows(SshException.class, () -> shell.download(tmp.resolve("missing").toString()));
        assertEquals(SshException.Reason.REMOTE, e.reason());
    }

    @Test
    void cancelStopsTheWholeRemoteProcessTree() throws Exception {
        shell.connect();
        String marker = "86399." + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        TestShells.Lines lines = new TestShells.Lines();
        RunningCommand running = shell.start(RemoteCommand.of(
                "sleep " + marker + " & bash -c 'sleep " + marker + "; echo never' & echo started; wait"), lines);
        waitFor(() -> lines.texts(OutputLine.Source.STDOUT).contains("started"), 5000);
        waitFor(() -> processesWith(marker) == 2, 5000);
        Instant before = Instant.now();
        running.cancel();
        ExecResult r = running.await();
        assertEquals(ExecResult.Ending.CANCELLED, r.ending());
        assertTrue(Duration.between(before, Instant.now()).toMillis() < 5000);
        waitFor(() -> processesWith(marker) == 0, 5000);
        assertFalse(lines.all().contains("never"));
    }

    @Test
    void aDroppedConnectionIsReportedAsLostAndReconnectStopsTheLeftovers() throws Exception {
        shell.connect();
        String marker = "86398." + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        TestShells.Lines lines = new TestShells.Lines();
        RunningCommand running = shell.start(RemoteCommand.of("echo started; sleep " + marker), lines);
        waitFor(() -> lines.texts(OutputLine.Source.STDOUT).contains("started"), 5000);
        server.dropConnections();
        ExecResult r = running.await(Duration.ofSeconds(10)).orElseThrow();
        assertEquals(ExecResult.Ending.CONNECTION_LOST, r.ending());
        assertEquals(-1, r.exitCode(), "a lost command has no exit code");
        assertFalse(shell.isConnected());
        assertEquals(SshException.Reason.CONNECTION_LOST, assertThrows(SshException.class,
                () -> shell.exec(RemoteCommand.of("true"), LineListener.IGNORE)).reason());
        assertEquals(1, processesWith(marker), "without a terminal the remote command goes on");

        shell.reconnect();
        shell.stopProcessGroup(r.processGroup(), false);
        waitFor(() -> processesWith(marker) == 0, 5000);
        assertEquals(0, shell.exec(RemoteCommand.of("true"), LineListener.IGNORE).exitCode());
    }

    @Test
    void connectGivesUpAfterTheTimeoutWhenTheServerNeverAnswers() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             JschRemoteShell s = new JschRemoteShell(new SshTarget("127.0.0.1", silent.getLocalPort(), "kwtest",
                     SshCredentials.password("x")), TestShells.settings(tmp.resolve("kh"))
                     .withConnectTimeout(Duration.ofMillis(800)), new SecretMasker())) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(5000);
                } catch (IOException | InterruptedException e) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Instant start = Instant.now();
            SshException e = assertThrows(SshException.class, s::connect);
            assertEquals(SshException.Reason.TIMEOUT, e.reason(), e.getMessage());
            assertTrue(Duration.between(start, Instant.now()).toMillis() < 4000);
        }
    }

    @Test
    void aClosedPortIsReportedAsUnreachableWithAHint() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (JschRemoteShell s = new JschRemoteShell(new SshTarget("127.0.0.1", port, "kwtest",
                SshCredentials.password("x")), TestShells.settings(tmp.resolve("kh")), new SecretMasker())) {
            SshException e = assertThrows(SshException.class, s::connect);
            assertEquals(SshException.Reason.UNREACHABLE, e.reason());
            assertTrue(e.problem().zh().contains("sshd"), e.problem().zh());
        }
    }

    static long processesWith(String marker) {
        Tools.Result r = Tools.run(10, "pgrep", "-f", "^sleep " + marker.replace(".", "\\.") + "$");
        return r.output().lines().filter(l -> l.matches("\\d+")).count();
    }

    static void waitFor(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("condition not met within " + millis + " ms");
            }
            Thread.sleep(20);
        }
    }
}
