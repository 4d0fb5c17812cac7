package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubewizard.testing.Tools;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

public class CalicoManifestTest {
    private static final String MIRROR = "docker.m.daocloud.io";
    private static final String POD_SUBNET = "10.244.0.0/16";
    private static final Set<String> WORKLOADS = Set.of("DaemonSet", "Deployment");

    /** A small calico.yaml look-alike: same layout as upstream where it matters. */
    public static final String HAND_WRITTEN = """
            ---
            # Source: calico/templates/calico-config.yaml
            kind: ConfigMap
            apiVersion: v1
            metadata:
              name: calico-config
              namespace: kube-system
            data:
              calico_backend: "bird"
              veth_mtu: "0"
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: ippools.crd.projectcalico.org
            spec:
              group: crd.projectcalico.org
              names:
                kind: IPPool
                plural: ippools
              scope: Cluster
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    description: |
                      Text that is not a manifest line:
                      image: docker.io/not/an-image:v1
                    type: object
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: calico-node
              namespace: kube-system
            ---
            kind: DaemonSet
            apiVersion: apps/v1
            metadata:
              name: calico-node
              namespace: kube-system
            spec:
              selector:
                matchLabels:
                  k8s-app: calico-node
              template:
                metadata:
                  labels:
                    k8s-app: calico-node
                spec:
                  hostNetwork: true
                  initContainers:
                    - name: install-cni
                      image: calico/cni:v3.28.2
                      env:
                        - name: CNI_CONF_NAME
                          value: "10-calico.conflist"
                  containers:
                    # Runs calico-node on each node.
                    - name: calico-node
                      image: docker.io/calico/node:v3.28.2
                      envFrom:
                      - configMapRef:
                          name: kubernetes-services-endpoint
                          optional: true
                      env:
                        - name: DATASTORE_TYPE
                          value: "kubernetes"
                        - name: CALICO_NETWORKING_BACKEND
                          valueFrom:
                            configMapKeyRef:
                              name: calico-config
                              key: calico_backend
                        # The default IPv4 pool to create on startup if none exists.
                        # - name: CALICO_IPV4POOL_CIDR
                        #   value: "192.168.0.0/16"
                        # Disable file logging so `kubectl logs` works.
                        - name: CALICO_DISABLE_FILE_LOGGING
                          value: "true"
                      securityContext:
                        privileged: true
                  volumes:
                    - name: lib-modules
                      hostPath:
                        path: /lib/modules
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: calico-kube-controllers
              namespace: kube-system
            spec:
              template:
                spec:
                  containers:
                    - name: calico-kube-controllers
                      image: "docker.io/calico/kube-controllers:v3.28.2"  # pinned
            """;

    private static List<String> identities(List<JsonNode> docs) {
        List<String> ids = new ArrayList<>();
        for (JsonNode d : docs) {
            ids.add(d.path("kind").asText() + "/" + d.at("/metadata/name").asText());
        }
        return ids;
    }

    private static List<String> images(List<JsonNode> docs) {
        List<String> images = new ArrayList<>();
        for (JsonNode d : docs) {
            if (WORKLOADS.contains(d.path("kind").asText())) {
                for (String list : List.of("initContainers", "containers")) {
                    d.at("/spec/template/spec/" + list).forEach(c -> images.add(c.path("image").asText()));
                }
            }
        }
        return images;
    }

    private static JsonNode calicoNodeContainer(List<JsonNode> docs) {
        for (JsonNode d : docs) {
            if (d.path("kind").asText().equals("DaemonSet") && d.at("/metadata/name").asText().equals("calico-node")) {
                for (JsonNode c : d.at("/spec/template/spec/containers")) {
                    if (c.path("name").asText().equals("calico-node")) {
                        return c;
                    }
                }
            }
        }
        throw new AssertionError("no calico-node container");
    }

    private static List<String> envNames(JsonNode container) {
        List<String> names = new ArrayList<>();
        container.path("env").forEach(e -> names.add(e.path("name").asText()));
        return names;
    }

