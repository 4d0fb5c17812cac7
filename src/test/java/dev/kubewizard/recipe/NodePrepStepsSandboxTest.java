package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated scripts and checks run for real on throw-away machines ({@link NodePrepSandbox}): every step's check
 * fails before and passes after its script, and a second run changes no file and restarts nothing.
 */
class NodePrepStepsSandboxTest {
    private static final ClusterPlan COURSE = PlanYaml.courseExample();
    private static final String ALIYUN_K8S = "https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/";
    private static final String CRI_OK = """
            TYPE                                      ID                       PLATFORMS      STATUS
            io.containerd.cri.v1                      runtime                  linux/amd64    ok
            io.containerd.cri.v1                      images                   -              ok
            io.containerd.grpc.v1                     cri                      -              ok
            """;

    @TempDir
    Path tmp;

    @Test
    void aNobleMasterIsPreparedOnceAndASecondRunChangesNothing() throws IOException {
        PlanHost master = COURSE.host("k8s-master1");
        NodePrepSandbox box = nodeBox(master, "containerd containerd.io v2.2.1 dea7da592f5d")
                .etc("os-release", PrepFixtures.text("os-release-noble"))
                .etc("hosts", PrepFixtures.text("hosts-cloned-vm"))
                .etc("apt/sources.list.d/ubuntu.sources", Tools.readShared("ubuntu-noble-ubuntu.sources"))
                .etc("apt/sources.list", Tools.readShared("ubuntu-noble-sources.list"))
                .etc("apt/sources.list.d/docker.list",
                        "deb [arch=amd64] http://mirrors.aliyun.com/docker-ce/linux/ubuntu noble stable\n")
                .etc("containerd/config.toml", Tools.readShared("containerd-io-package-config.toml"))
                .fake("lists", "mirrors.aliyun.com_ubuntu_dists_noble_InRelease\n")
                .steps(NodePrepSandbox.stepsOf(COURSE, master, "firewall", "kernel"));
        box.run();

        everyCheckFailsBeforeAndPassesAfterItsScript(box);
        aSecondPassChangesNothing(box);

        assertEquals("k8s-master1\n", box.etcAfter("hostname"));
        assertEquals(PrepFixtures.text("hosts-cloned-vm") + HostsBlock.block(COURSE), box.etcAfter("hosts"));
        assertEquals(PrepFixtures.text("hosts-cloned-vm"), box.backup("etc/hosts"), "original kept");
        assertEquals(AptSources.ubuntuSources("https://mirrors.aliyun.com/ubuntu", "noble"),
                box.etcAfter("apt/sources.list.d/ubuntu.sources"));
        assertEquals(AptSources.SOURCES_LIST_STUB, box.etcAfter("apt/sources.list"));
        assertEquals(PrepFixtures.text("fstab-noble").replace("\n/swap.img", "\n#/swap.img")
                        .replace("\nUUID=0d0e5b7c", "\n#UUID=0d0e5b7c"), box.etcAfter("fstab"));
        assertEquals(PrepFixtures.text("chrony-noble.conf").replace("\npool ", "\n#pool "),
                box.etcAfter("chrony/chrony.conf"));
        assertEquals(TimeSync.sourcesFile(COURSE.mirrors().ntp()), box.etcAfter("chrony/sources.d/kubewizard.sources"));
        assertNull(box.etcAfter("apt/sources.list.d/docker.list"), "the course's docker.list is moved aside");
        assertTrue(box.backup("etc/apt/sources.list.d/docker.list").contains("docker-ce"));
        assertTrue(box.etcAfter("apt/sources.list.d/docker.sources").contains("\nSuites: noble\n"));
        assertEquals(ContainerdConfig.forContainerd2(ContainerdConfig.sandboxImage(COURSE)),
                box.etcAfter("containerd/config.toml"));
        assertEquals(RegistryHosts.harborHosts(COURSE.harbor()),
                box.etcAfter("containerd/certs.d/harbor.labworlds.cc/hosts.toml"));
        assertEquals(NodePrepSteps.crictlYaml(), box.etcAfter("crictl.yaml"));
        assertArrayEquals(NodePrepSandbox.unarmored(2), box.etcAfterBytes("apt/keyrings/kubernetes-apt-keyring.gpg"),
                "Release.key de-armored");
        assertEquals("1.34.3-1.1", box.fakeState("installed/kubeadm").strip());
        assertEquals("kubeadm\nkubectl\nkubelet\n", box.fakeState("held"));

        List<String> first = box.log(1);
        assertEquals(1, first.stream().filter(l -> l.equals("systemctl restart containerd")).count(), first.toString());
        assertEquals(1, first.stream().filter(l -> l.equals("systemctl restart chrony")).count(), first.toString());
        assertTrue(first.contains("swapoff -a"));
        assertTrue(first.stream().anyMatch(l -> l.startsWith("apt-get") && l.endsWith(
                "install ca-certificates curl gnupg chrony conntrack iptables iproute2 ethtool")), first.toString());
        assertTrue(first.stream().anyMatch(l -> l.endsWith(
                "install --allow-change-held-packages --allow-downgrades kubelet=1.34.3-1.1 kubeadm=1.34.3-1.1 "
                        + "kubectl=1.34.3-1.1")), first.toString());
        assertTrue(first.stream().anyMatch(l -> l.endsWith("install containerd.io")), first.toString());
        assertFalse(first.stream().anyMatch(l -> l.contains("docker-ce ")), "no Docker engine");
    }

