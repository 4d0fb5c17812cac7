package dev.kubewizard.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.recipe.Bash;
import dev.kubewizard.recipe.Phase;
import dev.kubewizard.recipe.RuntimeValue;
import dev.kubewizard.recipe.Step;
import dev.kubewizard.recipe.StepBuilder;
import dev.kubewizard.ssh.testnode.MinaTestServer;
import dev.kubewizard.text.Text;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real generated steps run through the in-process server. */
class StepRunnerTest {
    private static final String HARBOR_PASSWORD = "Harbor-Σ-12345";
    private static final StepRunner RUNNER = new StepRunner(new StepRunner.Options(3, Duration.ofMillis(100), 3));

    @TempDir
    Path tmp;
    private MinaTestServer server;
    private JschRemoteShell shell;

    @BeforeEach
    void connect() throws Exception {
        server = MinaTestServer.builder(tmp).password("kwtest", TestShells.PASSWORD).start();
        shell = TestShells.passwordShell(server, tmp);
        shell.connect();
    }

    @AfterEach
    void close() {
        shell.close();
        server.close();
    }

    private static StepBuilder step(String id) {
        return new StepBuilder(id, Phase.PREP, "k8s-node1").title(Text.of("测试步骤", "Test step"))
                .why(Text.of("因为要测试", "Because it is tested"));
    }

    private String q(Path p) {
        return Bash.quote(p.toString());
    }

    @Test
    void aStepWhoseCheckPassesIsSkippedAndItsScriptNeverRuns() throws Exception {
        Path done = Files.createFile(tmp.resolve("done"));
        Path ran = tmp.resolve("ran");
        Step s = step("already").check("[ -f " + q(done) + " ]").run("touch " + q(ran)).build();
        TestShells.Lines lines = new TestShells.Lines();
        StepResult r = RUNNER.run(shell, s, Map.of(), lines, new CancelSignal());
        assertEquals(StepResult.Outcome.SKIPPED, r.outcome());
        assertTrue(r.isDone());
        assertFalse(Files.exists(ran));
        assertEquals(List.of(StepObserver.Stage.CHECK), lines.stages);
    }

    @Test
    void aCheckAloneAnswersWhetherItPassesAndNeverRunsTheScriptNorNeedsItsInputs() throws Exception {
        Path done = tmp.resolve("done");
        Path ran = tmp.resolve("ran");
        Path dirs = tmp.resolve("dirs");
        Step s = step("joined").input(RuntimeValue.secret("KW_JOIN_TOKEN"))
                .check("dirname \"$0\" >> " + q(dirs), "[ -f " + q(done) + " ]").run("touch " + q(ran)).build();
        TestShells.Lines lines = new TestShells.Lines();

        assertEquals(java.util.Optional.of(false), RUNNER.check(shell, s, lines, new CancelSignal()));
        Files.createFile(done);
        assertEquals(java.util.Optional.of(true), RUNNER.check(shell, s, lines, new CancelSignal()));

        assertFalse(Files.exists(ran), "the script never runs");
        assertEquals(List.of(StepObserver.Stage.CHECK, StepObserver.Stage.CHECK), lines.stages);
        for (String dir : Files.readAllLines(dirs, StandardCharsets.UTF_8)) {
            assertTrue(dir.startsWith("/tmp/kubewizard-"), dir);
            assertFalse(Files.exists(Path.of(dir)), "its private directory is removed: " + dir);
        }
        CancelSignal cancelled = new CancelSignal();
        cancelled.cancel();
        assertEquals(java.util.Optional.empty(), RUNNER.check(shell, s, lines, cancelled));
    }

    @Test
    void aStepWithASecretInputAndASecretOutputIsDoneAndNeitherSecretIsEverShown() throws Exception {
        Path hash = tmp.resolve("hash");
        Step s = step("secrets")
                .input(RuntimeValue.secret("KW_HARBOR_PASSWORD"))
                .input(RuntimeValue.plain("KW_NODE_IP"))
                .output(RuntimeValue.secret("KW_JOIN_TOKEN"))
                .output(RuntimeValue.plain("KW_NODE_NAME"))
                .check("false")
                .run("printf '%s' \"$KW_HARBOR_PASSWORD\" | sha256sum | cut -d' ' -f1 > " + q(hash),
                        "echo \"careless script prints $KW_HARBOR_PASSWORD for $KW_NODE_IP\"",
                        "token=\"$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \\n').0123456789abcdef\"",
                        "kw_output KW_JOIN_TOKEN \"$token\"",
                        "kw_output KW_NODE_NAME k8s-node1",
                        "echo \"kubeadm join --token $token\"",
                        // a moment later on the other stream: lines keep their arrival order across streams
                        "sleep 0.2",
                        "echo \"token again: $token\" >&2")
                .build();
        TestShells.Lines lines = new TestShells.Lines();
        StepResult r = RUNNER.run(shell, s, Map.of("KW_HARBOR_PASSWORD", HARBOR_PASSWORD,
                "KW_NODE_IP", "192.168.1.201"), lines, new CancelSignal());
        assertEquals(StepResult.Outcome.DONE, r.outcome(), lines.all());
        String token = r.outputs().get("KW_JOIN_TOKEN");
        assertNotNull(token);
        assertTrue(token.matches("[0-9a-f]{6}\\.0123456789abcdef"), token);
        assertEquals("k8s-node1", r.outputs().get("KW_NODE_NAME"));
        assertEquals(sha256(HARBOR_PASSWORD), Files.readString(hash, StandardCharsets.UTF_8).strip(),
                "the password reached the script on stdin");
        String shown = lines.all() + String.join("\n", r.lastLines());
        assertFalse(shown.contains(HARBOR_PASSWORD), shown);
        assertFalse(shown.contains(token), shown);
        assertTrue(shown.contains("careless script prints ****** for 192.168.1.201"), shown);
        assertTrue(shown.contains("[output] KW_JOIN_TOKEN=******"), shown);
        assertTrue(shown.contains("[output] KW_NODE_NAME=k8s-node1"), shown);
        assertTrue(shown.contains("kubeadm join --token ******"), shown);
        assertTrue(shown.contains("STDERR: token again: ******"), shown);
        for (String commandLine : server.commandLines()) {
            assertFalse(commandLine.contains(HARBOR_PASSWORD) || commandLine.contains(token), commandLine);
        }
        assertEquals(List.of(StepObserver.Stage.CHECK, StepObserver.Stage.SCRIPT), lines.stages);
    }

