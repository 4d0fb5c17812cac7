package dev.kubewizard.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kubewizard.ssh.testnode.MinaTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trust on first use, a saved known_hosts, and a changed key refused. */
class HostKeyTrustTest {
    @TempDir
    Path tmp;

    private JschRemoteShell shell(MinaTestServer server, Path knownHosts, HostKeyPrompt prompt) {
        return new JschRemoteShell(new SshTarget(server.host(), server.port(), "kwtest",
                SshCredentials.password(TestShells.PASSWORD)),
                new SshSettings(knownHosts, prompt, Duration.ofSeconds(5), Duration.ofSeconds(5), 3),
                new SecretMasker());
    }

    @Test
    void aNewHostIsShownWithItsFingerprintAndOnceTrustedIsNeverAskedAgain() throws Exception {
        Path knownHosts = tmp.resolve("AppData/kubewizard/known_hosts");
        List<HostKeyOffer> asked = new CopyOnWriteArrayList<>();
        try (MinaTestServer server = MinaTestServer.builder(tmp).password("kwtest", TestShells.PASSWORD).start()) {
            try (JschRemoteShell first = shell(server, knownHosts, offer -> asked.add(offer))) {
                first.connect();
            }
            assertEquals(1, asked.size());
            HostKeyOffer offer = asked.get(0);
            assertEquals("127.0.0.1", offer.host());
            assertEquals(server.port(), offer.port());
            assertEquals("ecdsa-sha2-nistp256", offer.keyType());
            // the fingerprint as MINA computes it for its own key: the same text OpenSSH prints
            assertEquals(KeyUtils.getFingerPrint(server.hostKey().getPublic()), offer.fingerprint());
            assertTrue(offer.fingerprint().matches("SHA256:[A-Za-z0-9+/]{43}"), offer.fingerprint());

            String saved = Files.readString(knownHosts, StandardCharsets.UTF_8);
            assertTrue(saved.startsWith("[127.0.0.1]:" + server.port() + " ecdsa-sha2-nistp256 AAAA"), saved);

            try (JschRemoteShell second = shell(server, knownHosts, o -> fail("a known host is not asked about"))) {
                second.connect();
                assertTrue(second.isConnected());
            }
            assertEquals(saved, Files.readString(knownHosts, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aChangedHostKeyIsRefusedNamingBothFingerprintsAndTheKnownHostsLine() throws Exception {
        Path knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, "# kept by kubewizard\n", StandardCharsets.UTF_8);
        MinaTestServer server = MinaTestServer.builder(tmp).password("kwtest", TestShells.PASSWORD).start();
        String oldFingerprint = KeyUtils.getFingerPrint(server.hostKey().getPublic());
        try (JschRemoteShell first = shell(server, knownHosts, offer -> true)) {
            first.connect();
        }
        String before = Files.readString(knownHosts, StandardCharsets.UTF_8);
        int commandsBefore = server.commandsStarted();
        try (MinaTestServer reinstalled = server.restartWithNewHostKey();
             JschRemoteShell again = shell(reinstalled, knownHosts, o -> fail("a changed key is never asked about"))) {
            String newFingerprint = KeyUtils.getFingerPrint(reinstalled.hostKey().getPublic());
            SshException e = assertThrows(SshException.class, again::connect);
            assertEquals(SshException.Reason.HOST_KEY_CHANGED, e.reason());
            for (String text : List.of(e.problem().zh(), e.problem().en())) {
                assertTrue(text.contains(oldFingerprint), text);
                assertTrue(text.contains(newFingerprint), text);
                assertTrue(text.contains(knownHosts.toAbsolutePath().toString()), text);
                assertTrue(text.contains("2"), "the line of the known key: " + text);
                assertTrue(text.contains("ssh-keygen -R \"[127.0.0.1]:" + reinstalled.port() + "\""), text);
            }
            assertTrue(e.problem().zh().contains("主机密钥变了"), e.problem().zh());
            assertFalse(again.isConnected());
            assertEquals(commandsBefore, reinstalled.commandsStarted(), "nothing ran on the impostor");
        }
        assertEquals(before, Files.readString(knownHosts, StandardCharsets.UTF_8), "known_hosts is left as it was");
    }

    @Test
    void aRefusedFirstKeyFailsTheConnectClearlyAndSavesNothing() throws Exception {
        Path knownHosts = tmp.resolve("known_hosts");
        try (MinaTestServer server = MinaTestServer.builder(tmp).password("kwtest", TestShells.PASSWORD).start();
             JschRemoteShell s = shell(server, knownHosts, HostKeyPrompt.REFUSE)) {
            SshException e = assertThrows(SshException.class, s::connect);
            assertEquals(SshException.Reason.HOST_KEY_REFUSED, e.reason());
            assertTrue(e.problem().zh().contains(KeyUtils.getFingerPrint(server.hostKey().getPublic())),
                    e.problem().zh());
            assertEquals(0, server.commandsStarted());
            assertFalse(Files.exists(knownHosts));
        }
    }

    @Test
    void aPromptThatFailsCountsAsRefused() throws Exception {
        try (MinaTestServer server = MinaTestServer.builder(tmp).password("kwtest", TestShells.PASSWORD).start();
             JschRemoteShell s = shell(server, tmp.resolve("kh"), offer -> {
                 throw new IllegalStateException("window closed");
             })) {
            assertEquals(SshException.Reason.HOST_KEY_REFUSED, assertThrows(SshException.class, s::connect).reason());
        }
    }
}