    @Test
    void aJammyWorkerWithCourseLeftoversGetsSourcesListContainerd17AndThePlansMinor() throws IOException {
        PlanHost worker = COURSE.host("k8s-node1");
        NodePrepSandbox box = nodeBox(worker, "containerd github.com/containerd/containerd 1.7.24")
                .hostname("k8s-node1")
                .etc("os-release", PrepFixtures.text("os-release-jammy"))
                .etc("hosts", PrepFixtures.text("hosts-course-leftovers"))
                .etc("apt/sources.list", PrepFixtures.text("sources.list-jammy"))
                .etc("apt/sources.list.d/kubernetes.list",
                        "deb https://mirrors.aliyun.com/kubernetes/apt/ kubernetes-xenial main\n")
                .fake("lists", "mirrors.aliyun.com_ubuntu_dists_jammy_InRelease\n")
                // a kubeadm 1.33 from an earlier attempt, held
                .fake("installed/kubeadm", "1.33.5-1.1\n")
                .fake("held", "kubeadm\n")
                .steps(NodePrepSandbox.stepsOf(COURSE, worker, "firewall", "kernel", "hostname"));
        box.run();

        everyCheckFailsBeforeAndPassesAfterItsScript(box);
        aSecondPassChangesNothing(box);

        assertEquals(AptSources.sourcesList("https://mirrors.aliyun.com/ubuntu", "jammy"),
                box.etcAfter("apt/sources.list"));
        assertNull(box.etcAfter("apt/sources.list.d/ubuntu.sources"), "22.04 gets no deb822 file");
        assertEquals(ContainerdConfig.forContainerd17(ContainerdConfig.sandboxImage(COURSE)),
                box.etcAfter("containerd/config.toml"));
        assertTrue(box.etcAfter("apt/sources.list.d/docker.sources").contains("\nSuites: jammy\n"));
        assertTrue(box.backup("etc/apt/sources.list.d/kubernetes.list").contains("kubernetes-xenial"));
        assertEquals("1.34.3-1.1", box.fakeState("installed/kubeadm").strip(), "replaced by the plan's minor");
        assertTrue(box.etcAfter("hosts").startsWith("127.0.0.1 localhost\n#127.0.1.1\tk8s-master1"));
    }

    @Test
    void theLoadBalancerHostGetsOnlyItsStepsAndTheyAreIdempotent() throws IOException {
        PlanHost lb = COURSE.host("k8s-lb");
        NodePrepSandbox box = new NodePrepSandbox(tmp)
                .etc("os-release", PrepFixtures.text("os-release-noble"))
                .etc("hosts", PrepFixtures.text("hosts-cloned-vm"))
                .etc("apt/sources.list.d/ubuntu.sources", PrepFixtures.text("ubuntu.sources-noble"))
                .etc("apt/sources.list", PrepFixtures.text("sources.list-noble"))
                .etc("chrony/chrony.conf", PrepFixtures.text("chrony-noble.conf"))
                .fake("lists", "mirrors.aliyun.com_ubuntu_dists_noble_InRelease\n")
                .steps(NodePrepSandbox.stepsOf(COURSE, lb, "firewall"));
        box.run();
        everyCheckFailsBeforeAndPassesAfterItsScript(box);
        aSecondPassChangesNothing(box);
        assertEquals("k8s-lb\n", box.etcAfter("hostname"));
        assertTrue(box.log(1).stream().anyMatch(l -> l.endsWith("install ca-certificates curl gnupg chrony")));
    }

