package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Harbor;
import dev.kubewizard.plan.PlanYaml;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RegistryHostsTest {
    private static final TomlMapper TOML = new TomlMapper();

    @Test
    void dockerHubMirrorsPullAndResolveWithDockerHubAsTheFallback() throws Exception {
        JsonNode t = TOML.readTree(RegistryHosts.mirrorHosts("docker.io",
                List.of("https://docker.m.daocloud.io", "hub.example.edu/")));
        assertEquals("https://registry-1.docker.io", t.get("server").asText());
        JsonNode hosts = t.get("host");
        assertEquals(List.of("https://docker.m.daocloud.io", "https://hub.example.edu"), fieldNames(hosts));
        for (JsonNode h : hosts) {
            assertEquals("[\"pull\",\"resolve\"]", h.get("capabilities").toString());
        }
    }

    @Test
    void anHttpHarborIsReachedOverPlainHttpWithPush() throws Exception {
        JsonNode t = TOML.readTree(RegistryHosts.harborHosts(
                new Harbor("harbor.labworlds.cc", "http", true, "admin", null, null)));
        assertEquals("http://harbor.labworlds.cc", t.get("server").asText());
        JsonNode h = t.get("host").get("http://harbor.labworlds.cc");
        assertEquals("[\"pull\",\"resolve\",\"push\"]", h.get("capabilities").toString());
        assertNull(h.get("skip_verify"), "skip_verify means nothing over http");
    }

    @Test
    void anHttpsHarborSkipsVerificationOnlyWhenThePlanSaysSo() throws Exception {
        JsonNode skip = TOML.readTree(RegistryHosts.harborHosts(
                new Harbor("harbor.lab:8443", "https", true, "admin", null, null)));
        assertTrue(skip.get("host").get("https://harbor.lab:8443").get("skip_verify").asBoolean());
        JsonNode verify = TOML.readTree(RegistryHosts.harborHosts(
                new Harbor("harbor.lab:8443", "https", false, "admin", null, null)));
        assertNull(verify.get("host").get("https://harbor.lab:8443").get("skip_verify"));
    }

    @Test
    void theCoursePlanGetsAFilePerMirroredRegistryAndOneForHarbor() throws Exception {
        Map<String, String> files = RegistryHosts.files(PlanYaml.courseExample()).stream()
                .collect(Collectors.toMap(StepFile::path, StepFile::content));
        assertEquals(List.of("/etc/containerd/certs.d/docker.io/hosts.toml",
                        "/etc/containerd/certs.d/quay.io/hosts.toml",
                        "/etc/containerd/certs.d/harbor.labworlds.cc/hosts.toml"),
                RegistryHosts.files(PlanYaml.courseExample()).stream().map(StepFile::path).toList());
        for (String text : files.values()) {
            TOML.readTree(text);
        }
        assertEquals("https://quay.io",
                TOML.readTree(files.get("/etc/containerd/certs.d/quay.io/hosts.toml")).get("server").asText());
    }

    @Test
    void aPlanWithoutMirrorsAndHarborHasNoRegistryStep() {
        ClusterPlan plan = PrepFixtures.plan("plan-minimal.yaml");
        assertNull(RegistryHosts.step(plan, plan.host("solo")));
        assertFalse(NodePrepSteps.forHost(plan, plan.host("solo")).stream()
                .anyMatch(s -> s.id().equals("registry-hosts")));
    }

    @Test
    void theHostFilesOfTheKeepalivedPlanAreValidToml() throws Exception {
        ClusterPlan plan = PrepFixtures.plan("plan-keepalived.yaml");
        List<StepFile> files = RegistryHosts.files(plan);
        assertEquals(3, files.size());
        for (StepFile f : files) {
            JsonNode t = TOML.readTree(f.content());
            assertTrue(t.get("server").asText().startsWith("https://"), f.path());
        }
        assertEquals("https://registry.k8s.io", TOML.readTree(files.get(1).content()).get("server").asText());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
