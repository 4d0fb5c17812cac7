package dev.kubewizard.kubeconfig;

import static dev.kubewizard.kubeconfig.KubeconfigFixtures.coursePlan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigFilesTest {
    private static final Clock CLOCK =
            Clock.fixed(LocalDateTime.of(2025, 3, 1, 9, 30, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private static String course() throws KubeconfigException {
        return KubeconfigExport.fromAdminConf(KubeconfigFixtures.read("admin.conf"), coursePlan());
    }

    private static void assertUtf8WithoutBomAndCr(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertFalse(bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF, "no BOM");
        for (byte b : bytes) {
            assertTrue(b != '\r', "no CR");
        }
        assertTrue(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).length() > 0);
    }

    private List<String> filesIn(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesANewKubeconfigCreatingTheKubeFolder() throws Exception {
        Path config = tmp.resolve("home/.kube/config");
        WrittenFile written = KubeconfigFiles.write(config, course(), CLOCK);
        assertEquals(new WrittenFile(config, WrittenFile.Outcome.CREATED, Optional.empty()), written);
        assertEquals(course(), Files.readString(config, StandardCharsets.UTF_8));
        assertUtf8WithoutBomAndCr(config);
        assertEquals(List.of("config"), filesIn(config.getParent()), "no temp file left behind");
    }

    @Test
    void writesOnlyTheOwnerMayReadTheKubeconfigOnPosix() throws Exception {
        Path config = tmp.resolve("config");
        KubeconfigFiles.write(config, course(), CLOCK);
        if (Files.getFileAttributeView(config, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        }
    }

    @Test
    void keepsTheOldFileAsATimestampedBackupBeforeReplacingIt() throws Exception {
        Path config = KubeconfigFixtures.file(tmp, "config", "old content: true\n");
        byte[] old = Files.readAllBytes(config);
        WrittenFile written = KubeconfigFiles.write(config, course(), CLOCK);
        Path backup = tmp.resolve("config.kubewizard-20250301-093000.bak");
        assertEquals(new WrittenFile(config, WrittenFile.Outcome.REPLACED, Optional.of(backup)), written);
        assertArrayEquals(old, Files.readAllBytes(backup));
        assertEquals(course(), Files.readString(config, StandardCharsets.UTF_8));
        assertEquals(List.of("config", "config.kubewizard-20250301-093000.bak"), filesIn(tmp));
    }

    @Test
    void neverOverwritesAnEarlierBackup() throws Exception {
        Path config = KubeconfigFixtures.file(tmp, "config", "first: 1\n");
        Path earlier = KubeconfigFixtures.file(tmp, "config.kubewizard-20250301-093000.bak", "earlier backup\n");
        WrittenFile second = KubeconfigFiles.write(config, "second: 2\n", CLOCK);
        assertEquals(Optional.of(tmp.resolve("config.kubewizard-20250301-093000-2.bak")), second.backup());
        WrittenFile third = KubeconfigFiles.write(config, "third: 3\n", CLOCK);
        assertEquals(Optional.of(tmp.resolve("config.kubewizard-20250301-093000-3.bak")), third.backup());
        assertEquals("earlier backup\n", Files.readString(earlier, StandardCharsets.UTF_8));
        assertEquals("first: 1\n", Files.readString(second.backup().orElseThrow(), StandardCharsets.UTF_8));
        assertEquals("second: 2\n", Files.readString(third.backup().orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void leavesAFileThatAlreadyHoldsTheTextAloneWithoutBackup() throws Exception {
        Path config = tmp.resolve("config");
        KubeconfigFiles.write(config, course(), CLOCK);
        WrittenFile again = KubeconfigFiles.write(config, course(), CLOCK);
        assertEquals(WrittenFile.Outcome.UNCHANGED, again.outcome());
        assertEquals(Optional.empty(), again.backup());
        assertEquals(List.of("config"), filesIn(tmp));
    }

    @Test
    void writesLfWithoutBomEvenWhenGivenCrlfText() throws Exception {
        Path config = tmp.resolve("config");
        KubeconfigFiles.write(config, "\uFEFF" + course().replace("\n", "\r\n"), CLOCK);
        assertUtf8WithoutBomAndCr(config);
        assertEquals(course(), Files.readString(config, StandardCharsets.UTF_8));
    }

    @Test
    void mergeIntoCreatesTheKubeconfigWhenThereIsNone() throws Exception {
        Path config = tmp.resolve(".kube/config");
        WrittenFile written = KubeconfigFiles.mergeInto(config, course(), CLOCK);
        assertEquals(new WrittenFile(config, WrittenFile.Outcome.CREATED, Optional.empty()), written);
        Kubectl kubectl = Kubectl.on(config);
        kubectl.view();
        assertEquals("k8s-class", kubectl.starredContext());
        assertEquals("https://192.168.1.100:6443", kubectl.currentServer());
    }

    @Test
    void mergeIntoANotepadFileKeepsItsBytesAsBackupAndWritesCleanUtf8() throws Exception {
        Path config = tmp.resolve("config");
        byte[] notepad = ("\uFEFF" + KubeconfigFixtures.read("laptop-config").replace("\n", "\r\n"))
                .getBytes(StandardCharsets.UTF_8);
        Files.write(config, notepad);
        WrittenFile written = KubeconfigFiles.mergeInto(config, course(), CLOCK);
        assertEquals(WrittenFile.Outcome.REPLACED, written.outcome());
        assertArrayEquals(notepad, Files.readAllBytes(written.backup().orElseThrow()), "backup is the old file as is");
        assertUtf8WithoutBomAndCr(config);
        assertEquals(KubeconfigMerge.merge(KubeconfigFixtures.read("laptop-config"), course()),
                Files.readString(config, StandardCharsets.UTF_8));

        Kubectl kubectl = Kubectl.on(config);
        kubectl.view();
        assertEquals("k8s-class", kubectl.starredContext());
        assertEquals("https://192.168.1.100:6443",
                kubectl.jsonpath("{.clusters[?(@.name==\"k8s-class\")].cluster.server}"));
        assertTrue(kubectl.run("config", "get-contexts", "-o", "name").lines().toList()
                .containsAll(List.of("home", "k8s-class", "教室-cloud")));
    }

    @Test
    void mergeIntoAFileThatAlreadyHoldsTheClusterChangesNothing() throws Exception {
        Path config = KubeconfigFixtures.file(tmp, "config", KubeconfigFixtures.read("laptop-config"));
        assertEquals(WrittenFile.Outcome.REPLACED, KubeconfigFiles.mergeInto(config, course(), CLOCK).outcome());
        WrittenFile again = KubeconfigFiles.mergeInto(config, course(), CLOCK);
        assertEquals(WrittenFile.Outcome.UNCHANGED, again.outcome());
        assertEquals(1, filesIn(tmp).stream().filter(n -> n.endsWith(".bak")).count());
    }

    @Test
    void mergeIntoSomethingThatIsNotAKubeconfigLeavesItUntouched() throws Exception {
        Path notes = KubeconfigFixtures.file(tmp, "config", "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\n");
        KubeconfigException e = assertThrows(KubeconfigException.class,
                () -> KubeconfigFiles.mergeInto(notes, course(), CLOCK));
        assertTrue(e.describe("en").startsWith("config is not a kubeconfig"), e.describe("en"));
        assertEquals("apiVersion: v1\nkind: Pod\nmetadata: {name: web}\n", Files.readString(notes));
        assertEquals(List.of("config"), filesIn(tmp), "no backup and no temp file");
    }

    @Test
    void refusesToReplaceAFolder() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("config"));
        KubeconfigException e = assertThrows(KubeconfigException.class,
                () -> KubeconfigFiles.write(folder, course(), CLOCK));
        assertTrue(e.describe("en").contains("is not a regular file"), e.describe("en"));
    }

    @Test
    void replacesTheFileASymlinkPointsToAndKeepsTheLink() throws Exception {
        Path real = KubeconfigFixtures.file(tmp, "dotfiles/kubeconfig", KubeconfigFixtures.read("laptop-config"));
        Path link = Files.createDirectories(tmp.resolve(".kube")).resolve("config");
        Files.createSymbolicLink(link, Path.of("../dotfiles/kubeconfig"));
        WrittenFile written = KubeconfigFiles.mergeInto(link, course(), CLOCK);
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(real.toRealPath(), written.path().toRealPath());
        assertTrue(Files.readString(real).contains("current-context: k8s-class\n"));
        assertTrue(Files.exists(tmp.resolve("dotfiles/kubeconfig.kubewizard-20250301-093000.bak")));
    }

    @Test
    void readsUtf16WrittenByWindowsPowerShellRedirection() throws Exception {
        String text = KubeconfigFixtures.read("laptop-config").replace("\n", "\r\n");
        byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
        byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
        assertEquals(KubeconfigFixtures.read("laptop-config"), KubeconfigText.decode(le, "config"));
        assertEquals(KubeconfigFixtures.read("laptop-config"), KubeconfigText.decode(be, "config"));
    }

    @Test
    void refusesAFileThatIsNotUtf8() {
        byte[] gbk = "current-context: 教室\n".getBytes(Charset.forName("GBK"));
        KubeconfigException e = assertThrows(KubeconfigException.class, () -> KubeconfigText.decode(gbk, "config"));
        assertTrue(e.describe("en").contains("not UTF-8"), e.describe("en"));
        assertTrue(e.describe("zh").contains("UTF-8"), e.describe("zh"));
    }

    @Test
    void theDefaultKubeconfigOnWindowsIsInTheUserProfile() {
        assertEquals("C:\\Users\\teacher\\.kube\\config", KubeconfigFiles.defaultLocation("Windows 11",
                Map.of("USERPROFILE", "C:\\Users\\teacher"), "C:\\ignored"));
        assertEquals("C:\\Users\\teacher\\.kube\\config", KubeconfigFiles.defaultLocation("Windows 10",
                Map.of(), "C:\\Users\\teacher\\"));
    }

    @Test
    void theDefaultKubeconfigElsewhereIsInTheHomeFolder() {
        assertEquals("/home/teacher/.kube/config",
                KubeconfigFiles.defaultLocation("Linux", Map.of("USERPROFILE", "C:\\x"), "/home/teacher"));
        assertEquals("/Users/t/.kube/config", KubeconfigFiles.defaultLocation("Mac OS X", Map.of(), "/Users/t/"));
        assertEquals(Path.of(System.getProperty("user.home"), ".kube", "config"), KubeconfigFiles.defaultPath());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
