package dev.kubewizard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.kubeconfig.Kubectl;
import dev.kubewizard.kubeconfig.KubeconfigExport;
import dev.kubewizard.kubeconfig.KubeconfigFixtures;
import dev.kubewizard.kubeconfig.KubeconfigMerge;
import dev.kubewizard.plan.PlanFormatException;
import dev.kubewizard.plan.PlanYaml;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigCommandTest {
    private static final Clock CLOCK =
            Clock.fixed(LocalDateTime.of(2025, 3, 1, 9, 30, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    @TempDir
    Path tmp;
    private Path plan;
    private Path adminConf;
    private Path out;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void files() throws Exception {
        plan = KubeconfigFixtures.file(tmp, "plan.yaml", coursePlanText());
        adminConf = KubeconfigFixtures.file(tmp, "admin.conf", KubeconfigFixtures.read("admin.conf"));
        out = tmp.resolve("k8s-class.kubeconfig");
    }

    /** The course plan as shipped (PlanYaml.write would not read back: it writes Harbor.isHttps() as "https"). */
    private static String coursePlanText() throws Exception {
        try (var in = PlanYaml.class.getResourceAsStream(PlanYaml.COURSE_EXAMPLE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private int run(String language, String... args) {
        Console console = new Console(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), language);
        return new KubeconfigCommand(CLOCK).run(List.of(args), console);
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    private void assertNoStackTrace() {
        for (String text : List.of(out(), err())) {
            assertFalse(text.contains("Exception"), text);
            assertFalse(text.contains("\tat "), text);
        }
    }

    private List<String> filesIn(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String course() throws Exception {
        return KubeconfigExport.fromAdminConf(KubeconfigFixtures.read("admin.conf"), PlanYaml.courseExample());
    }

    @Test
    void writesTheLaptopKubeconfigAndSaysWhereInEnglish() throws Exception {
        int code = run("en", "--plan", plan.toString(), "--admin-conf", adminConf.toString(), "--out", out.toString());
        assertEquals(0, code, err());
        assertEquals("", err());
        assertEquals(course(), Files.readString(out, StandardCharsets.UTF_8));
        assertTrue(out().contains("Cluster k8s-class: server https://192.168.1.100:6443 (admin.conf had "
                + "https://k8s-api.cluster.local:6443), user k8s-class-admin, context k8s-class."), out());
        assertTrue(out().contains("Wrote the kubeconfig: " + out), out());
        assertTrue(out().contains("kubectl 1.33 to 1.35"), out());
        assertTrue(out().contains("%USERPROFILE%\\.kube\\config"), out());

        Kubectl kubectl = Kubectl.on(out);
        kubectl.view();
        assertEquals("k8s-class", kubectl.starredContext());
        assertEquals("https://192.168.1.100:6443", kubectl.currentServer());
    }

    @Test
    void speaksChineseByDefault() {
        int code = run("zh", "--plan", plan.toString(), "--admin-conf", adminConf.toString(), "--out", out.toString());
        assertEquals(0, code, err());
        assertTrue(out().contains("已写入 kubeconfig：" + out), out());
        assertTrue(out().contains("集群 k8s-class：server https://192.168.1.100:6443"), out());
    }

    @Test
    void acceptsOptionsWrittenWithEqualsSigns() throws Exception {
        int code = run("en", "--plan=" + plan, "--admin-conf=" + adminConf, "--out=" + out);
        assertEquals(0, code, err());
        assertEquals(course(), Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    void mergesIntoTheLaptopKubeconfigKeepingABackup() throws Exception {
        Path config = KubeconfigFixtures.file(tmp, ".kube/config", KubeconfigFixtures.read("laptop-config"));
        int code = run("en", "--plan", plan.toString(), "--admin-conf", adminConf.toString(), "--out", out.toString(),
                "--merge-into", config.toString());
        assertEquals(0, code, err());
        Path backup = config.resolveSibling("config.kubewizard-20250301-093000.bak");
        assertEquals(KubeconfigFixtures.read("laptop-config"), Files.readString(backup, StandardCharsets.UTF_8));
        assertEquals(KubeconfigMerge.merge(KubeconfigFixtures.read("laptop-config"), course()),
                Files.readString(config, StandardCharsets.UTF_8));
        assertEquals(course(), Files.readString(out, StandardCharsets.UTF_8));
        assertTrue(out().contains("Merged cluster k8s-class into " + config), out());
        assertTrue(out().contains("current context: k8s-class"), out());
        assertTrue(out().contains("Previous file kept as " + backup), out());

        Kubectl kubectl = Kubectl.on(config);
        assertEquals("k8s-class", kubectl.starredContext());
        assertEquals("https://192.168.1.100:6443", kubectl.currentServer());
        assertTrue(kubectl.run("config", "get-contexts", "-o", "name").contains("home"));
    }

    @Test
    void createsTheMergeTargetWhenItDoesNotExistYet() throws Exception {
        Path config = tmp.resolve("profile/.kube/config");
        int code = run("en", "--plan", plan.toString(), "--admin-conf", adminConf.toString(), "--out", out.toString(),
                "--merge-into", config.toString());
        assertEquals(0, code, err());
        assertTrue(out().contains("Created " + config + " with cluster k8s-class"), out());
        assertEquals(List.of("config"), filesIn(config.getParent()), "nothing to back up");
        assertEquals("k8s-class", Kubectl.on(config).starredContext());
    }

    @Test
    void runningTwiceWritesNothingTheSecondTime() throws Exception {
        Path config = KubeconfigFixtures.file(tmp, ".kube/config", KubeconfigFixtures.read("laptop-config"));
        String[] args = {"--plan", plan.toString(), "--admin-conf", adminConf.toString(), "--out", out.toString(),
            "--merge-into", config.toString()};
        assertEquals(0, run("en", args), err());
        stdout.reset();
        assertEquals(0, run("en", args), err());
        assertTrue(out().contains(out + " already holds this kubeconfig; nothing written."), out());
        assertTrue(out().contains(config + " already holds cluster k8s-class"), out());
        assertEquals(1, filesIn(config.getParent()).stream().filter(n -> n.endsWith(".bak")).count());
    }

    @Test
    void refusesMissingOptionsWithUsage() {
        List<String[]> incomplete = List.of(
                new String[] {},
                new String[] {"--plan", "p.yaml", "--admin-conf", "admin.conf"},
                new String[] {"--plan", "p.yaml", "--out", "x"},
                new String[] {"--admin-conf", "admin.conf", "--out", "x"},
                new String[] {"--plan", "p.yaml", "--admin-conf", "admin.conf", "--out"},
                new String[] {"--plan", "--admin-conf", "admin.conf", "--out", "x"});
        List<String> problems = new ArrayList<>();
        for (String[] args : incomplete) {
            stderr.reset();
            assertEquals(2, run("en", args), String.join(" ", args));
            assertTrue(err().contains("Usage: kubewizard kubeconfig --plan"), err());
            problems.add(err().lines().findFirst().orElse(""));
        }
        assertEquals(List.of("Missing --plan.", "Missing --out.", "Missing --admin-conf.", "Missing --plan.",
                "--out needs a value.", "--plan needs a value."), problems);
        assertNoStackTrace();
        assertEquals("", out());
    }

    @Test
    void refusesUnknownOptionsStrayArgumentsAndRepeats() {
        assertEquals(2, run("en", "--plan", plan.toString(), "--admin-conf", adminConf.toString(), "--out",
                out.toString(), "--force"));
        assertTrue(err().startsWith("Unknown option: --force\n"), err());
        stderr.reset();
        assertEquals(2, run("en", "--plan", plan.toString(), "extra"));
        assertTrue(err().startsWith("Unexpected argument: extra\n"), err());
        stderr.reset();
        assertEquals(2, run("en", "--plan", plan.toString(), "--plan", plan.toString()));
        assertTrue(err().startsWith("--plan is given twice.\n"), err());
        assertFalse(Files.exists(out));
    }

    @Test
    void refusesToWriteOverItsInputsOrTheSameFileTwice() throws Exception {
        assertEquals(2, run("en", "--plan", plan.toString(), "--admin-conf", adminConf.toString(),
                "--out", adminConf.toString()));
        assertTrue(err().startsWith("--out names an input file (" + adminConf + ")"), err());
        stderr.reset();
        assertEquals(2, run("en", "--plan", plan.toString(), "--admin-conf", adminConf.toString(),
                "--out", out.toString(), "--merge-into", plan.toString()));
        assertTrue(err().startsWith("--merge-into names an input file (" + plan + ")"), err());
        stderr.reset();
        assertEquals(2, run("en", "--plan", plan.toString(), "--admin-conf", adminConf.toString(),
                "--out", out.toString(), "--merge-into", out.toString()));
        assertTrue(err().startsWith("--out and --merge-into name the same file"), err());
        assertEquals(KubeconfigFixtures.read("admin.conf"), Files.readString(adminConf, StandardCharsets.UTF_8));
        assertEquals(coursePlanText(), Files.readString(plan, StandardCharsets.UTF_8));
        assertFalse(Files.exists(out));
    }

    @Test
    void saysWhenAnInputIsNotUtf8() throws Exception {
        Files.write(adminConf, "current-context: 教室\n".getBytes(java.nio.charset.Charset.forName("GBK")));
        assertEquals(2, run("en", "--plan", plan.toString(), "--admin-conf", adminConf.toString(),
                "--out", out.toString()));
        assertTrue(err().startsWith("admin.conf is not UTF-8 text"), err());
        stderr.reset();
        Files.write(plan, "cluster: 教室\n".getBytes(java.nio.charset.Charset.forName("GBK")));
        assertEquals(2, run("zh", "--plan", plan.toString(), "--admin-conf", adminConf.toString(),
                "--out", out.toString()));
        // the plan is read by PlanYaml, which names the file and line
        assertTrue(err().startsWith("plan.yaml:1: ") && err().contains("UTF-8"), err());
    }

    @Test
    void reportsABadPlanTheWayPlanLoadingDescribesIt() throws Exception {
        String typo = "apiVersion: kubewizard/v1\ncluster:\n  nmae: k8s-class\n";
        Files.writeString(plan, typo, StandardCharsets.UTF_8);
        PlanFormatException expected =
                assertThrows(PlanFormatException.class, () -> PlanYaml.parse(typo, "plan.yaml"));
        assertEquals(2, run("zh", "--plan", plan.toString(), "--admin-conf", adminConf.toString(),
                "--out", out.toString()));
        assertEquals(expected.describe("zh") + "\n", err());
        assertTrue(err().contains("cluster.nmae"), err());
        assertNoStackTrace();
        assertFalse(Files.exists(out));
    }

    @Test
    void reportsAPlanWithoutVipClearly() throws Exception {
        String noVip = coursePlanText().replace("vip: 192.168.1.100, ", "");
        assertFalse(noVip.contains("vip:"));
        Files.writeString(plan, noVip, StandardCharsets.UTF_8);
        assertEquals(2, run("zh", "--plan", plan.toString(), "--admin-conf", adminConf.toString(),
                "--out", out.toString()));
        assertEquals("规划里没有 cluster.endpoint.vip：讲师电脑要通过它访问 API Server。\n", err());
        assertFalse(Files.exists(out));
    }

    @Test
    void reportsAMissingPlanFile() {
        Path missing = tmp.resolve("nope.yaml");
        assertEquals(2, run("en", "--plan", missing.toString(), "--admin-conf", adminConf.toString(),
                "--out", out.toString()));
        assertEquals("Plan file not found: " + missing + "\n", err());
    }

    @Test
    void reportsAMissingAdminConfFile() {
        Path missing = tmp.resolve("missing-admin.conf");
        assertEquals(2, run("en", "--plan", plan.toString(), "--admin-conf", missing.toString(),
                "--out", out.toString()));
        assertTrue(err().startsWith("admin.conf not found: " + missing + ". Copy /etc/kubernetes/admin.conf"),
                err());
        assertNoStackTrace();
        assertFalse(Files.exists(out));
    }

    @Test
    void refusesSuperAdminConfAndWritesNothing() throws Exception {
        Path superAdmin = KubeconfigFixtures.file(tmp, "super-admin.conf",
                KubeconfigFixtures.read("super-admin.conf"));
        Path config = KubeconfigFixtures.file(tmp, ".kube/config", KubeconfigFixtures.read("laptop-config"));
        assertEquals(2, run("en", "--plan", plan.toString(), "--admin-conf", superAdmin.toString(),
                "--out", out.toString(), "--merge-into", config.toString()));
        assertTrue(err().startsWith("super-admin.conf is a super-admin kubeconfig (user kubernetes-super-admin, "
                + "as in kubeadm's super-admin.conf)"), err());
        assertFalse(Files.exists(out));
        assertEquals(List.of("config"), filesIn(config.getParent()));
        assertEquals(KubeconfigFixtures.read("laptop-config"), Files.readString(config, StandardCharsets.UTF_8));
    }

    @Test
    void refusesToMergeIntoAFileThatIsNotAKubeconfig() throws Exception {
        Path notes = KubeconfigFixtures.file(tmp, "notes.yaml", "todo: buy coffee\n");
        assertEquals(2, run("en", "--plan", plan.toString(), "--admin-conf", adminConf.toString(),
                "--out", out.toString(), "--merge-into", notes.toString()));
        assertTrue(err().startsWith("notes.yaml is not a kubeconfig"), err());
        assertEquals("todo: buy coffee\n", Files.readString(notes, StandardCharsets.UTF_8));
    }

    @Test
    void describesItselfForHelp() {
        KubeconfigCommand command = new KubeconfigCommand();
        assertEquals("kubeconfig", command.name());
        Console en = new Console(System.out, System.err, "en");
        Console zh = new Console(System.out, System.err, "zh");
        assertTrue(command.summary(en).startsWith("turn a master's admin.conf"), command.summary(en));
        assertTrue(command.summary(zh).contains("admin.conf"), command.summary(zh));
        assertTrue(command.usage().contains("--merge-into"));
    }
}