    @Test
    void anUnsupportedReleaseStopsTheAptStepWithAClearMessage() throws IOException {
        PlanHost master = COURSE.host("k8s-master2");
        NodePrepSandbox box = new NodePrepSandbox(tmp)
                .etc("os-release", PrepFixtures.text("os-release-bookworm"))
                .steps(List.of(AptSources.step(COURSE, master)));
        box.run();
        assertEquals(1, box.status("apt-mirror", "script", 1));
        assertTrue(box.output("apt-mirror", "script", 1).contains("supports Ubuntu 22.04 (jammy) and 24.04 (noble)"));
        assertNotEquals(0, box.status("apt-mirror", "check-after", 1));
    }

    @Test
    void aKubeadmThatWantsAnotherPauseImageStopsTheStepAndFailsItsCheck() throws IOException {
        PlanHost master = COURSE.host("k8s-master3");
        NodePrepSandbox box = nodeBox(master, "containerd containerd.io v2.2.1 x")
                .etc("os-release", PrepFixtures.text("os-release-noble"))
                .fake("kubeadm-pause", "3.10\n")
                .steps(List.of(KubernetesPackages.step(COURSE, master)));
        box.run();
        assertEquals(1, box.status("kubernetes-packages", "script", 1));
        String out = box.output("kubernetes-packages", "script", 1);
        assertTrue(out.contains("kubeadm expects: registry.aliyuncs.com/google_containers/pause:3.10\n"), out);
        assertTrue(out.contains("differs from registry.aliyuncs.com/google_containers/pause:3.10.1"), out);
        assertEquals(1, box.status("kubernetes-packages", "check-after", 1));
    }

    private NodePrepSandbox nodeBox(PlanHost host, String containerdVersion) throws IOException {
        return new NodePrepSandbox(tmp)
                .etc("fstab", PrepFixtures.text("fstab-noble"))
                .etc("chrony/chrony.conf", PrepFixtures.text("chrony-noble.conf"))
                .fake("candidates/containerd.io", "2.2.1-1~ubuntu\n")
                .fake("containerd-version", containerdVersion + "\n")
                .fake("ctr-plugins", CRI_OK)
                .fake("kubeadm-version", "v1.34.3\n")
                .fake("kubeadm-pause", "3.10.1\n")
                .fake("madison/kubelet", madison("kubelet"))
                .fake("madison/kubeadm", madison("kubeadm"))
                .fake("madison/kubectl", madison("kubectl"))
                .url("https://mirrors.aliyun.com/docker-ce/linux/ubuntu/gpg",
                        NodePrepSandbox.armored("PUBLIC KEY BLOCK", 1))
                .url(ALIYUN_K8S + "Release.key", NodePrepSandbox.armored("PUBLIC KEY BLOCK", 2));
    }

    private static String madison(String pkg) {
        return " " + pkg + " | 1.34.3-1.1 | " + ALIYUN_K8S + "  Packages\n"
                + " " + pkg + " | 1.34.2-1.1 | " + ALIYUN_K8S + "  Packages\n";
    }

    private static void everyCheckFailsBeforeAndPassesAfterItsScript(NodePrepSandbox box) throws IOException {
        for (String id : box.stepIds()) {
            assertNotEquals(0, box.status(id, "check-before", 1), id + " looked done before it ran:\n"
                    + box.output(id, "check-before", 1));
            assertEquals(0, box.status(id, "script", 1), id + " failed:\n" + box.output(id, "script", 1));
            assertEquals(0, box.status(id, "check-after", 1), id + " check failed after its script:\n"
                    + box.output(id, "check-after", 1));
        }
    }

    private static void aSecondPassChangesNothing(NodePrepSandbox box) throws IOException {
        for (String id : box.stepIds()) {
            assertEquals(0, box.status(id, "check-before", 2), id + " not done at the start of pass 2:\n"
                    + box.output(id, "check-before", 2));
            assertEquals(0, box.status(id, "script", 2), id + " failed in pass 2:\n" + box.output(id, "script", 2));
            assertFalse(box.output(id, "script", 2).contains("written: "), id + " wrote again:\n"
                    + box.output(id, "script", 2));
        }
        assertEquals(box.snapshot(1), box.snapshot(2), "files changed in pass 2");
        List<String> second = box.log(2);
        assertFalse(second.stream().anyMatch(l -> l.startsWith("systemctl restart")), second.toString());
        assertFalse(second.stream().anyMatch(l -> l.contains(" install ")), second.toString());
    }
}
