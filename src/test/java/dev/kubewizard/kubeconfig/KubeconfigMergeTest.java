package dev.kubewizard.kubeconfig;

import static dev.kubewizard.kubeconfig.KubeconfigFixtures.at;
import static dev.kubewizard.kubeconfig.KubeconfigFixtures.coursePlan;
import static dev.kubewizard.kubeconfig.KubeconfigFixtures.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KubeconfigMergeTest {
    private static final ObjectMapper YAML = new YAMLMapper();

    @TempDir
    Path tmp;

    private static String laptop() {
        return KubeconfigFixtures.read("laptop-config");
    }

    private static String course() throws KubeconfigException {
        return KubeconfigExport.fromAdminConf(KubeconfigFixtures.read("admin.conf"), coursePlan());
    }

    private static JsonNode tree(String yaml) throws Exception {
        return YAML.readTree(yaml);
    }

    private static List<String> names(JsonNode config, String list) {
        List<String> names = new ArrayList<>();
        config.get(list).forEach(e -> names.add(e.get("name").asText()));
        return names;
    }

    private static JsonNode named(JsonNode config, String list, String name) {
        for (JsonNode e : config.get(list)) {
            if (name.equals(e.get("name").asText())) {
                return e;
            }
        }
        return null;
    }

    @Test
    void keepsTheOtherClustersUsersAndContexts() throws Exception {
        JsonNode before = tree(laptop());
        JsonNode merged = tree(KubeconfigMerge.merge(laptop(), course()));
        assertEquals(List.of("home-lab", "k8s-class", "cloud"), names(merged, "clusters"));
        assertEquals(List.of("home", "k8s-class", "教室-cloud"), names(merged, "contexts"));
        assertEquals(List.of("home-admin", "k8s-class-admin", "cloud-user"), names(merged, "users"));
        for (String[] kept : new String[][] {{"clusters", "home-lab"}, {"clusters", "cloud"}, {"contexts", "home"},
                {"contexts", "教室-cloud"}, {"users", "home-admin"}, {"users", "cloud-user"}}) {
            assertEquals(named(before, kept[0], kept[1]), named(merged, kept[0], kept[1]), kept[1] + " unchanged");
        }
    }

    @Test
    void replacesEntriesOfTheSameNamesWithTheNewCluster() throws Exception {
        JsonNode fresh = tree(course());
        JsonNode merged = tree(KubeconfigMerge.merge(laptop(), course()));
        assertEquals(named(fresh, "clusters", "k8s-class"), named(merged, "clusters", "k8s-class"));
        assertEquals(named(fresh, "users", "k8s-class-admin"), named(merged, "users", "k8s-class-admin"));
        assertEquals(named(fresh, "contexts", "k8s-class"), named(merged, "contexts", "k8s-class"));
        assertEquals(at(fresh, "users", 0, "user", "client-key-data"),
                at(named(merged, "users", "k8s-class-admin"), "user", "client-key-data"));
    }

    @Test
    void switchesTheCurrentContextToTheNewCluster() throws Exception {
        assertEquals("home", at(tree(laptop()), "current-context"));
        assertEquals("k8s-class", at(tree(KubeconfigMerge.merge(laptop(), course())), "current-context"));
    }

    @Test
    void preservesPreferencesExtensionsAndFieldsItDoesNotKnow() throws Exception {
        JsonNode before = tree(laptop());
        JsonNode merged = tree(KubeconfigMerge.merge(laptop(), course()));
        assertEquals(before.get("preferences"), merged.get("preferences"));
        assertEquals(before.get("extensions"), merged.get("extensions"));
        assertEquals("kept by kubewizard", at(merged, "x-team-notes"));
        assertEquals("false", at(named(merged, "users", "cloud-user"), "user", "exec", "provideClusterInfo"));
        assertTrue(named(merged, "users", "cloud-user").get("user").get("exec").get("env").isNull());
    }

    @Test
    void kubectlSeesTheUntouchedPartsExactlyAsBefore() throws Exception {
        Kubectl before = Kubectl.on(file(tmp, "before", laptop()));
        Kubectl after = Kubectl.on(file(tmp, "after", KubeconfigMerge.merge(laptop(), course())));
        JsonNode old = before.rawJson();
        JsonNode now = after.rawJson();
        assertEquals(old.get("preferences"), now.get("preferences"));
        assertEquals(old.get("extensions"), now.get("extensions"), "quoted strings such as \"yes\" stay strings");
        for (String[] kept : new String[][] {{"clusters", "home-lab"}, {"clusters", "cloud"}, {"contexts", "home"},
                {"contexts", "教室-cloud"}, {"users", "home-admin"}, {"users", "cloud-user"}}) {
            assertEquals(named(old, kept[0], kept[1]), named(now, kept[0], kept[1]), kept[1]);
        }
        assertEquals("k8s-class", after.starredContext());
        assertEquals("https://192.168.1.100:6443", after.currentServer());
        assertEquals("https://10.0.0.10:6443", after.jsonpath("{.clusters[?(@.name==\"home-lab\")].cluster.server}"));
    }

    @Test
    void keepsStringsThatLookLikeOtherYamlTypesAsStrings() throws Exception {
        String[] tricky = {"yes", "no", "on", "off", "y", "true", "null", "~", "0755", "0x1F", "1e3", "1_000", ".inf",
            "2024-01-01", "", " lead", "trail ", "- item", "a: b", "#hash", "x #y", "*star", "&amp", "!bang", "%pc",
            "@at", "`tick", "{b}", "[l]", "'q'", "\"dq\"", "教室", "line1\nline2", "tab\there", "=", "<<", "?"};
        StringBuilder existing = new StringBuilder("apiVersion: v1\nkind: Config\nextensions:\n- name: tricky\n"
                + "  extension:\n");
        for (int i = 0; i < tricky.length; i++) {
            existing.append("    k").append(i).append(": ").append(new ObjectMapper().writeValueAsString(tricky[i]))
                    .append('\n');
        }
        String merged = KubeconfigMerge.merge(existing.toString(), course());
        JsonNode extension = tree(merged).get("extensions").get(0).get("extension");
        for (int i = 0; i < tricky.length; i++) {
            assertTrue(extension.get("k" + i).isTextual(), tricky[i]);
            assertEquals(tricky[i], extension.get("k" + i).asText());
        }
        JsonNode seenByKubectl = Kubectl.on(file(tmp, "tricky", merged)).rawJson().get("extensions").get(0)
                .get("extension");
        for (int i = 0; i < tricky.length; i++) {
            assertEquals(tricky[i], seenByKubectl.get("k" + i).asText(), "kubectl reads " + tricky[i]);
            assertTrue(seenByKubectl.get("k" + i).isTextual(), "kubectl reads a string for " + tricky[i]);
        }
    }

    @Test
    void mergingTheSameClusterTwiceChangesNothing() throws Exception {
        String once = KubeconfigMerge.merge(laptop(), course());
        assertEquals(once, KubeconfigMerge.merge(once, course()));
    }

    @Test
    void mergingIntoNothingGivesTheNewKubeconfig() throws Exception {
        assertEquals(course(), KubeconfigMerge.merge("", course()));
        assertEquals(tree(course()), tree(KubeconfigMerge.merge("# empty for now\n", course())));
    }

    @Test
    void mergesIntoTheEmptyConfigKubectlWritesWithNullLists() throws Exception {
        String kubectlEmpty = "apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: \"\"\nkind: Config\n"
                + "preferences: {}\nusers: null\n";
        String merged = KubeconfigMerge.merge(kubectlEmpty, course());
        assertEquals(tree(course()), tree(merged));
        Kubectl kubectl = Kubectl.on(file(tmp, "config", merged));
        assertEquals("k8s-class", kubectl.starredContext());
    }

    @Test
    void dropsDuplicatesOfTheReplacedNameWhichKubectlWouldRefuse() throws Exception {
        String twice = laptop().replace("  name: cloud\n", "  name: k8s-class\n");
        JsonNode merged = tree(KubeconfigMerge.merge(twice, course()));
        assertEquals(List.of("home-lab", "k8s-class"), names(merged, "clusters"));
        assertEquals("https://192.168.1.100:6443", at(merged, "clusters", 1, "cluster", "server"));
    }

    @Test
    void readsAnExistingKubeconfigSavedByNotepadWithBomAndCrlf() throws Exception {
        String notepad = "\uFEFF" + laptop().replace("\n", "\r\n");
        String merged = KubeconfigMerge.merge(notepad, course());
        assertEquals(KubeconfigMerge.merge(laptop(), course()), merged);
        assertFalse(merged.contains("\r"));
        assertFalse(merged.startsWith("\uFEFF"));
    }

    @Test
    void completesAnExistingKubeconfigThatLacksApiVersionAndKind() throws Exception {
        String bare = "clusters: []\nusers: []\n";
        JsonNode merged = tree(KubeconfigMerge.merge(bare, course()));
        assertEquals("v1", at(merged, "apiVersion"));
        assertEquals("Config", at(merged, "kind"));
        assertEquals(List.of("k8s-class"), names(merged, "clusters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n", "server: https://x\nport: 1\n",
        "- a list\n", "clusters: {a: 1}\n", "clusters: [\n"})
    void refusesToMergeIntoSomethingThatIsNotAKubeconfig(String existing) {
        KubeconfigException e = assertThrows(KubeconfigException.class,
                () -> KubeconfigMerge.merge(existing, "config", course()));
        assertTrue(e.describe("en").startsWith("config"), e.describe("en"));
        assertFalse(e.describe("zh").isBlank());
    }
}
