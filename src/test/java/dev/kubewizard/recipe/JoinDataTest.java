package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The join-data step on the first master reads kubeadm's own console output. These tests run the generated step with a
 * fake kubeadm that prints real captured output (../shared/fixtures) and hand-written copies of it.
 */
class JoinDataTest {
    private static final Pattern OUTPUT = Pattern.compile("^::kubewizard-output ([A-Z0-9_]+)=(.*)$", Pattern.MULTILINE);

    /** kubeadm init's upload-certs lines and the worker join command, as kubeadm 1.32 prints them (TABs). */
    private static final String HAND_WRITTEN_UPLOAD = """
            [upload-certs] Storing the certificates in Secret "kubeadm-certs" in the "kube-system" Namespace
            [upload-certs] Using certificate key:
            3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a
            """;
    private static final String HAND_WRITTEN_JOIN = "kubeadm join k8s-api.cluster.local:6443 --token abcdef.0123456789abcdef \\\n"
            + "\t--discovery-token-ca-cert-hash sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef \n";

    @TempDir
    Path tmp;

    private final ClusterPlan plan = PlanYaml.courseExample();

    private int nodes;

    private ClusterStepsFakeNode nodeWith(String joinCommand, String uploadCerts) throws IOException {
        ClusterStepsFakeNode node = new ClusterStepsFakeNode(tmp.resolve("node" + (++nodes)));
        Files.writeString(node.log.resolve("join-command.txt"), joinCommand, StandardCharsets.UTF_8);
        Files.writeString(node.log.resolve("upload-certs.txt"), uploadCerts, StandardCharsets.UTF_8);
        node.fake("kubeadm", """
                echo "$*" >> "$KW_FAKE_LOG/kubeadm.args"
                case "$1 $2" in
                  "token create") cat "$KW_FAKE_LOG/join-command.txt" ;;
                  "init phase") echo "W0101 fake warning on stderr" >&2; cat "$KW_FAKE_LOG/upload-certs.txt" ;;
                  *) echo "fake kubeadm: unexpected $*" >&2; exit 2 ;;
                esac
                """);
        return node;
    }

