package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubewizard.plan.Cluster;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Endpoint;
import dev.kubewizard.plan.PlanYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubeadmConfigTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private final ClusterPlan course = PlanYaml.courseExample();

    static List<JsonNode> documents(String yaml) {
        try {
            return YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ClusterPlan withCluster(ClusterPlan p, Cluster c) {
        return new ClusterPlan(p.apiVersion(), c, p.loadBalancer(), p.nodes(), p.ssh(), p.mirrors(), p.harbor(), p.cni());
    }

    static ClusterPlan withVersion(ClusterPlan p, String version) {
        Cluster c = p.cluster();
        return withCluster(p, new Cluster(c.name(), version, c.podSubnet(), c.serviceSubnet(), c.endpoint()));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void initConfigForKubernetes134IsV1beta4WithNodeIpAsANameValueList() {
        List<JsonNode> docs = documents(KubeadmConfig.init(course));
        assertEquals(3, docs.size());
        JsonNode init = docs.get(0);
        assertEquals("kubeadm.k8s.io/v1beta4", init.path("apiVersion").asText());
        assertEquals("InitConfiguration", init.path("kind").asText());
        assertEquals("192.168.1.101", init.at("/localAPIEndpoint/advertiseAddress").asText());
        assertEquals(6443, init.at("/localAPIEndpoint/bindPort").asInt());
        assertTrue(init.at("/localAPIEndpoint/bindPort").isNumber(), "bindPort must be a number, not a string");
        assertEquals("k8s-master1", init.at("/nodeRegistration/name").asText());
        assertEquals("unix:///var/run/containerd/containerd.sock", init.at("/nodeRegistration/criSocket").asText());
        JsonNode extraArgs = init.at("/nodeRegistration/kubeletExtraArgs");
        assertTrue(extraArgs.isArray(), "v1beta4 kubeletExtraArgs is a list");
        assertEquals(1, extraArgs.size());
        assertEquals("node-ip", extraArgs.get(0).path("name").asText());
        assertEquals("192.168.1.101", extraArgs.get(0).path("value").asText());

        JsonNode cluster = docs.get(1);
        assertEquals("kubeadm.k8s.io/v1beta4", cluster.path("apiVersion").asText());
        assertEquals("ClusterConfiguration", cluster.path("kind").asText());
        assertEquals("{{KUBERNETES_VERSION}}", cluster.path("kubernetesVersion").asText());
        assertEquals("k8s-api.cluster.local:6443", cluster.path("controlPlaneEndpoint").asText());
        assertEquals("registry.aliyuncs.com/google_containers", cluster.path("imageRepository").asText());
        assertEquals("10.244.0.0/16", cluster.at("/networking/podSubnet").asText());
        assertEquals("10.96.0.0/12", cluster.at("/networking/serviceSubnet").asText());
        assertEquals(List.of("k8s-api.cluster.local", "192.168.1.100", "192.168.1.101", "k8s-master1",
                        "192.168.1.102", "k8s-master2", "192.168.1.103", "k8s-master3", "127.0.0.1", "localhost"),
                texts(cluster.at("/apiServer/certSANs")));

        JsonNode kubelet = docs.get(2);
        assertEquals("kubelet.config.k8s.io/v1beta1", kubelet.path("apiVersion").asText());
        assertEquals("KubeletConfiguration", kubelet.path("kind").asText());
        assertEquals("systemd", kubelet.path("cgroupDriver").asText());
    }

    @Test
    void initConfigForKubernetes130IsV1beta3WithNodeIpAsAMap() {
        List<JsonNode> docs = documents(KubeadmConfig.init(withVersion(course, "1.30")));
        JsonNode init = docs.get(0);
        assertEquals("kubeadm.k8s.io/v1beta3", init.path("apiVersion").asText());
        assertEquals("kubeadm.k8s.io/v1beta3", docs.get(1).path("apiVersion").asText());
        JsonNode extraArgs = init.at("/nodeRegistration/kubeletExtraArgs");
        assertTrue(extraArgs.isObject(), "v1beta3 kubeletExtraArgs is a map");
        assertEquals("192.168.1.101", extraArgs.path("node-ip").asText());
        assertEquals("192.168.1.100", docs.get(1).at("/apiServer/certSANs/1").asText());
        assertEquals("k8s-api.cluster.local:6443", docs.get(1).path("controlPlaneEndpoint").asText());
    }

    @Test
    void withoutAnEndpointNameTheVipIsTheControlPlaneEndpointAndTheLoadBalancerAddressIsASan() {
        Cluster c = course.cluster();
        ClusterPlan plan = withCluster(course, new Cluster(c.name(), c.kubernetesVersion(), c.podSubnet(),
                c.serviceSubnet(), new Endpoint("", "192.168.1.99", 16443)));
        JsonNode cluster = documents(KubeadmConfig.init(plan)).get(1);
        assertEquals("192.168.1.99:16443", cluster.path("controlPlaneEndpoint").asText());
        List<String> sans = texts(cluster.at("/apiServer/certSANs"));
        assertEquals("192.168.1.99", sans.get(0));
        assertTrue(sans.contains("192.168.1.100"), "the dedicated LB host's address: " + sans);
        assertFalse(sans.contains(""));
        assertEquals(sans.size(), sans.stream().distinct().count(), "no duplicates: " + sans);
    }

    @Test
    void masterJoinConfigCarriesControlPlaneAndPlaceholdersForTheRunTimeValues() {
        JsonNode join = documents(KubeadmConfig.join(course, course.masters().get(2))).get(0);
        assertEquals("kubeadm.k8s.io/v1beta4", join.path("apiVersion").asText());
        assertEquals("JoinConfiguration", join.path("kind").asText());
        assertEquals("k8s-api.cluster.local:6443", join.at("/discovery/bootstrapToken/apiServerEndpoint").asText());
        assertEquals("{{KW_JOIN_TOKEN}}", join.at("/discovery/bootstrapToken/token").asText());
        assertEquals(List.of("{{KW_CA_CERT_HASH}}"), texts(join.at("/discovery/bootstrapToken/caCertHashes")));
        assertEquals("k8s-master3", join.at("/nodeRegistration/name").asText());
        assertEquals("unix:///var/run/containerd/containerd.sock", join.at("/nodeRegistration/criSocket").asText());
        assertEquals("node-ip", join.at("/nodeRegistration/kubeletExtraArgs/0/name").asText());
        assertEquals("192.168.1.103", join.at("/nodeRegistration/kubeletExtraArgs/0/value").asText());
        assertEquals("192.168.1.103", join.at("/controlPlane/localAPIEndpoint/advertiseAddress").asText());
        assertEquals(6443, join.at("/controlPlane/localAPIEndpoint/bindPort").asInt());
        assertEquals("{{KW_CERTIFICATE_KEY}}", join.at("/controlPlane/certificateKey").asText());
    }

    @Test
    void workerJoinConfigHasNoControlPlaneAndV1beta3UsesTheMapForm() {
        JsonNode worker = documents(KubeadmConfig.join(course, course.workers().get(1))).get(0);
        assertTrue(worker.path("controlPlane").isMissingNode());
        assertFalse(KubeadmConfig.join(course, course.workers().get(1)).contains("KW_CERTIFICATE_KEY"));
        assertEquals("192.168.1.202", worker.at("/nodeRegistration/kubeletExtraArgs/0/value").asText());

        JsonNode old = documents(KubeadmConfig.join(withVersion(course, "1.30"), course.workers().get(1))).get(0);
        assertEquals("kubeadm.k8s.io/v1beta3", old.path("apiVersion").asText());
        assertEquals("192.168.1.202", old.at("/nodeRegistration/kubeletExtraArgs/node-ip").asText());
    }

    @Test
    void withoutAnImageRepositoryOrServiceSubnetKubeadmsDefaultsApply() {
        Cluster c = course.cluster();
        dev.kubewizard.plan.Mirrors m = course.mirrors();
        ClusterPlan plan = withCluster(course, new Cluster(c.name(), c.kubernetesVersion(), c.podSubnet(), " ",
                c.endpoint()));
        plan = new ClusterPlan(plan.apiVersion(), plan.cluster(), plan.loadBalancer(), plan.nodes(), plan.ssh(),
                new dev.kubewizard.plan.Mirrors(m.ubuntu(), m.dockerCe(), m.kubernetes(), "", m.registryMirrors(),
                        m.ntp()), plan.harbor(), plan.cni());
        JsonNode cluster = documents(KubeadmConfig.init(plan)).get(1);
        assertTrue(cluster.path("imageRepository").isMissingNode());
        assertTrue(cluster.at("/networking/serviceSubnet").isMissingNode());
        assertEquals("10.244.0.0/16", cluster.at("/networking/podSubnet").asText());
    }

    @Test
    void refusesAPlanWhoseVersionIsNotAMinorLine() {
        assertThrows(IllegalArgumentException.class, () -> KubeadmConfig.init(withVersion(course, "latest")));
    }

    @Test
    void valuesWithQuotesStayValidYaml() {
        assertEquals("\"a\\\"b\\\\c\"", KubeadmConfig.q("a\"b\\c"));
        assertEquals("a\"b\\c", documents("x: " + KubeadmConfig.q("a\"b\\c")).get(0).path("x").asText());
    }
}
