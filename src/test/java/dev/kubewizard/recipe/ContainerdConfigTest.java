package dev.kubewizard.recipe;

import dev.kubewizard.plan.KubernetesVersions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.testing.Shellcheck;
import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ContainerdConfigTest {
    private static final TomlMapper TOML = new TomlMapper();
    private static final String SANDBOX = "registry.aliyuncs.com/google_containers/pause:3.10.1";
    /** Unpacked by .ci/containerd2.sh (Debian sid's containerd 2.x, not installed). */
    private static final Path CONTAINERD2_DIR = Path.of("/opt/kubewizard-test/containerd2/usr/bin");

    @Test
    void theSandboxImageComesFromThePlansRepositoryAndMinor() {
        assertEquals(SANDBOX, ContainerdConfig.sandboxImage(PlanYaml.courseExample()));
        ClusterPlan keepalived = PrepFixtures.plan("plan-keepalived.yaml");
        assertEquals("registry.aliyuncs.com/google_containers/pause:3.10", ContainerdConfig.sandboxImage(keepalived));
        assertEquals("registry.k8s.io/pause:3.10.1",
                ContainerdConfig.sandboxImage(PrepFixtures.plan("plan-minimal.yaml")));
    }

    @Test
    void theContainerd2ConfigIsVersion3WithTheCriV1Plugins() throws IOException {
        JsonNode t = TOML.readTree(ContainerdConfig.forContainerd2(SANDBOX));
        assertEquals(3, t.get("version").asInt());
        JsonNode images = t.get("plugins").get("io.containerd.cri.v1.images");
        assertEquals(SANDBOX, images.get("pinned_images").get("sandbox").asText());
        assertEquals("/etc/containerd/certs.d", images.get("registry").get("config_path").asText());
        assertNull(images.get("registry").get("mirrors"));
        JsonNode runc = t.get("plugins").get("io.containerd.cri.v1.runtime").get("containerd").get("runtimes")
                .get("runc");
        assertEquals("io.containerd.runc.v2", runc.get("runtime_type").asText());
        assertTrue(runc.get("options").get("SystemdCgroup").isBoolean());
        assertTrue(runc.get("options").get("SystemdCgroup").asBoolean());
        assertNull(t.get("disabled_plugins"));
        assertNull(t.get("plugins").get("io.containerd.grpc.v1.cri"), "no 1.x plugin section in a 2.x file");
    }

    @Test
    void theContainerd17ConfigIsVersion2WithTheGrpcCriPlugin() throws IOException {
        JsonNode t = TOML.readTree(ContainerdConfig.forContainerd17(SANDBOX));
        assertEquals(2, t.get("version").asInt());
        JsonNode cri = t.get("plugins").get("io.containerd.grpc.v1.cri");
        assertEquals(SANDBOX, cri.get("sandbox_image").asText());
        assertEquals("/etc/containerd/certs.d", cri.get("registry").get("config_path").asText());
        assertNull(cri.get("registry").get("mirrors"));
        assertTrue(cri.get("containerd").get("runtimes").get("runc").get("options").get("SystemdCgroup")
                .asBoolean());
        assertNull(t.get("disabled_plugins"));
    }

    @Test
    void everySupportedMinorGetsKubeadmsPauseTag() throws IOException {
        for (String line : KubernetesVersions.supported()) {
            int minor = Integer.parseInt(line.substring(2));
            String image = "registry.k8s.io/pause:" + KubernetesVersions.pauseTag(minor);
            assertEquals(image, TOML.readTree(ContainerdConfig.forContainerd2(image)).get("plugins")
                    .get("io.containerd.cri.v1.images").get("pinned_images").get("sandbox").asText());
            assertEquals(image, TOML.readTree(ContainerdConfig.forContainerd17(image)).get("plugins")
                    .get("io.containerd.grpc.v1.cri").get("sandbox_image").asText());
            assertFalse(image.endsWith(":3.8"), "the course's pause:3.8 is wrong for " + line);
        }
    }

    @Test
    void theVariantsAreNamedForTheContainerdLine() {
        assertEquals(List.of("containerd-2.x", "containerd-1.7"),
                ContainerdConfig.files(SANDBOX).stream().map(StepFile::variant).toList());
    }

    @Test
    void aRealContainerd16LoadsTheCriPluginFromTheVersion2File() throws Exception {
        Tools.requireRoot();
        Daemon d = Daemon.start(Tools.require("containerd"), Tools.require("ctr"),
                ContainerdConfig.forContainerd17(SANDBOX));
        try {
            assertTrue(d.criOk(), d.describe());
            JsonNode dump = TOML.readTree(d.configDump());
            JsonNode cri = dump.get("plugins").get("io.containerd.grpc.v1.cri");
            assertEquals(SANDBOX, cri.get("sandbox_image").asText());
            assertTrue(cri.get("containerd").get("runtimes").get("runc").get("options").get("SystemdCgroup")
                    .asBoolean());
        } finally {
            d.stop();
        }
    }

    @Test
    void aRealContainerd2LoadsTheCriPluginsFromTheVersion3File() throws Exception {
        Tools.requireRoot();
        Daemon d = Daemon.start(containerd2("containerd"), containerd2("ctr"),
                ContainerdConfig.forContainerd2(SANDBOX));
        try {
            assertTrue(d.criOk(), d.describe());
            assertTrue(d.plugins().matches("(?s).*io\\.containerd\\.cri\\.v1\\s+images\\s+\\S+\\s+ok.*"), d.plugins());
            assertTrue(d.plugins().matches("(?s).*io\\.containerd\\.cri\\.v1\\s+runtime\\s+\\S+\\s+ok.*"), d.plugins());
            JsonNode images = TOML.readTree(d.configDump()).get("plugins").get("io.containerd.cri.v1.images");
            assertEquals(SANDBOX, images.get("pinned_images").get("sandbox").asText());
        } finally {
            d.stop();
        }
    }

    @Test
    void theCheckFailsWhenMirrorsAreSetBesideConfigPath() throws Exception {
        Tools.requireRoot();
        // what the course's 9.3 does: registry.mirrors together with config_path
        String courseStyle = ContainerdConfig.forContainerd17(SANDBOX) + """
                  [plugins."io.containerd.grpc.v1.cri".registry.mirrors]
                    [plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]
                      endpoint = ["https://docker.m.daocloud.io"]
                """;
        Daemon d = Daemon.start(Tools.require("containerd"), Tools.require("ctr"), courseStyle);
        try {
            assertFalse(d.criOk(), d.describe());
            assertTrue(d.log().contains("`mirrors` cannot be set when `config_path` is provided"), d.log());
        } finally {
            d.stop();
        }
    }

    @Test
    void theCheckFailsOnContainerd2WhenMirrorsAreSetBesideConfigPath() throws Exception {
        Tools.requireRoot();
        String withMirrors = ContainerdConfig.forContainerd2(SANDBOX) + """

                [plugins."io.containerd.cri.v1.images".registry.mirrors."docker.io"]
                  endpoint = ["https://docker.m.daocloud.io"]
                """;
        Daemon d = Daemon.start(containerd2("containerd"), containerd2("ctr"), withMirrors);
        try {
            assertFalse(d.criOk(), d.describe());
        } finally {
            d.stop();
        }
    }

    @Test
    void theCheckFailsOnTheConfigThatContainerdIoShips() throws Exception {
        Tools.requireRoot();
        Daemon d = Daemon.start(Tools.require("containerd"), Tools.require("ctr"),
                Tools.readShared("containerd-io-package-config.toml"));
        try {
            assertFalse(d.criOk(), "disabled_plugins = [\"cri\"]: " + d.describe());
        } finally {
            d.stop();
        }
    }

    @Test
    void theMajorVersionIsReadFromBothContainerdLines() {
        assertEquals("1", PrepFixtures.bashOk(ContainerdConfig.MAJOR_FUNCTION + "prep_containerd_major "
                + Tools.require("containerd") + "\n", "").strip());
        assertEquals("2", PrepFixtures.bashOk(ContainerdConfig.MAJOR_FUNCTION + "prep_containerd_major "
                + containerd2("containerd") + "\n", "").strip());
    }

    @Test
    void theMajorVersionParsesTheVersionLinesOfEveryBuild() {
        for (String[] c : new String[][] {
                {"containerd containerd.io v2.2.1 dea7da592f5d1d2b7755e3a161be07f43fad8f75", "2"},
                {"containerd containerd.io 1.7.27 05044ec0a9a75232cad458027ca83437aae3f4da", "1"},
                {"containerd github.com/containerd/containerd 1.7.24", "1"},
                {"containerd github.com/containerd/containerd/v2 2.1.9+unknown", "2"}}) {
            String fake = "fake_containerd() { echo '" + c[0] + "'; }\n";
            assertEquals(c[1], PrepFixtures.bashOk(fake + ContainerdConfig.MAJOR_FUNCTION
                    + "prep_containerd_major fake_containerd\n", "").strip(), c[0]);
        }
    }

    @Test
    void theCiScriptThatUnpacksContainerd2PassesShellcheck() throws IOException {
        Path script = Path.of(".ci/containerd2.sh");
        assertTrue(Files.isRegularFile(script), "run from the project folder");
        Shellcheck.assertClean("containerd2.sh", Files.readString(script, StandardCharsets.UTF_8));
    }

    private static Path containerd2(String program) {
        Path p = CONTAINERD2_DIR.resolve(program);
        if (!Files.isExecutable(p)) {
            Tools.missing("containerd 2.x is not unpacked at " + CONTAINERD2_DIR + " (run .ci/containerd2.sh as root)");
        }
        return p;
    }

    /** A real containerd on a temporary root, state and socket; always stopped by the test. */
    private record Daemon(Process process, Path dir, Path containerd, Path ctr, Path config) {
        static Daemon start(Path containerd, Path ctr, String configText) throws IOException, InterruptedException {
            Path dir = Files.createTempDirectory("kwctd");
            Path config = dir.resolve("config.toml");
            Files.writeString(config, configText, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(containerd.toString(), "-c", config.toString(),
                    "--root", dir.resolve("root").toString(), "--state", dir.resolve("state").toString(),
                    "--address", dir.resolve("c.sock").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
            Daemon d = new Daemon(p, dir, containerd, ctr, config);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    break;
                }
                if (Files.exists(dir.resolve("c.sock"))
                        && Tools.run(10, ctr.toString(), "-a", dir.resolve("c.sock").toString(), "version")
                        .exitCode() == 0) {
                    return d;
                }
                Thread.sleep(100);
            }
            String log = d.log();
            d.stop();
            throw new AssertionError("containerd did not come up:\n" + log);
        }

        /** The step's own CRI check, run against this daemon. */
        boolean criOk() {
            return PrepFixtures.bash(ContainerdConfig.CRI_OK_FUNCTION + "prep_cri_ok " + dir.resolve("c.sock")
                    + " " + ctr + "\n", "").exitCode() == 0;
        }

        String plugins() {
            return Tools.run(10, ctr.toString(), "-a", dir.resolve("c.sock").toString(), "plugins", "ls").output();
        }

        String configDump() {
            Tools.Result r = Tools.run(20, containerd.toString(), "-c", config.toString(), "config", "dump");
            assertEquals(0, r.exitCode(), r.output());
            return r.output().lines().filter(l -> !l.startsWith("time=")).reduce("", (a, b) -> a + b + "\n");
        }

        String log() {
            try {
                return Files.readString(dir.resolve("log"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        String describe() {
            return "plugins:\n" + plugins() + "\nlog:\n" + log();
        }

        void stop() throws InterruptedException, IOException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
