package dev.kubewizard.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.ssh.testnode.MinaTestServer;
import dev.kubewizard.ssh.testnode.MinaTestServer.Sudo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a login becomes root, against the in-process server's simulated sudo (real sudo: RealOpenSshTest). */
class SudoModeTest {
    private static final String SUDO_PASSWORD = "sudo-Pw-7788";

    @TempDir
    Path tmp;

    private JschRemoteShell shell(MinaTestServer server, String sudoPassword) {
        return new JschRemoteShell(new SshTarget(server.host(), server.port(), "kwtest",
                SshCredentials.password(TestShells.PASSWORD), sudoPassword),
                TestShells.settings(tmp.resolve("kh")), new SecretMasker());
    }

    @Test
    void aSudoPasswordIsCheckedAtLoginAndThenSentOnlyOnStdin() throws Exception {
        try (MinaTestServer server = MinaTestServer.builder(tmp).password("kwtest", TestShells.PASSWORD)
                .sudo(Sudo.PASSWORD, SUDO_PASSWORD).start();
             JschRemoteShell shell = shell(server, SUDO_PASSWORD)) {
            shell.connect();
            assertEquals(SudoMode.PASSWORD, shell.sudoMode());
            TestShells.Lines lines = new TestShells.Lines();
            ExecResult r = shell.exec(RemoteCommand.of("id -u; cat").asRoot().withStdin("only this\n"), lines);
            assertEquals(0, r.exitCode(), lines.all());
            assertEquals(List.of("0", "only this"), lines.texts(OutputLine.Source.STDOUT),
                    "sudo took the password line; the command got its own input only");
            for (String commandLine : server.commandLines()) {
                assertFalse(commandLine.contains(SUDO_PASSWORD), commandLine);
            }
            assertTrue(server.commandLines().get(server.commandLines().size() - 1).startsWith("exec sudo -k -S -p '' -- "));
        }
    }

    @Test
    void aWrongSudoPasswordFailsAtLoginBeforeAnythingRuns() throws Exception {
        try (MinaTestServer server = MinaTestServer.builder(tmp).password("kwtest", TestShells.PASSWORD)
                .sudo(Sudo.PASSWORD, SUDO_PASSWORD).start();
             JschRemoteShell shell = shell(server, "wrong-one")) {
            SshException e = assertThrows(SshException.class, shell::connect);
            assertEquals(SshException.Reason.SUDO, e.reason());
            assertEquals("用户 kwtest 在 127.0.0.1 上的 sudo 密码不对。还没有做任何改动。", e.problem().zh());
            assertFalse(shell.isConnected());
            assertEquals(2, server.commandsStarted(), "only the sudo probe and the password check ran");
        }
    }

    @Test
    void passwordlessSudoIsDetectedAndNeedsNoPassword() throws Exception {
        try (MinaTestServer server = MinaTestServer.builder(tmp).password("kwtest", TestShells.PASSWORD)
                .sudo(Sudo.PASSWORDLESS, null).start();
             JschRemoteShell shell = new JschRemoteShell(new SshTarget(server.host(), server.port(), "kwtest",
                     SshCredentials.password(TestShells.PASSWORD)), TestShells.settings(tmp.resolve("kh")),
                     new SecretMasker())) {
            shell.connect();
            assertEquals(SudoMode.PASSWORDLESS, shell.sudoMode());
            TestShells.Lines lines = new TestShells.Lines();
            shell.exec(RemoteCommand.of("cat").asRoot().withStdin("in\n"), lines);
            assertEquals(List.of("in"), lines.texts(OutputLine.Source.STDOUT), "no password line is sent");
        }
    }

    @Test
    void aUserWithoutSudoRightsIsToldSoClearly() throws Exception {
        try (MinaTestServer server = MinaTestServer.builder(tmp).password("kwtest", TestShells.PASSWORD)
                .sudo(Sudo.NONE, null).start();
             JschRemoteShell shell = shell(server, null)) {
            SshException e = assertThrows(SshException.class, shell::connect);
            assertEquals(SshException.Reason.SUDO, e.reason());
            assertTrue(e.problem().en().contains("no sudo rights"), e.problem().en());
        }
    }

    @Test
    void aKeyLoginWithoutSudoPasswordIsAskedForOne() throws Exception {
        TestKeys keys = TestKeys.generate(tmp);
        try (MinaTestServer server = MinaTestServer.builder(tmp).authorizedKey("kwtest",
                TestKeys.publicKey(keys.rsaPem)).sudo(Sudo.PASSWORD, SUDO_PASSWORD).start();
             JschRemoteShell shell = new JschRemoteShell(new SshTarget(server.host(), server.port(), "kwtest",
                     SshCredentials.keyFile(keys.rsaPem, null)), TestShells.settings(tmp.resolve("kh")),
                     new SecretMasker())) {
            SshException e = assertThrows(SshException.class, shell::connect);
            assertEquals(SshException.Reason.SUDO, e.reason());
            assertTrue(e.problem().en().contains("enter the sudo password"), e.problem().en());
        }
    }

    @Test
    void filesOnlyRootMayTouchAreReadAndWrittenThroughSudo() throws Exception {
        try (MinaTestServer server = MinaTestServer.builder(tmp).password("kwtest", TestShells.PASSWORD)
                .sudo(Sudo.PASSWORD, SUDO_PASSWORD).start();
             JschRemoteShell shell = shell(server, SUDO_PASSWORD)) {
            shell.connect();
            Path adminConf = tmp.resolve("etc/kubernetes/admin.conf");
            byte[] content = "apiVersion: v1\nkind: Config\n# 中文\n".getBytes(StandardCharsets.UTF_8);
            shell.installAsRoot(content, adminConf.toString(), "0600");
            assertArrayEquals(content, Files.readAllBytes(adminConf));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(adminConf)));
            assertArrayEquals(content, shell.readAsRoot(adminConf.toString()));
            assertTrue(server.commandLines().stream().anyMatch(c -> c.contains("cat --")), "read with sudo cat");
            SshException missing = assertThrows(SshException.class,
                    () -> shell.readAsRoot(tmp.resolve("nope").toString()));
            assertEquals(SshException.Reason.REMOTE, missing.reason());
        }
    }
}
