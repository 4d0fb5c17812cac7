package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanYaml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesPackagesTest {
    @Test
    void theRepositoryIsThePerMinorLayoutOnEveryMirror() {
        assertEquals("https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/",
                KubernetesPackages.repository("https://mirrors.aliyun.com/kubernetes-new/core/stable", 34));
        assertEquals("https://mirrors.ustc.edu.cn/kubernetes/core:/stable:/v1.31/deb/",
                KubernetesPackages.repository("https://mirrors.ustc.edu.cn/kubernetes/core:/stable:", 31));
        assertEquals("https://pkgs.k8s.io/core:/stable:/v1.35/deb/",
                KubernetesPackages.repository("https://pkgs.k8s.io/core:/stable:/", 35));
    }

    @Test
    void theSourceIsAFlatDeb822RepositorySignedByItsOwnKeyring() {
        List<Map<String, String>> stanzas = AptSourcesTest.deb822(
                KubernetesPackages.sources("https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/"));
        assertEquals(List.of(Map.of("Types", "deb",
                "URIs", "https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/",
                "Suites", "/",
                "Signed-By", "/etc/apt/keyrings/kubernetes-apt-keyring.gpg")), stanzas);
    }

    @Test
    void thePackagesMustBeAtThePlansMinorLine() {
        String fake = Bash.libraryFor("kw_installed") + KubernetesPackages.AT_MINOR_FUNCTION
                + "dpkg-query() {\n"
                + "  case \"$2\" in *Status*) echo 'install ok installed' ;; *) printf '%s' \"$V\" ;; esac\n"
                + "}\n";
        assertEquals(0, PrepFixtures.bash(fake + "V=1.34.3-1.1 prep_at_minor kubeadm 1.34\n", "").exitCode());
        assertEquals(1, PrepFixtures.bash(fake + "V=1.33.5-1.1 prep_at_minor kubeadm 1.34\n", "").exitCode());
        assertEquals(1, PrepFixtures.bash(fake + "V=1.34.3-1.1 prep_at_minor kubeadm 1.3\n", "").exitCode());
    }

    @Test
    void thePauseImageComesFromKubeadmItself() {
        String fake = KubernetesPackages.PAUSE_FUNCTION + """
                kubeadm() {
                  if [ "$1" = version ]; then echo v1.34.3; return; fi
                  [ "$4 $5 $6" = "--kubernetes-version v1.34.3 --image-repository" ] || return 9
                  printf '%s\\n' "$7/kube-apiserver:v1.34.3" "$7/pause:3.10.1" "$7/etcd:3.6.4-0"
                }
                """;
        assertEquals("registry.aliyuncs.com/google_containers/pause:3.10.1\n",
                PrepFixtures.bashOk(fake + "prep_pause_image registry.aliyuncs.com/google_containers\n", ""));
    }

    @Test
    void theStepHoldsThePackagesEnablesKubeletAndComparesThePauseImage() {
        ClusterPlan plan = PlanYaml.courseExample();
        Step step = KubernetesPackages.step(plan, plan.host("k8s-node2"));
        String s = step.script();
        assertTrue(s.contains("apt-mark hold kubelet kubeadm kubectl"));
        assertTrue(s.contains("systemctl enable kubelet"));
        assertTrue(s.contains("gpg --batch --yes --dearmor"));
        assertTrue(s.contains("https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/Release.key"));
        assertFalse(s.matches("(?s).*(^|\\n)[^#\\n]*\\bapt-key\\b.*"), "apt-key is never run");
        String c = step.check();
        assertTrue(c.contains("prep_at_minor kubeadm 1.34"));
        assertTrue(c.contains("grep -qx kubelet <<< \"$held\""));
        assertTrue(c.contains("= registry.aliyuncs.com/google_containers/pause:3.10.1 ]"));
    }
}
