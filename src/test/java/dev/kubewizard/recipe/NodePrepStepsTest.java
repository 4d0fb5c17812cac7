package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.HostKind;
import dev.kubewizard.plan.Mirrors;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.testing.Shellcheck;
import dev.kubewizard.text.Messages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NodePrepStepsTest {
    private static final ClusterPlan COURSE = PlanYaml.courseExample();
    /** apt-key as a word (kubernetes-apt-keyring.gpg is fine). */
    private static final Pattern APT_KEY = Pattern.compile("\\bapt-key\\b");
    private static final List<String> NODE_STEPS = List.of("hostname", "hosts", "apt-mirror", "firewall", "swap",
            "kernel", "base-packages", "time-sync", "containerd", "registry-hosts", "crictl", "kubernetes-packages");

    @Test
    void mastersAndWorkersGetEveryStepInTheCoursesOrder() {
        for (PlanHost h : COURSE.hosts()) {
            if (h.kind().isClusterNode()) {
                assertEquals(NODE_STEPS, ids(NodePrepSteps.forHost(COURSE, h)), h.hostname());
            }
        }
    }

    @Test
    void theLoadBalancerHostGetsOnlyWhatItNeeds() {
        PlanHost lb = COURSE.host("k8s-lb");
        assertEquals(HostKind.LOAD_BALANCER, lb.kind());
        List<Step> steps = NodePrepSteps.forHost(COURSE, lb);
        assertEquals(List.of("hostname", "hosts", "apt-mirror", "firewall", "base-packages", "time-sync"), ids(steps));
        String packages = step(steps, "base-packages").script();
        assertTrue(packages.contains("kw_apt_install ca-certificates curl gnupg chrony\n"), packages);
    }

    @Test
    void everyStepIsAPrepStepOfItsOwnHost() {
        for (ClusterPlan plan : PrepFixtures.allPlans()) {
            for (PlanHost h : plan.hosts()) {
                for (Step s : NodePrepSteps.forHost(plan, h)) {
                    assertEquals(Phase.PREP, s.phase(), s.id());
                    assertEquals(h.hostname(), s.host(), s.id());
                    assertTrue(s.inputs().isEmpty() && s.outputs().isEmpty(), "node prep needs no secret: " + s.id());
                }
            }
        }
    }

    @Test
    void everyScriptAndCheckOfEveryPlanPassesShellcheck() {
        Map<String, String> scripts = new LinkedHashMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (ClusterPlan plan : PrepFixtures.allPlans()) {
            for (PlanHost h : plan.hosts()) {
                for (Step s : NodePrepSteps.forHost(plan, h)) {
                    String name = plan.cluster().name() + "-" + h.hostname() + "-" + s.id();
                    // hosts differ only in a few words: shellcheck each distinct text once
                    if (seen.putIfAbsent(s.script(), name) == null) {
                        scripts.put(name + ".sh", s.script());
                    }
                    if (seen.putIfAbsent(s.check(), name) == null) {
                        scripts.put(name + ".check.sh", s.check());
                    }
                }
            }
        }
        assertTrue(scripts.size() > 40, "scripts of three plans: " + scripts.size());
        Shellcheck.assertClean(scripts);
    }

    @Test
    void everyStepHasATitleAndWhyInChineseAndEnglish() {
        Pattern han = Pattern.compile("\\p{IsHan}");
        for (ClusterPlan plan : PrepFixtures.allPlans()) {
            for (PlanHost h : plan.hosts()) {
                for (Step s : NodePrepSteps.forHost(plan, h)) {
                    assertTrue(han.matcher(s.title().zh()).find(), s.id() + " title zh: " + s.title().zh());
                    assertTrue(han.matcher(s.why().zh()).find(), s.id() + " why zh");
                    assertFalse(han.matcher(s.title().en()).find(), s.id() + " title en");
                    assertTrue(s.why().en().length() > 60, s.id() + " why en");
                    assertFalse(s.why().en().contains("{") || s.why().zh().contains("{"), s.id() + " unfilled");
                    assertFalse(s.why().en().contains("''"), s.id() + " doubled quote left in: " + s.why().en());
                }
            }
        }
    }

    @Test
    void bothPrepBundlesHaveTheSameKeys() {
        assertEquals(Messages.keys("prep", "zh"), Messages.keys("prep", "en"));
        assertTrue(Messages.keys("prep", "zh").stream().allMatch(k -> k.startsWith("prep.")));
    }

    @Test
    void theCoursePlanDoesWhatRecipeMdRequires() {
        Map<String, Step> m = byId(NodePrepSteps.forHost(COURSE, COURSE.host("k8s-master1")));
        assertTrue(m.get("hostname").script().contains("hostnamectl set-hostname k8s-master1"));
        assertTrue(m.get("hosts").script().contains("# BEGIN kubewizard"));
        assertTrue(m.get("apt-mirror").script().contains("Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg"));
        assertTrue(m.get("firewall").script().contains("ufw disable"));
        assertTrue(m.get("swap").script().contains("swapoff -a"));
        assertTrue(m.get("kernel").script().contains("modprobe br_netfilter"));
        assertTrue(m.get("base-packages").script().contains(" conntrack "), "kubeadm's preflight needs conntrack");
        assertTrue(m.get("time-sync").script().contains("/etc/chrony/sources.d/kubewizard.sources"));
        String containerd = m.get("containerd").script();
        assertTrue(containerd.contains("Signed-By: /etc/apt/keyrings/docker.asc"));
        assertTrue(containerd.contains("kw_apt_install containerd.io\n"));
        assertTrue(containerd.contains("SystemdCgroup = true"));
        assertTrue(containerd.contains("config_path = \"/etc/containerd/certs.d\""));
        assertTrue(containerd.contains("\"registry.aliyuncs.com/google_containers/pause:3.10.1\""));
        assertTrue(m.get("registry-hosts").script().contains("server = \"http://harbor.labworlds.cc\""));
        assertTrue(m.get("crictl").script().contains("runtime-endpoint: unix:///run/containerd/containerd.sock"));
        assertTrue(m.get("kubernetes-packages").script().contains("apt-mark hold kubelet kubeadm kubectl"));
    }

    @Test
    void noStepRepeatsTheCoursesOutdatedCommands() {
        for (ClusterPlan plan : PrepFixtures.allPlans()) {
            for (PlanHost h : plan.hosts()) {
                for (Step s : NodePrepSteps.forHost(plan, h)) {
                    for (String text : List.of(s.script(), s.check())) {
                        String commands = text.lines().filter(l -> !l.strip().startsWith("#"))
                                .collect(Collectors.joining("\n"));
                        assertFalse(APT_KEY.matcher(commands).find(), s.id() + " runs apt-key");
                        for (String outdated : List.of("kubernetes-xenial", "docker-ce-cli",
                                "docker-compose-plugin", "ntpdate", "pause:3.8", ">> /etc/hosts", "registry.mirrors",
                                "disabled_plugins", "containerd config default", "apt-transport-https")) {
                            assertFalse(commands.contains(outdated), s.id() + " runs " + outdated);
                        }
                        assertFalse(Pattern.compile("(?m)^\\s*(sudo\\s+)?apt(-get)?\\s+(install|update|upgrade)")
                                .matcher(commands).find(), s.id() + " calls apt without kw_apt");
                    }
                }
            }
        }
    }

    @Test
    void everyListedFileIsWrittenByItsScriptAndEveryConfigIsValidToml() throws Exception {
        TomlMapper toml = new TomlMapper();
        for (ClusterPlan plan : PrepFixtures.allPlans()) {
            for (PlanHost h : plan.hosts()) {
                for (Step s : NodePrepSteps.forHost(plan, h)) {
                    for (StepFile f : s.files()) {
                        assertTrue(s.script().contains(f.content()), s.id() + " does not write " + f.path());
                        if (f.path().endsWith(".toml")) {
                            toml.readTree(f.content());
                        }
                    }
                }
            }
        }
    }

    @Test
    void theKeepalivedPlanUsesItsOwnMirrorsMinorAndHarbor() {
        ClusterPlan plan = PrepFixtures.plan("plan-keepalived.yaml");
        Map<String, Step> m = byId(NodePrepSteps.forHost(plan, plan.host("w1")));
        assertEquals(NODE_STEPS, List.copyOf(m.keySet()));
        assertTrue(m.get("apt-mirror").script().contains("URIs: https://mirrors.ustc.edu.cn/ubuntu/\n"));
        assertTrue(m.get("containerd").script().contains("URIs: https://mirrors.ustc.edu.cn/docker-ce/linux/ubuntu\n"));
        assertTrue(m.get("containerd").script().contains("\"registry.aliyuncs.com/google_containers/pause:3.10\""));
        assertTrue(m.get("kubernetes-packages").script()
                .contains("URIs: https://mirrors.ustc.edu.cn/kubernetes/core:/stable:/v1.31/deb/\n"));
        assertTrue(m.get("registry-hosts").script().contains("[host.\"https://harbor.lab.internal:8443\"]"));
        assertTrue(m.get("hosts").script().contains("10.20.0.10      api.lab.internal"));
    }

    @Test
    void aPlanWithoutAnUbuntuMirrorIsRefusedByName() {
        Mirrors m = COURSE.mirrors();
        ClusterPlan noMirror = new ClusterPlan(COURSE.apiVersion(), COURSE.cluster(), COURSE.loadBalancer(),
                COURSE.nodes(), COURSE.ssh(), new Mirrors(" ", m.dockerCe(), m.kubernetes(), m.imageRepository(),
                m.registryMirrors(), m.ntp()), COURSE.harbor(), COURSE.cni());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodePrepSteps.forHost(noMirror, noMirror.host("k8s-node1")));
        assertTrue(e.getMessage().contains("mirrors.ubuntu"), e.getMessage());
    }

    @Test
    void theHostnameStepKeepsCloudInitFromUndoingItOnlyWhereCloudInitIsInstalled() {
        Step s = Hostname.step(COURSE.host("k8s-node2"));
        assertTrue(s.script().contains("if [ -d /etc/cloud/cloud.cfg.d ]; then\nkw_write_file "
                + Hostname.CLOUD_INIT_FILE));
        assertTrue(s.check().contains("[ \"$(hostname)\" = k8s-node2 ]"));
        assertTrue(Hostname.cloudInitFile().contains("preserve_hostname: true\n"));
    }

    @Test
    void whyTextsNeverNameAnEndpointOrServersThePlanDoesNotHave() {
        ClusterPlan plan = PrepFixtures.plan("plan-minimal.yaml");
        Map<String, Step> m = byId(NodePrepSteps.forHost(plan, plan.host("solo")));
        assertFalse(m.get("hosts").why().en().contains("endpoint name"), m.get("hosts").why().en());
        assertTrue(m.get("time-sync").why().en().contains("default servers"), m.get("time-sync").why().en());
        Map<String, Step> course = byId(NodePrepSteps.forHost(COURSE, COURSE.host("k8s-node1")));
        assertTrue(course.get("hosts").why().zh().contains("k8s-api.cluster.local"));
        assertTrue(course.get("time-sync").why().zh().contains("ntp.aliyun.com"));
    }

    private static List<String> ids(List<Step> steps) {
        return steps.stream().map(Step::id).toList();
    }

    private static Step step(List<Step> steps, String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private static Map<String, Step> byId(List<Step> steps) {
        Map<String, Step> m = new LinkedHashMap<>();
        steps.forEach(s -> m.put(s.id(), s));
        return m;
    }
}
