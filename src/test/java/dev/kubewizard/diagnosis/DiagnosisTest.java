package dev.kubewizard.diagnosis;

import static dev.kubewizard.diagnosis.Samples.failed;
import static dev.kubewizard.diagnosis.Samples.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.recipe.Phase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosisTest {
    @Test
    void aLostConnectionIsAFindingEvenWithoutOutput() {
        List<Finding> findings = Diagnosis.diagnose(
                FailedStep.connectionLost("containerd", Phase.PREP, "k8s-node2", List.of()));
        assertEquals(List.of("connection-lost"), ids(findings));
        Finding f = findings.get(0);
        assertEquals(Remedy.RETRY_NODE, f.remedy());
        assertTrue(f.evidence().isEmpty());
        assertTrue(f.cause().zh().contains("k8s-node2") && f.cause().en().contains("k8s-node2"), f.cause().toString());
    }

    @Test
    void exitFourOfAKubeadmStepAsksForAResetEvenWhenTheOutputIsLost() {
        List<Finding> findings = Diagnosis.diagnose(
                FailedStep.exited("kubeadm-join", Phase.JOIN_WORKER, "k8s-node1", 4, List.of()));
        assertEquals(List.of("needs-reset"), ids(findings));
        assertEquals(Remedy.RESET_NODE, findings.get(0).remedy());
        assertTrue(findings.get(0).fix().en().contains("\"reset node\" for k8s-node1"), findings.get(0).fix().en());
        assertTrue(findings.get(0).fix().zh().contains("重置节点"), findings.get(0).fix().zh());
    }

    @Test
    void exitFourMeansNothingOutsideTheKubeadmSteps() {
        assertEquals(List.of(), Diagnosis.diagnose(failed(Phase.PREP, 4, List.of())));
    }

    @Test
    void outputNobodyRecognisesGivesNoFinding() {
        assertEquals(List.of(), Diagnosis.diagnose(failed(Phase.PREP, 1,
                List.of("unchanged: /etc/crictl.yaml", "something odd happened", "exit status 1"))));
    }

    @Test
    void thePortFindingNamesThePortAndItsUsualHolderInBothLanguages() {
        Finding f = Diagnosis.diagnose(failed(Phase.JOIN_WORKER, 1,
                List.of("\t[ERROR Port-10250]: Port 10250 is in use"))).get(0);
        assertEquals("port-in-use", f.id());
        assertEquals(Remedy.RESET_NODE, f.remedy());
        for (String text : List.of(f.cause().zh(), f.cause().en())) {
            assertTrue(text.contains("10250") && text.contains("kubelet"), text);
        }
        assertTrue(f.fix().en().contains("sudo ss -ltnp 'sport = :10250'"), f.fix().en());
        assertEquals(List.of("[ERROR Port-10250]: Port 10250 is in use"), f.evidence());
    }

    @Test
    void aPortHeldByAnotherProgramOnTheLoadBalancerIsNotALeftoverOfKubeadm() {
        Finding f = Diagnosis.diagnose(failed(Phase.LB, 1, List.of(
                "nginx: [emerg] bind() to 0.0.0.0:6443 failed (98: Address already in use)"))).get(0);
        assertEquals("port-in-use", f.id());
        assertEquals(Remedy.RETRY_NODE, f.remedy());
        assertTrue(f.cause().en().contains("port 6443"), f.cause().en());
    }

    @Test
    void theConntrackFindingNamesTheProgramAndItsPackage() {
        Finding f = Diagnosis.diagnose(failed(Phase.INIT, 1,
                List.of("        [ERROR FileExisting-crictl]: crictl not found in system path"))).get(0);
        assertEquals("missing-program", f.id());
        assertTrue(f.fix().en().contains("sudo apt-get install -y cri-tools"), f.fix().en());
        assertTrue(f.cause().zh().contains("crictl"), f.cause().zh());
    }

    @Test
    void theCertificateFindingNamesTheAddressTheCertificateLacks() {
        Finding f = Diagnosis.diagnose(failed(Phase.VERIFY, 1, Samples.lines("x509-vip.txt"))).get(0);
        assertTrue(f.cause().en().contains("not valid for 192.168.1.100,"), f.cause().en());
        assertTrue(f.cause().zh().contains("对 192.168.1.100 无效"), f.cause().zh());
    }

    @Test
    void theNginxFindingNamesTheFileToMoveAway() {
        Finding f = Diagnosis.diagnose(failed(Phase.LB, 1, Samples.lines("nginx-stream-in-http.txt"))).get(0);
        assertTrue(f.fix().en().contains("sudo mv /etc/nginx/conf.d/kubernetes.conf /root/"), f.fix().en());
        assertEquals(List.of("nginx: [emerg] \"stream\" directive is not allowed here in "
                + "/etc/nginx/conf.d/kubernetes.conf:1"), f.evidence());
    }

    @Test
    void aMirrorFindingNamesThePlanFieldTheAddressComesFrom() {
        Finding f = Diagnosis.diagnose(failed(Phase.PREP, 100, Samples.lines("apt-no-release-file.txt"))).get(0);
        assertTrue(f.fix().en().contains("correct mirrors.kubernetes in the plan"), f.fix().en());
        assertTrue(f.cause().en().contains("https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.36/deb "),
                f.cause().en());
        // apt prints the source and the reason on two lines: both are evidence
        assertEquals(List.of("Err:4 https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.36/deb  Release",
                "404  Not Found [IP: 59.82.45.229 443]",
                "E: The repository 'https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.36/deb  Release' "
                        + "does not have a Release file."), f.evidence());
    }

    @Test
    void imagePullTimeoutsPointAtThePlanFieldForTheirRegistry() {
        Finding k8s = Diagnosis.diagnose(failed(Phase.INIT, 1, Samples.lines("images-pull-timeout-k8s.txt")))
                .get(0);
        assertTrue(k8s.fix().en().contains("mirrors.imageRepository"), k8s.fix().en());
        assertEquals(Remedy.EDIT_PLAN, k8s.remedy());
        Finding hub = Diagnosis.diagnose(failed(Phase.VERIFY, 1, Samples.lines("calico-pull-timeout-hub.txt")))
                .get(0);
        assertTrue(hub.cause().en().startsWith("Pulling images from docker.io timed out"), hub.cause().en());
        assertTrue(hub.fix().en().contains("cni.calico.imageRegistry"), hub.fix().en());
        Finding harbor = Diagnosis.diagnose(failed(Phase.HARBOR, 1, List.of(
                "Failed   Failed to pull image \"harbor.labworlds.cc/go-starter/dev:lbw-v1.0\": failed to pull and "
                        + "unpack image \"harbor.labworlds.cc/go-starter/dev:lbw-v1.0\": failed to resolve reference "
                        + "\"harbor.labworlds.cc/go-starter/dev:lbw-v1.0\": failed to do request: Head "
                        + "\"https://harbor.labworlds.cc/v2/go-starter/dev/manifests/lbw-v1.0\": dial tcp "
                        + "192.168.1.30:443: connect: no route to host"))).get(0);
        assertEquals("image-pull-timeout", harbor.id());
        assertTrue(harbor.fix().en().contains("curl -skI https://harbor.labworlds.cc/v2/"), harbor.fix().en());
    }

    @Test
    void aNameLookedUpWithTheApiPortIsTheEndpointNameNotTheDns() {
        List<Finding> findings = Diagnosis.diagnose(failed(Phase.JOIN_WORKER, 1, List.of(
                "[discovery] Failed to request cluster-info, will try again: Get \"https://k8s-api.cluster.local:6443"
                        + "/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s\": dial tcp: lookup "
                        + "k8s-api.cluster.local on 127.0.0.53:53: no such host")));
        assertEquals(List.of("endpoint-name-unresolved"), ids(findings));
        assertTrue(findings.get(0).cause().en().contains("k8s-api.cluster.local"));
    }

    @Test
    void aNameOnlyEtcHostsCanKnowIsSentToTheHostsStepNotToTheDnsServer() {
        Finding f = Diagnosis.diagnose(failed(Phase.VERIFY, 1, List.of(
                "Unable to connect to the server: dial tcp: lookup k8s-api.cluster.local on 127.0.0.53:53: no such "
                        + "host"))).get(0);
        assertEquals("dns-failure", f.id());
        assertTrue(f.fix().en().contains("the hosts step"), f.fix().en());
        Finding internet = Diagnosis.diagnose(failed(Phase.PREP, 1, List.of(
                "curl: (6) Could not resolve host: mirrors.aliyun.com"))).get(0);
        assertTrue(internet.fix().en().contains("netplan"), internet.fix().en());
    }

    @Test
    void aDnsFailureExplainsTheUnreachableMirrorsAndImagesThatFollowFromIt() {
        List<Finding> findings = Diagnosis.diagnose(failed(Phase.INIT, 1, List.of(
                "failed to pull image \"registry.aliyuncs.com/google_containers/kube-apiserver:v1.34.1\": rpc error: "
                        + "code = Unknown desc = failed to resolve reference \"registry.aliyuncs.com/google_containers/"
                        + "kube-apiserver:v1.34.1\": failed to do request: Head \"https://registry.aliyuncs.com/v2/"
                        + "google_containers/kube-apiserver/manifests/v1.34.1\": dial tcp: lookup "
                        + "registry.aliyuncs.com on 127.0.0.53:53: server misbehaving",
                "curl: (6) Could not resolve host: mirrors.aliyun.com")));
        assertEquals(List.of("dns-failure"), ids(findings));
        assertTrue(findings.get(0).cause().en().contains("registry.aliyuncs.com"), findings.get(0).cause().en());
        assertEquals(2, findings.get(0).evidence().size());
    }

    @Test
    void hintsCountOnlyWhenNothingSettlesTheFailure() {
        List<String> waitedThenFailed = new ArrayList<>(Samples.lines("apt-lock-waiting.txt"));
        waitedThenFailed.addAll(Samples.lines("apt-no-release-file.txt"));
        assertEquals(List.of("mirror-wrong"), ids(Diagnosis.diagnose(failed(Phase.PREP, 100, waitedThenFailed))));
    }

    @Test
    void aWarningGpgErrorAloneIsOnlyAHint() {
        String warning = "W: An error occurred during the signature verification. The repository is not updated and "
                + "the previous index files will be used. GPG error: https://prod-cdn.packages.k8s.io/repositories/"
                + "isv:/kubernetes:/core:/stable:/v1.31/deb  InRelease: The following signatures were invalid: "
                + "EXPKEYSIG 234654DA9A296436 isv:kubernetes OBS Project <isv:kubernetes@build.opensuse.org>";
        assertEquals(List.of("apt-key-expired"), ids(Diagnosis.diagnose(failed(Phase.PREP, 1, List.of(warning)))));
        List<String> withDisk = List.of(warning, "E: You don't have enough free space in /var/cache/apt/archives/.");
        assertEquals(List.of("disk-full"), ids(Diagnosis.diagnose(failed(Phase.PREP, 100, withDisk))));
    }

    @Test
    void onlyTheMostSpecificCauseOfAFamilyIsReported() {
        // the half-initialised message and the leftover list it is followed by are one cause
        List<String> output = List.of(
                "kubewizard: An earlier kubeadm init on k8s-master1 did not finish: the control-plane files exist but "
                        + "the cluster was never completed (or the local API server did not answer within a minute).",
                "  - /etc/kubernetes/manifests/kube-apiserver.yaml exists",
                "kubewizard: k8s-master1 still holds what an earlier install left (listed above), and kubeadm would "
                        + "fail on it. Use \"reset node\" on k8s-master1 in kubewizard, then try again.");
        List<Finding> findings = Diagnosis.diagnose(failed(Phase.INIT, 4, output));
        assertEquals(List.of("needs-reset"), ids(findings));
        assertTrue(findings.get(0).cause().en().contains("stopped halfway"), findings.get(0).cause().en());
    }

    @Test
    void atMostThreeFindingsAreReportedMostSpecificFirst() {
        List<String> output = new ArrayList<>(Samples.lines("preflight-small-vm.txt"));
        output.addAll(Samples.lines("preflight-kernel.txt"));
        output.addAll(Samples.lines("preflight-swap-old.txt"));
        List<Finding> findings = Diagnosis.diagnose(failed(Phase.INIT, 1, output));
        assertEquals(List.of("swap-on", "num-cpu", "memory"), ids(findings));
    }

    @Test
    void evidenceIsTheMatchingLinesAsPrintedAtMostThreeWithoutRepeats() {
        List<String> output = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            output.add("[discovery] Failed to request cluster-info, will try again: Get \"https://192.168.1.100:6443/"
                    + "api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s\": "
                    + "dial tcp 192.168.1.100:6443: connect: connection refused");
            output.add("[discovery] attempt " + i);
        }
        Finding f = Diagnosis.diagnose(failed(Phase.JOIN_WORKER, 1, output)).get(0);
        assertEquals("endpoint-refused", f.id());
        assertEquals(List.of(output.get(0)), f.evidence());
        assertTrue(f.cause().en().contains("192.168.1.100:6443"), f.cause().en());
    }

    @Test
    void terminalColoursCarriageReturnsAndEmbeddedNewlinesDoNotHideAFailure() {
        String coloured = "\u001B[1;31mE: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 1843 "
                + "(unattended-upgr)\u001B[0m";
        String progress = "Waiting for cache lock: ... 598s\rWaiting for cache lock: ... 599s\r" + coloured + "\r";
        List<Finding> findings = Diagnosis.diagnose(failed(Phase.PREP, 100, List.of("Reading package lists...\n"
                + progress)));
        assertEquals(List.of("dpkg-lock"), ids(findings));
        assertEquals(List.of("E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 1843 "
                + "(unattended-upgr)"), findings.get(0).evidence());
    }

    @Test
    void aHugeLineIsReadWithoutTrouble() {
        String huge = "x".repeat(2_000_000) + " [ERROR NumCPU]: the number of available CPUs 1 is less than the "
                + "required 2";
        // past the cut-off: the failure text at its end is not seen, and nothing breaks
        assertEquals(List.of(), Diagnosis.diagnose(failed(Phase.INIT, 1, List.of(huge))));
        String early = "[ERROR NumCPU]: the number of available CPUs 1 is less than the required 2 "
                + "y".repeat(2_000_000);
        Finding f = Diagnosis.diagnose(failed(Phase.INIT, 1, List.of(early))).get(0);
        assertEquals("num-cpu", f.id());
        assertTrue(f.evidence().get(0).length() <= OutputLine.MAX_LENGTH);
    }

    @Test
    void klogInfoAndWarningLinesAreNeverEvidence() {
        assertEquals(List.of(), Diagnosis.diagnose(failed(Phase.INIT, 1, List.of(
                "W0512 13:14:15.780527    3037 version.go:109] could not fetch a Kubernetes version from the "
                        + "internet: unable to get URL \"https://dl.k8s.io/release/stable-1.32.txt\": Get "
                        + "\"https://cdn.dl.k8s.io/release/stable-1.32.txt\": dial tcp 10.0.0.1:6443: connect: "
                        + "connection refused"))));
    }
}
