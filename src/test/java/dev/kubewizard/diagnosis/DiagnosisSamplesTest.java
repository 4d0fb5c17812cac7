package dev.kubewizard.diagnosis;

import static dev.kubewizard.diagnosis.Samples.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubewizard.recipe.Phase;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every hand-written failure sample (src/test/resources/dev/kubewizard/diagnosis, each citing where its wording comes
 * from) yields exactly the expected findings, in order. "lost" stands for a connection that broke off.
 */
class DiagnosisSamplesTest {
    @ParameterizedTest(name = "{0} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            apt-lock-timeout.txt             | PREP        | 100  | dpkg-lock
            apt-lock-waiting.txt             | PREP        | 1    | dpkg-lock
            apt-lock-waiting.txt             | PREP        | lost | connection-lost
            needrestart-dialog.txt           | PREP        | lost | connection-lost needrestart-question
            dpkg-interrupted.txt             | PREP        | 100  | dpkg-interrupted
            disk-full.txt                    | PREP        | 100  | disk-full
            preflight-cri-disabled.txt       | INIT        | 1    | cri-not-loaded
            preflight-cri-socket-missing.txt | INIT        | 1    | cri-not-running
            preflight-small-vm.txt           | INIT        | 1    | num-cpu memory
            preflight-leftovers.txt          | INIT        | 4    | port-in-use
            preflight-kernel.txt             | JOIN_WORKER | 1    | bridge-netfilter ip-forward
            preflight-swap-old.txt           | INIT        | 1    | swap-on
            kubelet-swap-timeout.txt         | INIT        | 1    | swap-on kubelet-unhealthy
            api-check-timeout.txt            | INIT        | 1    | control-plane-not-starting
            images-pull-timeout-k8s.txt      | INIT        | 1    | image-pull-timeout
            calico-pull-timeout-hub.txt      | VERIFY      | 1    | image-pull-timeout
            harbor-pull-http.txt             | HARBOR      | 1    | registry-http
            harbor-pull-unauthorized.txt     | HARBOR      | 1    | registry-unauthorized
            join-endpoint-refused.txt        | JOIN_WORKER | 1    | endpoint-refused
            join-endpoint-no-route.txt       | JOIN_MASTER | 1    | endpoint-no-route
            verify-endpoint-timeout.txt      | VERIFY      | 1    | endpoint-timeout
            x509-vip.txt                     | VERIFY      | 1    | x509-wrong-name
            nginx-stream-in-http.txt         | LB          | 1    | nginx-stream-in-http
            nginx-unknown-stream.txt         | LB          | 1    | nginx-stream-module-missing
            lb-vip-not-local.txt             | LB          | 1    | lb-vip-not-local
            apt-no-release-file.txt          | PREP        | 100  | mirror-wrong
            apt-no-pubkey.txt                | PREP        | 100  | apt-key-missing
            apt-expkeysig.txt                | PREP        | 100  | apt-key-expired
            apt-dns.txt                      | PREP        | 1    | dns-failure
            prep-download-timeout.txt        | PREP        | 1    | mirror-unreachable
            clock-behind.txt                 | PREP        | 100  | clock-wrong
            sudo-wrong-password.txt          | PREP        | 1    | sudo-wrong-password
            sudo-terminal.txt                | PREFLIGHT   | 1    | sudo-no-password
            needs-reset-exit4.txt            | JOIN_WORKER | 4    | file-exists
            join-node-exists.txt             | JOIN_WORKER | 1    | node-name-taken
            join-token-expired.txt           | JOIN_WORKER | 1    | join-data-expired
            etcd-join-unhealthy.txt          | JOIN_MASTER | 1    | etcd-unhealthy
            duplicate-uuid.txt               | PREFLIGHT   | 1    | duplicate-product-uuid
            preflight-problems.txt           | PREFLIGHT   | 1    | port-in-use mirror-wrong
            harmless-warnings.txt            | INIT        | 1    |
            """)
    void recognisesEachSample(String sample, Phase phase, String ending, String expected) {
        List<String> output = Samples.lines(sample);
        FailedStep step = "lost".equals(ending)
                ? FailedStep.connectionLost("step", phase, "k8s-master1", output)
                : FailedStep.exited("step", phase, "k8s-master1", Integer.parseInt(ending), output);
        List<String> want = expected == null ? List.of() : Arrays.asList(expected.trim().split("\\s+"));
        assertEquals(want, ids(Diagnosis.diagnose(step)));
    }
}
