package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.testing.Tools;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AptSourcesTest {
    private static final String ALIYUN = "https://mirrors.aliyun.com/ubuntu";

    @Test
    void noblesSourcesHaveTheReleaseStanzaAndTheSecurityStanzaOnTheMirror() {
        List<Map<String, String>> stanzas = deb822(AptSources.ubuntuSources(ALIYUN, "noble"));
        assertEquals(2, stanzas.size());
        assertEquals("noble noble-updates noble-backports", stanzas.get(0).get("Suites"));
        assertEquals("noble-security", stanzas.get(1).get("Suites"));
        for (Map<String, String> s : stanzas) {
            assertEquals("deb", s.get("Types"));
            assertEquals("https://mirrors.aliyun.com/ubuntu/", s.get("URIs"));
            assertEquals("main restricted universe multiverse", s.get("Components"));
            assertEquals("/usr/share/keyrings/ubuntu-archive-keyring.gpg", s.get("Signed-By"));
        }
    }

    @Test
    void noblesSourcesDifferFromUbuntusPristineFileOnlyInTheMirror() {
        List<Map<String, String>> ours = deb822(AptSources.ubuntuSources(ALIYUN, "noble"));
        for (String fixture : List.of("ubuntu-noble-ubuntu.sources", "ubuntu-noble-ubuntu.sources.installer",
                "ubuntu-noble-ubuntu.sources.cloud-init")) {
            List<Map<String, String>> theirs = deb822(Tools.readShared(fixture));
            assertEquals(ours.size(), theirs.size(), fixture);
            for (int i = 0; i < ours.size(); i++) {
                Map<String, String> a = new LinkedHashMap<>(ours.get(i));
                Map<String, String> b = new LinkedHashMap<>(theirs.get(i));
                a.remove("URIs");
                b.remove("URIs");
                // same components, whatever their order
                a.put("Components", sortedWords(a.get("Components")));
                b.put("Components", sortedWords(b.get("Components")));
                assertEquals(b, a, fixture + " stanza " + i);
            }
        }
        assertEquals(Tools.readShared("ubuntu-noble-sources.list"), AptSources.SOURCES_LIST_STUB);
    }

    @Test
    void noblesSourcesMatchOurOwnHandWrittenCopyApartFromTheMirror() {
        List<Map<String, String>> theirs = deb822(PrepFixtures.text("ubuntu.sources-noble"));
        List<Map<String, String>> ours = deb822(AptSources.ubuntuSources("http://cn.archive.ubuntu.com/ubuntu/",
                "noble"));
        assertEquals(theirs.get(0), ours.get(0));
        assertEquals(theirs.get(1).get("Suites"), ours.get(1).get("Suites"));
    }

    @Test
    void jammysSourcesListHasTheFourSuitesOnTheMirror() {
        List<String> deb = AptSources.sourcesList(ALIYUN + "/", "jammy").lines()
                .filter(l -> l.startsWith("deb ")).toList();
        assertEquals(List.of(
                "deb https://mirrors.aliyun.com/ubuntu/ jammy main restricted universe multiverse",
                "deb https://mirrors.aliyun.com/ubuntu/ jammy-updates main restricted universe multiverse",
                "deb https://mirrors.aliyun.com/ubuntu/ jammy-backports main restricted universe multiverse",
                "deb https://mirrors.aliyun.com/ubuntu/ jammy-security main restricted universe multiverse"), deb);
    }

    @Test
    void theVariantsAreNamedForTheUbuntuRelease() {
        List<StepFile> files = AptSources.files(ALIYUN);
        assertEquals(List.of("ubuntu-24.04", "ubuntu-24.04", "ubuntu-22.04"),
                files.stream().map(StepFile::variant).toList());
        assertEquals(List.of(AptSources.UBUNTU_SOURCES, AptSources.SOURCES_LIST, AptSources.SOURCES_LIST),
                files.stream().map(StepFile::path).toList());
    }

    @Test
    void listFileNamesAreTheOnesAptWrites() {
        assertEquals("mirrors.aliyun.com_ubuntu_dists_noble_InRelease",
                AptSources.listFileName("https://mirrors.aliyun.com/ubuntu/dists/noble/InRelease"));
        // as in the apt transcript of pkgs.k8s.io: colons stay, slashes become underscores
        assertEquals("pkgs.k8s.io_core:_stable:_v1.34_deb_InRelease",
                AptSources.listFileName("https://pkgs.k8s.io/core:/stable:/v1.34/deb/InRelease"));
        assertEquals("mirror.lab:8080_ubuntu%5fold_dists_jammy_Release",
                AptSources.listFileName("http://user:pw@mirror.lab:8080/ubuntu_old/dists/jammy/Release"));
    }

    @Test
    void theStepUpdatesAptAfterWritingAndChecksThatTheMirrorsIndexArrived() {
        var plan = dev.kubewizard.plan.PlanYaml.courseExample();
        Step step = AptSources.step(plan, plan.host("k8s-node1"));
        String s = step.script();
        assertTrue(s.indexOf("kw_apt update") > s.indexOf("Suites: noble-security"));
        assertTrue(step.check().contains(
                "/var/lib/apt/lists/mirrors.aliyun.com_ubuntu_dists_\"${codename}_InRelease\""));
    }

    static List<Map<String, String>> deb822(String text) {
        List<Map<String, String>> stanzas = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    stanzas.add(current);
                    current = new LinkedHashMap<>();
                }
                continue;
            }
            int colon = line.indexOf(':');
            current.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        if (!current.isEmpty()) {
            stanzas.add(current);
        }
        return stanzas;
    }

    private static String sortedWords(String s) {
        return String.join(" ", java.util.Arrays.stream(s.split("\\s+")).sorted().toList());
    }
}