    private static Map<String, String> outputs(String stdout) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = OUTPUT.matcher(stdout);
        while (m.find()) {
            values.put(m.group(1), m.group(2));
        }
        return values;
    }

    private Map<String, String> runForMaster(String joinCommand, String uploadCerts) throws IOException {
        ClusterStepsFakeNode node = nodeWith(joinCommand, uploadCerts);
        Step step = ClusterSteps.joinMaster(plan, plan.masters().get(1)).get(0);
        ClusterStepsFakeNode.Run run = node.run(step.script(), "");
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(node.logged("kubeadm.args").contains("token create --ttl 1h --print-join-command"));
        assertTrue(node.logged("kubeadm.args").contains("init phase upload-certs --upload-certs"));
        return outputs(run.stdout());
    }

    /** Lines {@code from} .. {@code to} (1-based, inclusive) of a fixture. */
    private static String lines(String text, int from, int to) {
        List<String> all = Arrays.asList(text.split("\n", -1));
        return String.join("\n", all.subList(from - 1, to)) + "\n";
    }

    private static String withTabs(String block) {
        return block.replace("\n        ", "\n\t");
    }

    @Test
    void readsTokenHashAndCertificateKeyFromHandWrittenKubeadmOutput() throws IOException {
        Map<String, String> values = runForMaster(HAND_WRITTEN_JOIN, HAND_WRITTEN_UPLOAD);
        assertEquals(Map.of("KW_JOIN_TOKEN", "abcdef.0123456789abcdef",
                "KW_CA_CERT_HASH", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "KW_CERTIFICATE_KEY", "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a"), values);
    }

    @Test
    void readsTheOneLineFormOfTokenCreatePrintJoinCommand() throws IOException {
        String oneLine = "kubeadm join k8s-api.cluster.local:6443 --token abcdef.0123456789abcdef "
                + "--discovery-token-ca-cert-hash sha256:" + "ab".repeat(32) + " \n";
        Map<String, String> values = runForMaster(oneLine, HAND_WRITTEN_UPLOAD);
        assertEquals("abcdef.0123456789abcdef", values.get("KW_JOIN_TOKEN"));
        assertEquals("sha256:" + "ab".repeat(32), values.get("KW_CA_CERT_HASH"));
    }

    @Test
    void readsTheRealKubeadmInitOutputWithSpacesAndWithTabs() throws IOException {
        String init = Tools.readShared("kubeadm-init-output.txt");
        String upload = lines(init, 44, 46);
        assertTrue(upload.startsWith("[upload-certs] Storing"), upload);
        String worker = lines(init, 88, 89);
        String master = lines(init, 78, 80);
        assertTrue(worker.startsWith("kubeadm join") && master.contains("--control-plane"), worker + master);
        Map<String, String> expected = Map.of("KW_JOIN_TOKEN", "8etamd.g8whseg60kg09nu1",
                "KW_CA_CERT_HASH", "sha256:65c4da3121f57d2e67ea6c1c1349544c9e295d78790b199b5c3be908ffe5ed6c",
                "KW_CERTIFICATE_KEY", "70614009469f9fc7a97c392253492c509f1884281f59ccd7725b3200e3271794");
        // As pasted from a terminal (8 spaces), and as kubeadm prints it (TABs).
        for (String block : List.of(worker, master, withTabs(worker), withTabs(master))) {
            assertEquals(expected, runForMaster(block, upload), block);
        }
        assertTrue(withTabs(worker).contains("\t--discovery-token-ca-cert-hash"));
    }

    @Test
    void readsTheRealIpEndpointInitOutput() throws IOException {
        String init = Tools.readShared("kubeadm-init-output.ubuntu2404-ip-endpoint.txt");
        String upload = lines(init, 46, 48);
        String worker = lines(init, 90, 91);
        assertTrue(worker.startsWith("kubeadm join 20.20.20.11:6443"), worker);
        Map<String, String> values = runForMaster(withTabs(worker), upload);
        assertEquals("ajrbck.gadjppj7nq122dde", values.get("KW_JOIN_TOKEN"));
        assertEquals("sha256:a2cfd158e6346f9ca75589ad98e0fcc76d89f03e89b2b5f84e7fe87a4328fdc9",
                values.get("KW_CA_CERT_HASH"));
        assertEquals("43d861fb4825a3ba2477f045569bf8f8f80c41c66c9fee6e245e55b67e29c1cc",
                values.get("KW_CERTIFICATE_KEY"));
    }

    @Test
    void aWorkerGetsTokenAndHashButNoCertificateKeyAndNoCertificatesAreUploaded() throws IOException {
        ClusterStepsFakeNode node = nodeWith(HAND_WRITTEN_JOIN, HAND_WRITTEN_UPLOAD);
        Step step = ClusterSteps.joinWorker(plan, plan.workers().get(0)).get(0);
        assertEquals(List.of(JoinData.TOKEN, JoinData.CA_CERT_HASH), step.outputs());
        ClusterStepsFakeNode.Run run = node.run(step.script(), "");
        assertEquals(0, run.exitCode(), run.all());
        assertEquals(List.of("KW_JOIN_TOKEN", "KW_CA_CERT_HASH"), List.copyOf(outputs(run.stdout()).keySet()));
        assertFalse(node.logged("kubeadm.args").contains("upload-certs"));
    }

    @Test
    void theClusterConfigurationIsUsedForUploadCertsWhenItIsThere() throws IOException {
        ClusterStepsFakeNode node = nodeWith(HAND_WRITTEN_JOIN, HAND_WRITTEN_UPLOAD);
        Files.createDirectories(node.path("/etc/kubewizard"));
        Files.writeString(node.path(KubeadmConfig.INIT_CONFIG_PATH), "kind: InitConfiguration\n");
        ClusterStepsFakeNode.Run run = node.run(ClusterSteps.joinMaster(plan, plan.masters().get(2)).get(0).script(), "");
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(node.logged("kubeadm.args").contains("init phase upload-certs --upload-certs --config "
                + node.path(KubeadmConfig.INIT_CONFIG_PATH)), node.logged("kubeadm.args"));
    }

    @Test
    void outputWithoutATokenOrKeyFailsAndHandsOverNothing() throws IOException {
        ClusterStepsFakeNode node = nodeWith("error: could not create token\n", HAND_WRITTEN_UPLOAD);
        Step step = ClusterSteps.joinMaster(plan, plan.masters().get(1)).get(0);
        ClusterStepsFakeNode.Run run = node.run(step.script(), "");
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.stderr().contains("no bootstrap token"), run.stderr());
        assertTrue(outputs(run.stdout()).isEmpty(), run.stdout());

        ClusterStepsFakeNode other = nodeWith(HAND_WRITTEN_JOIN, "[upload-certs] Using certificate key:\n");
        ClusterStepsFakeNode.Run noKey = other.run(step.script(), "");
        assertEquals(1, noKey.exitCode(), noKey.all());
        assertTrue(noKey.stderr().contains("did not end with a certificate key"), noKey.stderr());
        assertTrue(outputs(noKey.stdout()).isEmpty());
    }

    @Test
    void joinDataStepsHaveOneIdPerJoiningNodeAndAlwaysRun() {
        Step forMaster2 = ClusterSteps.joinMaster(plan, plan.masters().get(1)).get(0);
        Step forNode2 = ClusterSteps.joinWorker(plan, plan.workers().get(1)).get(0);
        assertEquals("join-data-k8s-master2", forMaster2.id());
        assertEquals("join-data-k8s-node2", forNode2.id());
        assertEquals("k8s-master1", forMaster2.host());
        assertEquals("k8s-master1", forNode2.host());
        assertTrue(forMaster2.check().contains("exit 1"), "fresh data for every join: the check never passes");
        assertEquals(List.of(JoinData.TOKEN, JoinData.CA_CERT_HASH, JoinData.CERTIFICATE_KEY), forMaster2.outputs());
        assertTrue(JoinData.TOKEN.secret() && JoinData.CERTIFICATE_KEY.secret() && !JoinData.CA_CERT_HASH.secret());
    }
}
