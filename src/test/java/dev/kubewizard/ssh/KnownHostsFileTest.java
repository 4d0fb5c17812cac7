package dev.kubewizard.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsFileTest {
    // a real ed25519 public key blob (ssh-ed25519 + 32 bytes)
    private static final String ED25519 = "AAAAC3NzaC1lZDI1NTE5AAAAIHuIS6RCw3OuSz4OnAIhi4ZW28Pv4j2G8ntF4k5cHVL4";
    private static final String OTHER = "AAAAC3NzaC1lZDI1NTE5AAAAIF8Ml7aeZtBDaq2rw4Hlu6Ty2PWk8MGuIAhZeOeFvBmX";

    @TempDir
    Path tmp;

    @Test
    void addCreatesTheFolderAndWritesOpenSshLinesForPort22AndOthers() throws Exception {
        Path file = tmp.resolve("应用数据/kubewizard/known_hosts");
        KnownHostsFile kh = new KnownHostsFile(file);
        byte[] key = Base64.getDecoder().decode(ED25519);
        kh.add("192.168.1.101", 22, key);
        kh.add("192.168.1.101", 2222, key);
        assertEquals("192.168.1.101 ssh-ed25519 " + ED25519 + "\n[192.168.1.101]:2222 ssh-ed25519 " + ED25519 + "\n",
                Files.readString(file, StandardCharsets.UTF_8));
        List<KnownHostsFile.Entry> found = kh.entriesFor("192.168.1.101", 2222);
        assertEquals(1, found.size());
        assertEquals(2, found.get(0).lineNumber());
        assertEquals("ssh-ed25519", found.get(0).keyType());
        assertEquals(HostKeyOffer.fingerprint(key), found.get(0).fingerprint());
        assertTrue(found.get(0).fingerprint().startsWith("SHA256:") && !found.get(0).fingerprint().endsWith("="));
    }

    @Test
    void readsCommentsListsWildcardsNegationsAndHashedHostsAsOpenSshDoes() throws Exception {
        Path file = tmp.resolve("known_hosts");
        String hashed = hashed("k8s-master1", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
            18, 19, 20});
        Files.writeString(file, String.join("\n",
                "# comment",
                "",
                "@cert-authority *.lab ssh-ed25519 " + OTHER,
                "k8s-lb,192.168.1.100 ssh-ed25519 " + ED25519 + " teacher@laptop",
                "192.168.1.2* ssh-ed25519 " + OTHER,
                "*.lab,!bad.lab ssh-ed25519 " + OTHER,
                hashed + " ssh-ed25519 " + ED25519,
                "broken line",
                "no-newline-at-end ssh-ed25519 " + ED25519), StandardCharsets.UTF_8);
        KnownHostsFile kh = new KnownHostsFile(file);
        assertEquals(1, kh.entriesFor("192.168.1.100", 22).size());
        assertEquals(1, kh.entriesFor("K8S-LB", 22).size(), "host names match without regard to case");
        assertEquals(0, kh.entriesFor("192.168.1.100", 2222).size(), "another port is another host");
        assertEquals(1, kh.entriesFor("192.168.1.201", 22).size());
        assertEquals(1, kh.entriesFor("good.lab", 22).size());
        assertEquals(0, kh.entriesFor("bad.lab", 22).size());
        assertEquals(7, kh.entriesFor("k8s-master1", 22).get(0).lineNumber());
        kh.add("new", 22, Base64.getDecoder().decode(OTHER));
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).endsWith(ED25519 + "\nnew ssh-ed25519 " + OTHER
                + "\n"), "an entry is added on a line of its own");
    }

    @Test
    void aMissingFileKnowsNoHost() throws Exception {
        assertEquals(List.of(), new KnownHostsFile(tmp.resolve("none")).entriesFor("x", 22));
    }

    private static String hashed(String host, byte[] salt) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        byte[] hash = mac.doFinal(host.getBytes(StandardCharsets.UTF_8));
        return "|1|" + Base64.getEncoder().encodeToString(salt) + "|" + Base64.getEncoder().encodeToString(hash);
    }
}