    @Test
    void aFailingScriptReportsItsExitCodeAndLastLines() throws Exception {
        Step s = step("fails").run("echo preparing", "sleep 0.1", "echo 'E: Unable to locate package kubeadm' >&2",
                "exit 7").build();
        StepResult r = RUNNER.run(shell, s, Map.of(), StepObserver.of(LineListener.IGNORE), new CancelSignal());
        assertEquals(StepResult.Outcome.FAILED, r.outcome());
        assertEquals(7, r.exitCode());
        assertEquals(List.of("preparing", "E: Unable to locate package kubeadm"), r.lastLines());
        assertFalse(r.isDone());
    }

    @Test
    void aMissingRunTimeValueIsRefusedBeforeAnythingRuns() {
        Step s = step("needs").input(RuntimeValue.secret("KW_CERTIFICATE_KEY")).run("true").build();
        int before = server.commandsStarted();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RUNNER.run(shell, s, Map.of(), StepObserver.of(LineListener.IGNORE), new CancelSignal()));
        assertTrue(e.getMessage().contains("KW_CERTIFICATE_KEY"));
        assertThrows(IllegalArgumentException.class, () -> RUNNER.run(shell, s,
                Map.of("KW_CERTIFICATE_KEY", "two\nlines"), StepObserver.of(LineListener.IGNORE), new CancelSignal()));
        assertEquals(before, server.commandsStarted());
    }

    @Test
    void theScriptsLiveInAPrivateDirectoryThatIsRemovedAfterwards() throws Exception {
        Step s = step("where").output(RuntimeValue.plain("KW_DIR")).output(RuntimeValue.plain("KW_MODE"))
                .run("d=\"$(dirname \"$0\")\"", "kw_output KW_DIR \"$d\"", "kw_output KW_MODE \"$(stat -c %a \"$d\")\"")
                .build();
        StepResult r = RUNNER.run(shell, s, Map.of(), StepObserver.of(LineListener.IGNORE), new CancelSignal());
        assertEquals(StepResult.Outcome.DONE, r.outcome());
        assertTrue(r.outputs().get("KW_DIR").matches("/tmp/kubewizard-[A-Za-z0-9]{10}"), r.outputs().toString());
        assertEquals("700", r.outputs().get("KW_MODE"));
        assertFalse(Files.exists(Path.of(r.outputs().get("KW_DIR"))));
    }

    @Test
    void aConnectionKilledMidStepIsRecoveredAndTheStepRunsOnceToTheEnd() throws Exception {
        Path log = tmp.resolve("runs.log");
        Path done = tmp.resolve("done");
        Step s = step("long").check("[ -f " + q(done) + " ]")
                .run("echo run >> " + q(log), "echo started", "sleep 2", "echo finished >> " + q(log),
                        "touch " + q(done))
                .build();
        AtomicBoolean dropped = new AtomicBoolean();
        TestShells.Lines lines = new TestShells.Lines() {
            @Override
            public void onLine(OutputLine line) {
                super.onLine(line);
                if (line.text().equals("started") && dropped.compareAndSet(false, true)) {
                    new Thread(server::dropConnections).start();
                }
            }
        };
        StepResult r = RUNNER.run(shell, s, Map.of(), lines, new CancelSignal());
        assertEquals(StepResult.Outcome.DONE, r.outcome(), lines.all());
        assertEquals(1, r.reconnects());
        assertEquals(List.of(StepObserver.Stage.CHECK, StepObserver.Stage.SCRIPT, StepObserver.Stage.RECONNECT,
                StepObserver.Stage.CHECK, StepObserver.Stage.SCRIPT), lines.stages);
        assertEquals("run\nrun\nfinished\n", Files.readString(log, StandardCharsets.UTF_8),
                "the interrupted run was stopped, the second one ran to the end");
    }

    @Test
    void aStepFinishedBeforeTheDropIsFoundDoneByItsCheckAfterReconnecting() throws Exception {
        Path log = tmp.resolve("runs.log");
        Path done = tmp.resolve("done");
        Step s = step("quick").check("[ -f " + q(done) + " ]")
                .run("echo run >> " + q(log), "touch " + q(done), "echo started", "sleep 5").build();
        AtomicBoolean dropped = new AtomicBoolean();
        TestShells.Lines lines = new TestShells.Lines() {
            @Override
            public void onLine(OutputLine line) {
                super.onLine(line);
                if (line.text().equals("started") && dropped.compareAndSet(false, true)) {
                    new Thread(server::dropConnections).start();
                }
            }
        };
        StepResult r = RUNNER.run(shell, s, Map.of(), lines, new CancelSignal());
        assertEquals(StepResult.Outcome.SKIPPED, r.outcome(), lines.all());
        assertEquals(1, r.reconnects());
        assertEquals("run\n", Files.readString(log, StandardCharsets.UTF_8), "not run a second time");
    }

    @Test
    void whenTheNodeDoesNotComeBackTheStepEndsAsConnectionLost() throws Exception {
        Step s = step("gone").run("echo started", "sleep 5").build();
        TestShells.Lines lines = new TestShells.Lines() {
            @Override
            public void onLine(OutputLine line) {
                super.onLine(line);
                if (line.text().equals("started")) {
                    new Thread(server::close).start();
                }
            }
        };
        StepResult r = RUNNER.run(shell, s, Map.of(), lines, new CancelSignal());
        assertEquals(StepResult.Outcome.CONNECTION_LOST, r.outcome());
        assertNotNull(r.problem());
        assertTrue(r.problem().en().contains("attempts to reconnect failed"), r.problem().en());
        assertTrue(r.duration().toMillis() < 5000, "gave up after its attempts: " + r.duration());
    }

    @Test
    void aStepThatKeepsLosingItsConnectionIsGivenUpAfterTheAllowedDrops() throws Exception {
        Step s = step("flaky").run("echo started", "sleep 5").build();
        TestShells.Lines lines = new TestShells.Lines() {
            @Override
            public void onLine(OutputLine line) {
                super.onLine(line);
                if (line.text().equals("started")) {
                    new Thread(server::dropConnections).start();
                }
            }
        };
        StepResult r = new StepRunner(new StepRunner.Options(3, Duration.ofMillis(50), 1))
                .run(shell, s, Map.of(), lines, new CancelSignal());
        assertEquals(StepResult.Outcome.CONNECTION_LOST, r.outcome());
        assertEquals(1, r.reconnects());
        assertTrue(r.problem().zh().contains("断了 2 次"), r.problem().zh());
        assertTrue(r.leftover() > 1, "what the last attempt left running can be stopped later");
        shell.reconnect();
        shell.stopProcessGroup(r.leftover(), true);
    }

    @Test
    void cancellingAStepStopsItsRemoteProcesses() throws Exception {
        String marker = "86397." + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        Step s = step("cancel").run("echo started", "sleep " + marker).build();
        CancelSignal cancel = new CancelSignal();
        TestShells.Lines lines = new TestShells.Lines() {
            @Override
            public void onLine(OutputLine line) {
                super.onLine(line);
                if (line.text().equals("started")) {
                    cancel.cancel();
                }
            }
        };
        StepResult r = RUNNER.run(shell, s, Map.of(), lines, cancel);
        assertEquals(StepResult.Outcome.CANCELLED, r.outcome());
        JschRemoteShellTest.waitFor(() -> JschRemoteShellTest.processesWith(marker) == 0, 5000);
        assertTrue(shell.isConnected(), "cancelling a step keeps the connection");
    }

    @Test
    void aSudoUsersStepRunsAsRootThroughSudo() throws Exception {
        try (MinaTestServer sudoServer = MinaTestServer.builder(tmp).password("kwtest", TestShells.PASSWORD)
                .sudo(MinaTestServer.Sudo.PASSWORD, "sudo-pw-1").start();
             JschRemoteShell sudoShell = new JschRemoteShell(new SshTarget(sudoServer.host(), sudoServer.port(),
                     "kwtest", SshCredentials.password(TestShells.PASSWORD), "sudo-pw-1"),
                     TestShells.settings(tmp.resolve("kh2")), new SecretMasker())) {
            sudoShell.connect();
            Step s = step("as-root").input(RuntimeValue.secret("KW_SECRET")).output(RuntimeValue.plain("KW_UID"))
                    .check("[ \"$(id -u)\" = 0 ] && false")
                    .run("[ \"$KW_SECRET\" = s3 ] || exit 9", "kw_output KW_UID \"$(id -u)\"").build();
            TestShells.Lines lines = new TestShells.Lines();
            StepResult r = RUNNER.run(sudoShell, s, Map.of("KW_SECRET", "s3"), lines, new CancelSignal());
            assertEquals(StepResult.Outcome.DONE, r.outcome(), lines.all());
            assertEquals("0", r.outputs().get("KW_UID"));
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
