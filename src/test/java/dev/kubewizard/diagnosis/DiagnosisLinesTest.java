package dev.kubewizard.diagnosis;

import static dev.kubewizard.diagnosis.Samples.failed;
import static dev.kubewizard.diagnosis.Samples.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubewizard.recipe.Phase;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Single lines as the programs print them (wording from their sources: kubeadm's preflight and join phases, containerd's
 * resolver, apt, nginx, swapoff, sudo, Go's crypto/x509 and net packages, and kubewizard's own steps).
 */
class DiagnosisLinesTest {
    @ParameterizedTest(name = "{2}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            PREP        | E: Unable to locate package containerd.io                                                  | mirror-wrong
            PREP        | E: Package 'kubeadm' has no installation candidate                                         | mirror-wrong
            PREP        | E: Version '1.34.1-1.1' for 'kubelet' was not found                                        | mirror-wrong
            PREP        | E: Failed to fetch https://mirrors.aliyun.com/ubuntu/pool/main/c/conntrack/conntrack_1.4.8-1ubuntu1_amd64.deb  404  Not Found [IP: 59.82.45.229 443] | mirror-wrong
            PREP        | Could not connect to mirrors.tuna.tsinghua.edu.cn:443 (101.6.15.130), connection timed out | mirror-unreachable
            PREP        | swapoff: /swap.img: swapoff failed: Cannot allocate memory                                 | swapoff-failed
            PREP        | modprobe: FATAL: Module br_netfilter not found in directory /lib/modules/6.8.0-1012-kvm    | bridge-netfilter
            PREP        | E: The repository 'file:/cdrom noble Release' does not have a Release file.                | mirror-wrong
            PREFLIGHT   | PROBLEM: this machine runs 'debian 12'; kubewizard installs on Ubuntu 22.04 or 24.04       | unsupported-os
            PREFLIGHT   | kubewizard: MAC address 08:00:27:4e:66:a1 is the same on k8s-node1 and k8s-node2          | duplicate-mac
            PREFLIGHT   | PROBLEM: 1 CPU; kubeadm needs at least 2 ([ERROR NumCPU])                                  | num-cpu
            PREFLIGHT   | PROBLEM: 1462 MB memory; kubeadm needs at least 1700 MB ([ERROR Mem])                      | memory
            PREFLIGHT   | PROBLEM: cannot use https://mirrors.aliyun.com/ubuntu/dists/ (HTTP no answer); choose another mirror in the plan | mirror-unreachable
            PREFLIGHT   | student is not in the sudoers file.  This incident will be reported.                       | sudo-not-allowed
            INIT        | 	[ERROR KubeletVersion]: the kubelet version is higher than the control plane version.     | other-kubernetes-version
            INIT        | 	[ERROR IsPrivilegedUser]: user is not running as root                                    | preflight-error
            INIT        | 	[ERROR ImagePull]: failed to pull image registry.aliyuncs.com/google_containers/etcd:3.6.4-0: exit status 1 | image-pull-failed
            INIT        | [kubelet-check] It seems like the kubelet isn't running or healthy.                        | kubelet-unhealthy
            INIT        | error execution phase wait-control-plane: couldn't initialize a Kubernetes cluster         | control-plane-not-starting
            INIT        | failed to pull image "registry.aliyuncs.com/google_containers/kube-apiserver:v1.34.9": rpc error: code = NotFound desc = failed to pull and unpack image "registry.aliyuncs.com/google_containers/kube-apiserver:v1.34.9": failed to resolve reference "registry.aliyuncs.com/google_containers/kube-apiserver:v1.34.9": registry.aliyuncs.com/google_containers/kube-apiserver:v1.34.9: not found | image-not-found
            INIT        | Get "https://k8s-api.cluster.local:6443/api/v1/namespaces/kube-system/configmaps/kubeadm-config?timeout=10s": EOF | endpoint-no-backend
            INIT        | Unable to connect to the server: x509: certificate has expired or is not yet valid: current time 2024-03-01T08:00:00Z is before 2026-01-12T01:30:00Z | clock-wrong
            JOIN_MASTER | error execution phase control-plane-prepare/download-certs: error downloading certs: error downloading the secret: Secret "kubeadm-certs" was not found in the "kube-system" Namespace. This Secret might have expired. Please, run `kubeadm init phase upload-certs --upload-certs` on a control plane to generate a new one | join-data-expired
            JOIN_WORKER | error execution phase preflight: couldn't validate the identity of the API Server: cluster CA found in cluster-info ConfigMap is invalid: none of the public keys "sha256:65c4da3121f57d2e67ea6c1c1349544c9e295d78790b199b5c3be908ffe5ed6c" are pinned | x509-unknown-authority
            JOIN_MASTER | error execution phase control-plane-join/etcd: error creating local etcd static pod manifest file: etcdserver: re-configuration failed due to not enough started members | etcd-unhealthy
            LB          | nginx: [emerg] bind() to 192.168.1.100:6443 failed (99: Cannot assign requested address)  | lb-vip-not-local
            LB          | [ALERT]    (1402) : Starting frontend kube-apiserver: cannot bind socket (Address already in use) [0.0.0.0:16443] | port-in-use
            HARBOR      | Failed   Failed to pull image "harbor.labworlds.cc/go-starter/dev:lbw-v1.0": failed to pull and unpack image "harbor.labworlds.cc/go-starter/dev:lbw-v1.0": failed to resolve reference "harbor.labworlds.cc/go-starter/dev:lbw-v1.0": failed to do request: Head "https://harbor.labworlds.cc/v2/go-starter/dev/manifests/lbw-v1.0": tls: failed to verify certificate: x509: certificate signed by unknown authority | registry-untrusted-cert
            HARBOR      | kubewizard: after 5 minutes the test image was pulled on 3 of 5 nodes:                     | image-pull-failed
            CNI         | Failed to pull image "docker.io/calico/node:v3.28.2": failed to pull and unpack image "docker.io/calico/node:v3.28.2": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/calico/node/manifests/sha256:1f3a: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. | registry-rate-limit
            VERIFY      | error: timed out waiting for the condition on nodes/k8s-node2                              | cluster-not-ready
            VERIFY      | The connection to the server 192.168.1.100:6443 was refused - did you specify the right host or port? | endpoint-refused
            """)
    void recognisesTheLine(Phase phase, String line, String expected) {
        assertEquals(List.of(expected), ids(Diagnosis.diagnose(failed(phase, 1, List.of(line)))));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            INIT   | The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?
            PREP   | Running kernel seems to be up-to-date.
            PREP   | W: https://download.docker.com/linux/ubuntu/dists/noble/InRelease: Key is stored in legacy trusted.gpg keyring (/etc/apt/trusted.gpg), see the DEPRECATION section in apt-key(8) for details.
            PREP   | E: Sub-process /usr/bin/dpkg returned an error code (1)
            INIT   | [check-etcd] Checking that the etcd cluster is healthy
            INIT   | [kubelet-check] The kubelet is healthy after 501.894876ms
            INIT   | 	[WARNING FileExisting-socat]: socat not found in system path
            INIT   | [preflight] You can also perform this action beforehand using 'kubeadm config images pull'
            PREP   | kubewizard: the run-time value KW_HARBOR_PASSWORD was not given on standard input
            LB     | nginx: the configuration file /etc/nginx/nginx.conf syntax is ok
            CNI    | Warning: unrecognized format "int32"
            VERIFY | Waiting for deployment "coredns" rollout to finish: 1 of 2 updated replicas are available...
            """)
    void harmlessLinesAreNotFindings(Phase phase, String line) {
        assertEquals(List.of(), ids(Diagnosis.diagnose(failed(phase, 1, List.of(line)))));
    }
}
