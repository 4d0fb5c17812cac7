package dev.kubewizard.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanYamlTest {
    private static final String HEADER = "apiVersion: kubewizard/v1\n";

    @TempDir
    Path dir;

    private static String courseText() {
        try (var in = PlanYaml.class.getResourceAsStream(PlanYaml.COURSE_EXAMPLE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static PlanFormatException failure(String text) {
        return assertThrows(PlanFormatException.class, () -> PlanYaml.parse(text, "plan.yaml"));
    }

    /** A problem is for a person: one line in each language, no parser internals, no Java class names. */
    private static void assertReadable(PlanFormatException e) {
        for (String s : List.of(e.problem().zh(), e.problem().en(), e.describe("zh"), e.describe("en"))) {
            assertFalse(s.isBlank());
            assertFalse(s.contains("\n"), s);
            for (String internal : List.of("Source:", "reference chain", "java.", "dev.kubewizard", "[B@", "Exception",
                    "JsonToken", "Cannot deserialize", "'reader'")) {
                assertFalse(s.contains(internal), () -> "internal detail \"" + internal + "\" in: " + s);
            }
        }
        assertTrue(e.problem().zh().codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), e.problem()::zh);
        assertTrue(e.getMessage().startsWith("plan.yaml"), e.getMessage());
    }

    // ---- the course example and saving

    @Test
    void loadsTheCourseExample() {
        ClusterPlan plan = PlanYaml.courseExample();
        assertEquals("k8s-class", plan.cluster().name());
        assertEquals("1.34", plan.cluster().kubernetesVersion());
        assertEquals(34, plan.kubernetesMinor());
        assertEquals(List.of("k8s-master1", "k8s-master2", "k8s-master3"),
                plan.masters().stream().map(Node::hostname).toList());
        assertEquals(List.of("192.168.1.201", "192.168.1.202"), plan.workers().stream().map(Node::address).toList());
        assertEquals(LbMode.EXTERNAL, plan.lbMode());
        assertEquals(new LbHost("k8s-lb", "192.168.1.100"), plan.lbHost().orElseThrow());
        assertEquals(new Endpoint("k8s-api.cluster.local", "192.168.1.100", 6443), plan.cluster().endpoint());
        assertEquals(List.of("https://docker.m.daocloud.io"), plan.mirrors().registryMirrors().get("docker.io"));
        assertEquals(5, plan.mirrors().ntp().size());
        assertEquals("harbor.labworlds.cc", plan.harbor().host());
        assertTrue(plan.harbor().pullSecretOrDefault());
        assertEquals("v3.28.2", plan.cni().calico().version());
        assertEquals(SshAuth.PASSWORD, plan.sshOrDefault().authOrDefault());
    }

    @Test
    void aSavedPlanLoadsBackEqual() throws Exception {
        ClusterPlan course = PlanYaml.courseExample();
        Path file = dir.resolve("plan.yaml");
        PlanYaml.write(course, file);
        assertEquals(course, PlanYaml.read(file));
        ClusterPlan keepalived = PlanVariant.course().keepalived().lbInterface("ens33").nodePort(1, 2222)
                .nodeUser(1, "ubuntu").sshAuth(SshAuth.KEY).privateKeyFile("C:\\Users\\老师\\.ssh\\id_ed25519")
                .harbor(null).build();
        PlanYaml.write(keepalived, file);
        assertEquals(keepalived, PlanYaml.read(file));
    }

    @Test
    void writesOnlyPlanFieldsAndNoHelperProperties() throws Exception {
        String yaml = PlanYaml.toYaml(PlanYaml.courseExample());
        // Harbor.isHttps() and friends are derived values, not fields: the reader would reject them
        List<String> keys = yaml.lines().map(l -> l.strip().replaceFirst("^- ", ""))
                .filter(l -> l.matches("[A-Za-z]+:( .*)?")).map(l -> l.substring(0, l.indexOf(':')))
                .distinct().toList();
        for (String derived : List.of("https", "portOrDefault", "userOrDefault", "masters", "lbMode", "hosts")) {
            assertFalse(keys.contains(derived), () -> derived + " in\n" + yaml);
        }
        assertTrue(keys.containsAll(List.of("apiVersion", "cluster", "endpoint", "nodes", "harbor", "pullSecret")));
        assertTrue(yaml.startsWith(HEADER), yaml);
    }

    @Test
    void writesUtf8WithLfLineEndings() throws Exception {
        Path file = dir.resolve("plan.yaml");
        PlanYaml.write(PlanVariant.course().harborUsername("管理员").build(), file);
        byte[] bytes = Files.readAllBytes(file);
        assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains("\r"));
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("username: 管理员"));
    }

    @Test
    void stringsThatLookLikeOtherYamlTypesSurviveSaveAndLoad() throws Exception {
        List<String> tricky = List.of("null", "Null", "NULL", "~", "true", "False", "yes", "No", "on", "OFF", "y", "n",
                "1.30", "1.3", "012", "0x1F", "0o17", "1e3", "+1", "-1", ".inf", "-.Inf", ".nan", "1_000", "12:30",
                "2024-06-11", "", " ", " lead", "trail ", "#x", "a #b", "- x", "-", "a: b", "a:b", "{a}", "[a]",
                "*x", "&x", "!x", "!!str", "|", ">", "'", "\"", "''", "%", "@x", "`x", "?", "? x", ",", "---", "...",
                "中文 主机", "C:\\Users\\t\\id_rsa", "tab\there", "two\nlines", "trailing\n", "😀", "é");
        for (String s : tricky) {
            ClusterPlan plan = PlanMutator.replaceStrings(PlanYaml.courseExample(), x -> s);
            String yaml = PlanYaml.toYaml(plan);
            ClusterPlan back;
            try {
                back = PlanYaml.parse(yaml, "plan.yaml");
            } catch (PlanFormatException e) {
                throw new AssertionError("\"" + s + "\" written as\n" + yaml + "\ncannot be read: " + e.getMessage(),
                        e);
            }
            assertEquals(plan, back, () -> "\"" + s + "\" changed through\n" + yaml);
        }
    }

    // ---- what people write

    @Test
    void readsAnUnquotedKubernetesVersionAsWritten() throws Exception {
        String text = courseText().replace("kubernetesVersion: \"1.34\"", "kubernetesVersion: 1.30");
        assertEquals("1.30", PlanYaml.parse(text, "plan.yaml").cluster().kubernetesVersion());
        String v131 = courseText().replace("kubernetesVersion: \"1.34\"", "kubernetesVersion: 1.31");
        assertEquals("1.31", PlanYaml.parse(v131, "plan.yaml").cluster().kubernetesVersion());
    }

    @Test
    void acceptsAByteOrderMark() throws Exception {
        assertEquals(PlanYaml.courseExample(), PlanYaml.parse("\uFEFF" + courseText(), "plan.yaml"));
        Path file = dir.resolve("bom.yaml");
        byte[] text = courseText().getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Files.write(file, withBom);
        assertEquals(PlanYaml.courseExample(), PlanYaml.read(file));
    }

    @Test
    void readsUtf16FilesThatCarryAByteOrderMark() throws Exception {
        Path file = dir.resolve("utf16.yaml");
        Files.write(file, ("\uFEFF" + courseText()).getBytes(StandardCharsets.UTF_16LE));
        assertEquals(PlanYaml.courseExample(), PlanYaml.read(file));
        Files.write(file, courseText().getBytes(StandardCharsets.UTF_16)); // big endian with BOM
        assertEquals(PlanYaml.courseExample(), PlanYaml.read(file));
    }

    @Test
    void reportsAFileSavedAsGbkWithTheLineOfTheFirstBadByte() throws Exception {
        Path file = dir.resolve("gbk.yaml");
        String text = HEADER + "cluster:\n  name: k8s-class   # 课程集群\n";
        Files.write(file, text.getBytes(Charset.forName("GBK")));
        PlanFormatException e = assertThrows(PlanFormatException.class, () -> PlanYaml.read(file));
        assertEquals(3, e.line());
        assertTrue(e.problem().en().contains("UTF-8"), e.problem().en());
        assertTrue(e.getMessage().startsWith("gbk.yaml:3: "), e.getMessage());
    }

    @Test
    void reportsYamlSyntaxErrorsWithLineAndColumn() {
        PlanFormatException tab = failure(HEADER + "cluster:\n\tname: k8s-class\n");
        assertEquals(3, tab.line());
        assertEquals(1, tab.column());
        assertTrue(tab.problem().en().contains("tab"), tab.problem().en());
        assertEquals("plan.yaml:3:1: " + tab.problem().en(), tab.getMessage());

        PlanFormatException indent = failure(HEADER + "cluster:\n  name: k8s-class\n podSubnet: 10.244.0.0/16\n");
        assertEquals(4, indent.line());
        assertEquals(2, indent.column());
        assertTrue(indent.problem().en().contains("indented"), indent.problem().en());

        PlanFormatException colon = failure(HEADER + "cluster:\n  name: k8s: class\n");
        assertEquals(3, colon.line());
        assertEquals(12, colon.column());
        assertTrue(colon.problem().en().contains("quotes"), colon.problem().en());

        PlanFormatException quote = failure(HEADER + "cluster:\n  name: \"k8s-class\n  podSubnet: x\n");
        assertEquals(3, quote.line());
        assertEquals(9, quote.column());
        assertTrue(quote.problem().en().contains("quote"), quote.problem().en());

        PlanFormatException bracket = failure(HEADER + "nodes:\n  - {hostname: a, address: 1.2.3.4\n");
        assertEquals(3, bracket.line());
        assertEquals(5, bracket.column());
        List.of(tab, indent, colon, quote, bracket).forEach(PlanYamlTest::assertReadable);
    }

    @Test
    void reportsAnUnknownFieldWithItsPathAndTheLikelyMeaning() {
        String text = courseText().replace("k8s-node1, address", "k8s-node1, adress");
        PlanFormatException e = failure(text);
        assertEquals("nodes[3].adress", e.path());
        assertEquals(20, e.line());
        assertTrue(e.column() > 0);
        assertTrue(e.problem().en().contains("\"address\""), e.problem().en());
        assertTrue(e.problem().zh().contains("\"address\""), e.problem().zh());
        assertTrue(e.getMessage().startsWith("plan.yaml:20:" + e.column() + ": nodes[3].adress: "), e.getMessage());
        assertReadable(e);
    }

    @Test
    void listsTheAllowedFieldsWhenNoneIsClose() {
        PlanFormatException e = failure(courseText().replace("harbor:", "harbor:\n  colour: blue"));
        assertEquals("harbor.colour", e.path());
        assertTrue(e.problem().en().contains("host, pullSecret, scheme, skipVerify, testImage, username"),
                e.problem().en());
        assertReadable(e);
    }

    @Test
    void reportsABadRoleWithItsPathAndTheAllowedValues() {
        PlanFormatException e = failure(courseText().replace("192.168.1.202, role: worker",
                "192.168.1.202, role: wroker"));
        assertEquals("nodes[4].role", e.path());
        assertEquals(21, e.line());
        for (String text : List.of(e.problem().zh(), e.problem().en())) {
            assertTrue(text.contains("wroker") && text.contains("master | worker"), text);
        }
        assertReadable(e);
    }

    @Test
    void reportsBadModeAndAuthValuesWithTheirPaths() {
        PlanFormatException mode = failure(courseText().replace("mode: external", "mode: nginx"));
        assertEquals("loadBalancer.mode", mode.path());
        assertTrue(mode.problem().zh().contains("external | keepalived"), mode.problem().zh());
        PlanFormatException auth = failure(courseText().replace("auth: password", "auth: Password"));
        assertEquals("ssh.auth", auth.path());
        assertTrue(auth.problem().en().contains("password | key"), auth.problem().en());
        assertReadable(mode);
        assertReadable(auth);
    }

    @Test
    void reportsValuesOfTheWrongKindWithTheirPaths() {
        PlanFormatException port = failure(courseText().replace("port: 22,", "port: twenty-two,"));
        assertEquals("ssh.port", port.path());
        assertTrue(port.problem().zh().contains("数字"), port.problem().zh());
        PlanFormatException big = failure(courseText().replace("port: 22,", "port: 99999999999,"));
        assertEquals("ssh.port", big.path());
        PlanFormatException fraction = failure(courseText().replace("port: 22,", "port: 22.5,"));
        assertEquals("ssh.port", fraction.path());
        PlanFormatException flag = failure(courseText().replace("skipVerify: true", "skipVerify: maybe"));
        assertEquals("harbor.skipVerify", flag.path());
        PlanFormatException list = failure(courseText().replace("docker.io: [https://docker.m.daocloud.io]",
                "docker.io: https://docker.m.daocloud.io"));
        assertEquals("mirrors.registryMirrors.docker.io", list.path());
        PlanFormatException nodes = failure(HEADER + "nodes: k8s-master1\n");
        assertEquals("nodes", nodes.path());
        List.of(port, big, fraction, flag, list, nodes).forEach(PlanYamlTest::assertReadable);
    }

    @Test
    void reportsAnEmptyListEntryWithItsPath() {
        PlanFormatException node = failure(HEADER + "nodes:\n  - {hostname: a, address: 1.2.3.4, role: master}\n  -\n");
        assertEquals("nodes[1]", node.path());
        PlanFormatException ntp = failure(HEADER + "mirrors:\n  ntp: [ntp.aliyun.com, ~]\n");
        assertEquals("mirrors.ntp[1]", ntp.path());
        assertTrue(ntp.problem().en().contains("empty entry"), ntp.problem().en());
        assertReadable(node);
        assertReadable(ntp);
    }

    @Test
    void reportsAFieldWrittenTwiceWithItsPath() {
        PlanFormatException e = failure(courseText().replace("address: 192.168.1.103,",
                "address: 192.168.1.103, address: 192.168.1.104,"));
        assertEquals("nodes[2].address", e.path());
        assertEquals(19, e.line());
        assertReadable(e);
    }

    @Test
    void reportsAMissingOrForeignApiVersion() {
        PlanFormatException missing = failure(courseText().replace(HEADER, ""));
        assertEquals("apiVersion", missing.path());
        assertTrue(missing.problem().en().contains("apiVersion: kubewizard/v1"), missing.problem().en());
        PlanFormatException foreign = failure(courseText().replace(HEADER, "apiVersion: kubeadm.k8s.io/v1beta4\n"));
        assertEquals("apiVersion", foreign.path());
        assertTrue(foreign.problem().en().contains("kubeadm.k8s.io/v1beta4"), foreign.problem().en());
        assertReadable(missing);
        assertReadable(foreign);
    }

    @Test
    void reportsEmptyFilesAndFilesThatAreNoPlan() {
        for (String text : List.of("", "   \n\n", "# only a comment\n", "---\n", "~\n")) {
            assertReadable(failure(text));
        }
        for (String text : List.of("hello", "- a\n- b\n", "42", "\"just a string\"", "!!binary aGVsbG8=")) {
            PlanFormatException e = failure(text);
            assertTrue(e.problem().en().contains("does not look like a kubewizard plan"), e.problem().en());
            assertReadable(e);
        }
        PlanFormatException twoDocuments = failure(courseText() + "---\n" + courseText());
        assertTrue(twoDocuments.problem().en().contains("more than one YAML document"), twoDocuments.problem().en());
        assertReadable(twoDocuments);
    }

    @Test
    void reportsMalformedInputsAsPlanFormatExceptionsOnly() {
        List<String> garbage = new ArrayList<>(List.of("{", "}", "[", "]", "[[[", "{{{", ":", "::", "- - -", "? ",
                "&a", "*a", "!!", "!!int x", "%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "%TAG ! x\n",
                "a: &x [1]\nb: *x\n", "\"unterminated", "'unterminated", "a: |\n b\n  c", "a: >\nb",
                "\u0000", "\u0001\u0002", "\uFFFE", "\t", "\t\t- a", "a:\tb\n\tc: d",
                HEADER + "cluster: [", HEADER + "cluster: {name: [}", HEADER + "nodes: [{]}",
                HEADER + "nodes:\n- a\n  - b", HEADER + "cluster:\n  endpoint: {port: 1e400}",
                HEADER + "cluster:\n  endpoint: {port: -}", HEADER + "cluster:\n  kubernetesVersion: {a: 1}",
                HEADER + "mirrors:\n  registryMirrors: [a, b]", HEADER + "mirrors:\n  registryMirrors: {? [a]: [b]}",
                HEADER + "ssh: {auth: ~, port: ~, user: [root]}", HEADER + "loadBalancer: {mode: [external]}",
                HEADER + "harbor: {skipVerify: 1}", HEADER + "cni: {calico: {version: {v: 3}}}",
                HEADER + "nodes: *undefined", HEADER + "apiVersion: twice",
                "[".repeat(5000), "{a: ".repeat(3000), "- ".repeat(3000) + "x",
                "a:\n" + "  b:\n".repeat(200), "lol: &a [x, x, x, x, x, x, x, x, x]\nlol2: &b [*a, *a, *a, *a, *a]\n"
                        + "lol3: &c [*b, *b, *b, *b, *b]\nlol4: [*c, *c, *c, *c, *c, *c, *c]\n"));
        for (String text : garbage) {
            try {
                PlanYaml.parse(text, "plan.yaml");
            } catch (PlanFormatException e) {
                assertNotNull(e.problem());
                assertFalse(e.problem().en().isBlank() || e.problem().zh().isBlank(), text);
            } catch (RuntimeException e) {
                throw new AssertionError("not a PlanFormatException for: " + text.substring(0,
                        Math.min(text.length(), 80)), e);
            }
        }
    }

    @Test
    void randomlyCorruptedCourseFilesNeverEscapeAsRuntimeExceptions() {
        String course = courseText();
        String[] pieces = {":", ": ", "-", "- ", " ", "  ", "\t", "{", "}", "[", "]", "\"", "'", "#", "&a ", "*a",
            "!", "|", ">", "\n", "%", "@", "`", "?", ",", "~", "\u0000", "\uFEFF", "中", "\r\n", "---\n", "..."};
        Random random = new Random(4242L);
        int parsed = 0;
        for (int round = 0; round < 3000; round++) {
            StringBuilder text = new StringBuilder(course);
            int edits = 1 + random.nextInt(3);
            for (int i = 0; i < edits; i++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, pieces[random.nextInt(pieces.length)]);
                    case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(8)));
                    default -> text.replace(at, at + 1, pieces[random.nextInt(pieces.length)]);
                }
            }
            String corrupted = text.toString();
            try {
                ClusterPlan plan = PlanYaml.parse(corrupted, "plan.yaml");
                parsed++;
                PlanValidator.validate(plan, dir); // what loads must also validate without throwing
            } catch (PlanFormatException e) {
                assertFalse(e.problem().en().isBlank() || e.problem().zh().isBlank());
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            } catch (RuntimeException e) {
                throw new AssertionError("round " + round + " escaped on:\n" + corrupted, e);
            }
        }
        assertTrue(parsed > 100 && parsed < 2900, "parsed " + parsed + ": corruption too weak or too strong");
    }

    @Test
    void theMessagesOfAllKnownFormatProblemsAreReadable() {
        for (String text : List.of(HEADER + "cluster:\n\tname: x\n", HEADER + "nodes: [~]\n",
                HEADER + "ssh: {port: 99999999999}\n", HEADER + "ssh: {prot: 22}\n", HEADER + "ssh: {auth: pw}\n",
                HEADER + "cluster: {name: [x]}\n", "hello", HEADER + HEADER, HEADER + "a: b: c\n")) {
            assertReadable(failure(text));
        }
    }
}