    /** Processes a manifest and checks everything the installer relies on; returns the processed text. */
    private static String assertPrepared(String original, String expectedImagePrefix, String before, String after) {
        String processed = CalicoManifest.process(original, POD_SUBNET, MIRROR);
        List<JsonNode> in = KubeadmConfigTest.documents(original);
        List<JsonNode> out = KubeadmConfigTest.documents(processed);

        assertEquals(identities(in), identities(out), "same objects, same order");
        List<String> images = images(out);
        assertEquals(images(in).size(), images.size());
        assertFalse(images.isEmpty());
        for (String image : images) {
            assertTrue(image.startsWith(expectedImagePrefix), image);
        }

        JsonNode container = calicoNodeContainer(out);
        List<String> names = envNames(container);
        int cidr = names.indexOf("CALICO_IPV4POOL_CIDR");
        assertTrue(cidr > 0, names.toString());
        assertEquals(POD_SUBNET, container.at("/env/" + cidr + "/value").asText());
        assertEquals(before, names.get(cidr - 1), "CIDR sits where the commented block was: " + names);
        assertEquals("IP_AUTODETECTION_METHOD", names.get(cidr + 1));
        assertEquals("kubernetes-internal-ip", container.at("/env/" + (cidr + 1) + "/value").asText());
        assertEquals(after, names.get(cidr + 2));
        assertEquals(envNames(calicoNodeContainer(in)).size() + 2, names.size());

        // Nothing else changed: every other line is the original one.
        List<String> a = original.lines().toList();
        List<String> b = processed.lines().filter(l -> !l.contains("IP_AUTODETECTION_METHOD")
                && !l.contains("\"kubernetes-internal-ip\"") && !l.contains("Added by kubewizard")).toList();
        assertEquals(a.size(), b.size());
        int changed = 0;
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                changed++;
                assertTrue(a.get(i).contains("image:") || a.get(i).contains("CALICO_IPV4POOL_CIDR")
                        || a.get(i).contains("192.168.0.0/16"), a.get(i) + " -> " + b.get(i));
            }
        }
        assertEquals(images.size() + 2, changed);
        assertEquals(processed, CalicoManifest.process(processed, POD_SUBNET, MIRROR), "processing twice = once");
        return processed;
    }

    @Test
    void preparesAHandWrittenCalicoManifest() {
        String processed = assertPrepared(HAND_WRITTEN, MIRROR + "/calico/", "CALICO_NETWORKING_BACKEND",
                "CALICO_DISABLE_FILE_LOGGING");
        assertTrue(processed.contains("\n            - name: CALICO_IPV4POOL_CIDR\n"
                + "              value: \"10.244.0.0/16\"\n"), processed);
        assertTrue(processed.contains("image: \"docker.m.daocloud.io/calico/kube-controllers:v3.28.2\"  # pinned"));
        assertTrue(processed.contains("image: docker.io/not/an-image:v1"), "a CRD's text is not an image");
        assertTrue(processed.contains("image: docker.m.daocloud.io/calico/cni:v3.28.2"), "no registry means docker.io");
    }

    @Test
    void rewritesQuayImagesOfNewerCalicoToo() {
        String quay = HAND_WRITTEN.replace("docker.io/calico/", "quay.io/calico/").replace("calico/cni:", "quay.io/calico/cni:");
        assertTrue(quay.contains("image: quay.io/calico/node:v3.28.2"));
        assertPrepared(quay, MIRROR + "/calico/", "CALICO_NETWORKING_BACKEND", "CALICO_DISABLE_FILE_LOGGING");
    }

    @Test
    void preparesTheUpstreamCalico3282Manifest() {
        String processed = assertPrepared(Tools.readShared("calico-v3.28.2.yaml"), MIRROR + "/calico/",
                "FELIX_WIREGUARDMTU", "CALICO_DISABLE_FILE_LOGGING");
        assertEquals(31, KubeadmConfigTest.documents(processed).size());
    }

    @Test
    void preparesTheUpstreamCalico3297Manifest() {
        assertPrepared(Tools.readShared("calico-v3.29.7.yaml"), MIRROR + "/calico/",
                "FELIX_WIREGUARDMTU", "CALICO_DISABLE_FILE_LOGGING");
    }

    @Test
    void theCoursesHuaweiMirrorPathWorksAsARegistryPrefix() {
        String processed = CalicoManifest.process(HAND_WRITTEN, POD_SUBNET,
                "swr.cn-north-4.myhuaweicloud.com/ddn-k8s/docker.io/");
        assertTrue(processed.contains("image: swr.cn-north-4.myhuaweicloud.com/ddn-k8s/docker.io/calico/node:v3.28.2"));
    }

    @Test
    void noMirrorLeavesImagesAlone() {
        String processed = CalicoManifest.process(HAND_WRITTEN, POD_SUBNET, "");
        assertTrue(processed.contains("image: docker.io/calico/node:v3.28.2"));
        assertTrue(processed.contains("value: \"10.244.0.0/16\""));
    }

    @Test
    void anAlreadyUncommentedPoolGetsThePlansSubnet() {
        String edited = HAND_WRITTEN.replace("# - name: CALICO_IPV4POOL_CIDR", "- name: CALICO_IPV4POOL_CIDR")
                .replace("#   value: \"192.168.0.0/16\"", "  value: \"172.16.0.0/16\"");
        String processed = CalicoManifest.process(edited, "10.100.0.0/16", MIRROR);
        JsonNode container = calicoNodeContainer(KubeadmConfigTest.documents(processed));
        List<String> names = envNames(container);
        int cidr = names.indexOf("CALICO_IPV4POOL_CIDR");
        assertEquals("10.100.0.0/16", container.at("/env/" + cidr + "/value").asText());
        assertEquals("IP_AUTODETECTION_METHOD", names.get(cidr + 1));
        assertFalse(processed.contains("172.16.0.0/16"));
    }

    @Test
    void aUserChosenAutodetectionMethodIsKept() {
        String withMethod = HAND_WRITTEN.replace("\n            - name: CALICO_DISABLE_FILE_LOGGING\n",
                "\n            - name: IP_AUTODETECTION_METHOD\n"
                        + "              value: \"cidr=10.0.0.0/8\"\n"
                        + "            - name: CALICO_DISABLE_FILE_LOGGING\n");
        assertTrue(withMethod.contains("cidr=10.0.0.0/8"));
        String processed = CalicoManifest.process(withMethod, POD_SUBNET, MIRROR);
        assertFalse(processed.contains("kubernetes-internal-ip"));
        assertTrue(processed.contains("cidr=10.0.0.0/8"));
    }

    @Test
    void windowsLineEndingsAndABomAreAccepted() {
        String processed = CalicoManifest.process("\uFEFF" + HAND_WRITTEN.replace("\n", "\r\n"), POD_SUBNET, MIRROR);
        assertFalse(processed.contains("\r") || processed.startsWith("\uFEFF"));
        assertTrue(processed.contains("value: \"10.244.0.0/16\""));
    }

    @Test
    void refusesTextThatIsNotACalicoManifest() {
        IllegalArgumentException noDaemonSet = assertThrows(IllegalArgumentException.class,
                () -> CalicoManifest.process("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n", POD_SUBNET, MIRROR));
        assertTrue(noDaemonSet.getMessage().contains("calico-node"), noDaemonSet.getMessage());

        String noCidr = HAND_WRITTEN.replace("# - name: CALICO_IPV4POOL_CIDR\n", "").replace("#   value: \"192.168.0.0/16\"\n", "");
        IllegalArgumentException noBlock = assertThrows(IllegalArgumentException.class,
                () -> CalicoManifest.process(noCidr, POD_SUBNET, MIRROR));
        assertTrue(noBlock.getMessage().contains("CALICO_IPV4POOL_CIDR"), noBlock.getMessage());

        assertThrows(IllegalArgumentException.class, () -> CalicoManifest.process(HAND_WRITTEN, "10.244.0.0", MIRROR));
        assertThrows(IllegalArgumentException.class, () -> CalicoManifest.process("a: [", POD_SUBNET, MIRROR));
    }

    @Test
    void imagesOnOtherRegistriesStay() {
        assertEquals("m.io/calico/cni:v3", CalicoManifest.mirroredImage("calico/cni:v3", "m.io"));
        assertEquals("m.io/library/busybox:1", CalicoManifest.mirroredImage("busybox:1", "m.io"));
        assertEquals("m.io/library/busybox", CalicoManifest.mirroredImage("docker.io/library/busybox", "m.io"));
        assertEquals("m.io/calico/node@sha256:ab", CalicoManifest.mirroredImage("quay.io/calico/node@sha256:ab", "m.io"));
        assertEquals("m.io/x/y:1", CalicoManifest.mirroredImage("index.docker.io/x/y:1", "m.io"));
        assertEquals("registry.k8s.io/pause:3.10", CalicoManifest.mirroredImage("registry.k8s.io/pause:3.10", "m.io"));
        assertEquals("localhost:5000/a", CalicoManifest.mirroredImage("localhost:5000/a", "m.io"));
        assertEquals("harbor.local/p/app:1", CalicoManifest.mirroredImage("harbor.local/p/app:1", "m.io"));
    }

    @Test
    void theKnownChecksumsAreThoseOfTheUpstreamManifests() {
        assertEquals(CalicoManifest.knownSha256("v3.28.2").orElseThrow(),
                ClusterSteps.sha256(Tools.readShared("calico-v3.28.2.yaml")));
        assertEquals(CalicoManifest.knownSha256("v3.29.7").orElseThrow(),
                ClusterSteps.sha256(Tools.readShared("calico-v3.29.7.yaml")));
        assertTrue(CalicoManifest.knownSha256("v3.99.0").isEmpty());
    }

    @Test
    void downloadUrlsNameTheReleaseTag() {
        List<String> urls = CalicoManifest.downloadUrls("v3.29.7");
        assertEquals("https://raw.githubusercontent.com/projectcalico/calico/v3.29.7/manifests/calico.yaml", urls.get(0));
        assertTrue(urls.size() > 1 && urls.stream().allMatch(u -> u.startsWith("https://") && u.contains("v3.29.7")));
        assertThrows(IllegalArgumentException.class, () -> CalicoManifest.downloadUrls("3.29"));
    }
}
