package dev.kubewizard.kubeconfig;

import static dev.kubewizard.kubeconfig.KubeconfigFixtures.at;
import static dev.kubewizard.kubeconfig.KubeconfigFixtures.coursePlan;
import static dev.kubewizard.kubeconfig.KubeconfigFixtures.file;
import static dev.kubewizard.kubeconfig.KubeconfigFixtures.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubewizard.plan.Cluster;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.testing.Tools;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KubeconfigExportTest {
    private static final ObjectMapper YAML = new YAMLMapper();

    @TempDir
    Path tmp;

    private static JsonNode tree(String yaml) throws Exception {
        return YAML.readTree(yaml);
    }

    private void assertLaptopKubeconfig(String adminConf, String exported, String name, String server)
            throws Exception {
        JsonNode admin = tree(adminConf);
        JsonNode out = tree(exported);
        assertEquals(name, at(out, "clusters", 0, "name"));
        assertEquals(server, at(out, "clusters", 0, "cluster", "server"));
        assertEquals(name + "-admin", at(out, "users", 0, "name"));
        assertEquals(name, at(out, "contexts", 0, "name"));
        assertEquals(name, at(out, "contexts", 0, "context", "cluster"));
        assertEquals(name + "-admin", at(out, "contexts", 0, "context", "user"));
        assertEquals(name, at(out, "current-context"));
        for (String[] data : List.of(
                new String[] {"clusters", "cluster", "certificate-authority-data"},
                new String[] {"users", "user", "client-certificate-data"},
                new String[] {"users", "user", "client-key-data"})) {
            String original = at(admin, data[0], 0, data[1], data[2]);
            assertTrue(original.length() > 40);
            assertEquals(original, at(out, data[0], 0, data[1], data[2]), data[2] + " must be kept exactly");
            assertTrue(exported.contains(data[2] + ": " + original + "\n"), data[2] + " stays one plain line");
        }
        assertFalse(exported.contains("kubernetes-admin"), "no kubeadm generic names left");
        assertFalse(exported.contains("name: kubernetes\n"));

        Kubectl kubectl = Kubectl.on(file(tmp, name + ".kubeconfig", exported));
        kubectl.view();
        assertEquals(name, kubectl.starredContext());
        assertEquals(server, kubectl.jsonpath("{.clusters[0].cluster.server}"));
        assertEquals(server, kubectl.currentServer());
        assertEquals(name + "-admin", kubectl.jsonpath("{.contexts[0].context.user}"));
    }

    @Test
    void convertsTheSharedAdminConfExampleForTheCoursePlan() throws Exception {
        String adminConf = Tools.readShared("admin.conf.example");
        ExportedKubeconfig exported = KubeconfigExport.export(adminConf, coursePlan(), "admin.conf.example");
        assertEquals("https://k8s-lab.lab.vezpi.me:6443", exported.adminConfServer());
        assertEquals(new ClusterAccess("k8s-class", "k8s-class-admin", "k8s-class", "https://192.168.1.100:6443"),
                exported.access());
        assertLaptopKubeconfig(adminConf, exported.yaml(), "k8s-class", "https://192.168.1.100:6443");
    }

    @Test
    void convertsAHandWrittenAdminConfToTheVipOfThePlan() throws Exception {
        String adminConf = KubeconfigFixtures.read("admin.conf");
        String exported = KubeconfigExport.fromAdminConf(adminConf, coursePlan());
        assertFalse(exported.contains("k8s-api.cluster.local"), "the laptop needs no hosts entry: the VIP is used");
        assertLaptopKubeconfig(adminConf, exported, "k8s-class", "https://192.168.1.100:6443");
    }

    @Test
    void writesTheLaptopKubeconfigInKubectlsOwnLayout() throws Exception {
        String exported = KubeconfigExport.fromAdminConf(KubeconfigFixtures.read("admin.conf"), coursePlan());
        JsonNode admin = tree(KubeconfigFixtures.read("admin.conf"));
        String expected = "apiVersion: v1\n"
                + "clusters:\n"
                + "- cluster:\n"
                + "    certificate-authority-data: " + at(admin, "clusters", 0, "cluster", "certificate-authority-data")
                + "\n"
                + "    server: https://192.168.1.100:6443\n"
                + "  name: k8s-class\n"
                + "contexts:\n"
                + "- context:\n"
                + "    cluster: k8s-class\n"
                + "    user: k8s-class-admin\n"
                + "  name: k8s-class\n"
                + "current-context: k8s-class\n"
                + "kind: Config\n"
                + "preferences: {}\n"
                + "users:\n"
                + "- name: k8s-class-admin\n"
                + "  user:\n"
                + "    client-certificate-data: " + at(admin, "users", 0, "user", "client-certificate-data") + "\n"
                + "    client-key-data: " + at(admin, "users", 0, "user", "client-key-data") + "\n";
        assertEquals(expected, exported);
    }

    @Test
    void namesEntriesAfterThePlansClusterAndUsesItsPort() throws Exception {
        String adminConf = KubeconfigFixtures.read("admin.conf");
        String exported = KubeconfigExport.fromAdminConf(adminConf, plan("lab-2", "10.20.0.50", 8443));
        assertLaptopKubeconfig(adminConf, exported, "lab-2", "https://10.20.0.50:8443");
    }

    @Test
    void usesPort6443WhenThePlanGivesNone() throws Exception {
        ClusterAccess access = ClusterAccess.fromPlan(plan("k8s-class", "192.168.1.100", null));
        assertEquals("https://192.168.1.100:6443", access.server());
    }

    @Test
    void writesAnIpv6VipInBrackets() throws Exception {
        String adminConf = KubeconfigFixtures.read("admin.conf");
        String exported = KubeconfigExport.fromAdminConf(adminConf, plan("v6", "fd00:10::100", 6443));
        assertLaptopKubeconfig(adminConf, exported, "v6", "https://[fd00:10::100]:6443");
    }

    @Test
    void readsAnAdminConfSavedWithBomAndCrlf() throws Exception {
        String adminConf = KubeconfigFixtures.read("admin.conf");
        String windows = "\uFEFF" + adminConf.replace("\n", "\r\n");
        String fromWindows = KubeconfigExport.fromAdminConf(windows, coursePlan());
        assertEquals(KubeconfigExport.fromAdminConf(adminConf, coursePlan()), fromWindows);
        assertFalse(fromWindows.contains("\r"));
        assertFalse(fromWindows.startsWith("\uFEFF"));
    }

    @Test
    void keepsOtherFieldsOfTheClusterAndUserEntries() throws Exception {
        String adminConf = KubeconfigFixtures.read("admin.conf")
                .replace("    server: https://k8s-api.cluster.local:6443\n",
                        "    server: https://k8s-api.cluster.local:6443\n    tls-server-name: k8s-api.cluster.local\n");
        JsonNode out = tree(KubeconfigExport.fromAdminConf(adminConf, coursePlan()));
        assertEquals("k8s-api.cluster.local", at(out, "clusters", 0, "cluster", "tls-server-name"));
        assertEquals("https://192.168.1.100:6443", at(out, "clusters", 0, "cluster", "server"));
    }

    @Test
    void refusesSuperAdminConf() {
        KubeconfigException e = assertThrows(KubeconfigException.class, () -> KubeconfigExport.export(
                KubeconfigFixtures.read("super-admin.conf"), coursePlan(), "super-admin.conf"));
        assertTrue(e.describe("en").contains("super-admin.conf"), e.getMessage());
        assertTrue(e.describe("en").contains("must never leave"), e.getMessage());
        assertTrue(e.describe("zh").contains("绝不能离开"), e.describe("zh"));
    }

    @Test
    void refusesASuperAdminCertificateEvenUnderAnotherUserName() throws Exception {
        String[] cert = KubeconfigFixtures.certificate(tmp, "/O=system:masters/CN=kubernetes-super-admin");
        String renamed = KubeconfigFixtures.adminConf("kubernetes-admin", cert[0], cert[1]);
        KubeconfigException e = assertThrows(KubeconfigException.class,
                () -> KubeconfigExport.fromAdminConf(renamed, coursePlan()));
        assertTrue(e.describe("en").contains("system:masters"), e.getMessage());
    }

    @Test
    void acceptsARealAdminCertificateOfTheKubeadmClusterAdminsGroup() throws Exception {
        String[] cert = KubeconfigFixtures.certificate(tmp, "/O=kubeadm:cluster-admins/CN=kubernetes-admin");
        String adminConf = KubeconfigFixtures.adminConf("kubernetes-admin", cert[0], cert[1]);
        assertLaptopKubeconfig(adminConf, KubeconfigExport.fromAdminConf(adminConf, coursePlan()), "k8s-class",
                "https://192.168.1.100:6443");
    }

    @Test
    void refusesTheKubeletsKubeconfigWhichPointsToFilesOnTheNode() {
        String kubeletConf = KubeconfigFixtures.read("admin.conf")
                .replaceAll("kubernetes-admin@kubernetes", "system:node:k8s-master1@kubernetes")
                .replaceAll("    client-certificate-data: .*\n    client-key-data: .*\n",
                        "    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem\n"
                                + "    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem\n")
                .replace("kubernetes-admin", "k8s-master1-kubelet");
        KubeconfigException e = assertThrows(KubeconfigException.class,
                () -> KubeconfigExport.fromAdminConf(kubeletConf, coursePlan()));
        assertTrue(e.describe("en").contains("/var/lib/kubelet/pki/kubelet-client-current.pem"), e.getMessage());
    }

    @Test
    void refusesTheKubeconfigOfAClusterComponent() {
        String controllerManager = KubeconfigFixtures.read("admin.conf")
                .replace("kubernetes-admin", "system:kube-controller-manager");
        KubeconfigException e = assertThrows(KubeconfigException.class,
                () -> KubeconfigExport.fromAdminConf(controllerManager, coursePlan()));
        assertTrue(e.describe("en").contains("system:kube-controller-manager"), e.getMessage());
        assertTrue(e.describe("en").contains("cluster component"), e.getMessage());
    }

    @Test
    void refusesAnAdminConfWithoutClusters() {
        String noClusters = KubeconfigFixtures.read("admin.conf")
                .replaceAll("(?s)clusters:\n.*?contexts:", "contexts:");
        KubeconfigException e = assertThrows(KubeconfigException.class,
                () -> KubeconfigExport.fromAdminConf(noClusters, coursePlan()));
        assertTrue(e.describe("en").contains("has no clusters"), e.getMessage());
    }

    @Test
    void refusesAnAdminConfWithoutUsers() {
        String noUsers = KubeconfigFixtures.read("admin.conf").replaceAll("(?s)users:\n.*", "users: []\n");
        KubeconfigException e = assertThrows(KubeconfigException.class,
                () -> KubeconfigExport.fromAdminConf(noUsers, coursePlan()));
        assertTrue(e.describe("en").contains("has no users"), e.getMessage());
    }

    @Test
    void refusesAnAdminConfWhoseContextNamesAMissingUser() {
        String broken = KubeconfigFixtures.read("admin.conf").replace("- name: kubernetes-admin", "- name: someone");
        KubeconfigException e = assertThrows(KubeconfigException.class,
                () -> KubeconfigExport.fromAdminConf(broken, coursePlan()));
        assertTrue(e.describe("en").contains("uses user \"kubernetes-admin\""), e.getMessage());
    }

    @Test
    void refusesAnAdminConfWithoutClientKey() {
        String noKey = KubeconfigFixtures.read("admin.conf").replaceAll("    client-key-data: .*\n", "");
        KubeconfigException e = assertThrows(KubeconfigException.class,
                () -> KubeconfigExport.fromAdminConf(noKey, coursePlan()));
        assertTrue(e.describe("en").contains("client-key-data"), e.getMessage());
    }

    @Test
    void refusesThePlanFileGivenInsteadOfAdminConf() {
        String planYaml = PlanYaml.toYaml(coursePlan());
        KubeconfigException e = assertThrows(KubeconfigException.class,
                () -> KubeconfigExport.export(planYaml, coursePlan(), "plan.yaml"));
        assertEquals("plan.yaml is not a kubeconfig: it has no kind: Config and no clusters, contexts or users.",
                e.describe("en"));
    }

    @Test
    void refusesYamlOfAnotherKind() {
        String kubeadmConfig = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n";
        KubeconfigException e = assertThrows(KubeconfigException.class,
                () -> KubeconfigExport.export(kubeadmConfig, coursePlan(), "kubeadm-config.yaml"));
        assertTrue(e.describe("en").contains("kind is \"ClusterConfiguration\""), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n", "# only a comment\n", "- a\n- list\n", "just text\n"})
    void refusesTextThatIsNotAKubeconfig(String text) {
        KubeconfigException e = assertThrows(KubeconfigException.class,
                () -> KubeconfigExport.fromAdminConf(text, coursePlan()));
        assertTrue(e.describe("en").contains("admin.conf"), e.getMessage());
        assertFalse(e.describe("zh").isBlank());
    }

    @Test
    void refusesBrokenYamlNamingTheLine() {
        String broken = KubeconfigFixtures.read("admin.conf").replace("kind: Config", "kind: [Config");
        KubeconfigException e = assertThrows(KubeconfigException.class,
                () -> KubeconfigExport.fromAdminConf(broken, coursePlan()));
        assertTrue(e.describe("en").startsWith("admin.conf: YAML syntax error at line "), e.getMessage());
        assertFalse(e.describe("en").contains("Exception"), e.getMessage());
    }

    @Test
    void refusesAPlanWithoutClusterName() {
        assertPlanRefused(plan(null, "192.168.1.100", 6443), "no cluster.name");
        assertPlanRefused(plan("  ", "192.168.1.100", 6443), "no cluster.name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"my cluster", "-class", "class-", "k8s/class", "教室"})
    void refusesAClusterNameThatCannotNameKubeconfigEntries(String name) {
        assertPlanRefused(plan(name, "192.168.1.100", 6443), "cannot name kubeconfig entries");
    }

    @Test
    void refusesAPlanWithoutEndpointOrVip() {
        ClusterPlan course = coursePlan();
        Cluster c = course.cluster();
        assertPlanRefused(KubeconfigFixtures.withCluster(course,
                new Cluster(c.name(), c.kubernetesVersion(), c.podSubnet(), c.serviceSubnet(), null)),
                "no cluster.endpoint:");
        assertPlanRefused(plan("k8s-class", null, 6443), "no cluster.endpoint.vip");
        assertPlanRefused(plan("k8s-class", "", 6443), "no cluster.endpoint.vip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s-api.cluster.local", "192.168.1", "192.168.1.256", "0.0.0.0", "127.0.0.1",
        "224.0.0.1", "::1", "fd00::zz", "abc:def"})
    void refusesAVipTheLaptopCannotConnectTo(String vip) {
        assertPlanRefused(plan("k8s-class", vip, 6443), "is not an address the laptop can connect to");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536})
    void refusesAPortOutsideTheTcpRange(int port) {
        assertPlanRefused(plan("k8s-class", "192.168.1.100", port), "is not a TCP port");
    }

    private static void assertPlanRefused(ClusterPlan plan, String expected) {
        KubeconfigException e = assertThrows(KubeconfigException.class,
                () -> KubeconfigExport.fromAdminConf(KubeconfigFixtures.read("admin.conf"), plan));
        assertTrue(e.describe("en").contains(expected), e.describe("en"));
        assertTrue(e.describe("zh").contains("cluster."), e.describe("zh"));
    }
}
