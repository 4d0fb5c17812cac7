package dev.kubewizard.diagnosis;

import static dev.kubewizard.diagnosis.Samples.failed;
import static dev.kubewizard.diagnosis.Samples.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.recipe.Phase;
import dev.kubewizard.testing.Tools;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real console outputs of ../shared/fixtures. Successful ones must yield nothing even if the step is taken for
 * failed: their warnings (sandbox image, internet version lookup, etcd learner retries, needrestart's report) explain
 * no failure.
 */
class DiagnosisSharedFixturesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "kubeadm-init-output.txt, INIT",
        "kubeadm-init-output.ubuntu2404-ip-endpoint.txt, INIT",
        "kubeadm-join-controlplane-output.txt, JOIN_MASTER",
        "kubeadm-join-controlplane-output.vezpi-elided.txt, JOIN_MASTER",
        "kubeadm-join-worker-output.txt, JOIN_WORKER",
        "apt-install-kube-output.txt, PREP",
        "kubectl-apply-calico-v3.28.0-output.txt, CNI",
    })
    void successfulOutputsYieldNoFinding(String fixture, Phase phase) {
        List<String> output = Samples.split(Tools.readShared(fixture));
        assertEquals(List.of(), ids(Diagnosis.diagnose(failed(phase, 1, output))));
    }

    @Test
    void missingConntrackIsRecognisedInTheRealPreflightError() {
        List<String> output = Samples.split(Tools.readShared("kubeadm-init-preflight-error-conntrack.txt"));
        List<Finding> findings = Diagnosis.diagnose(failed(Phase.INIT, 1, output));
        assertEquals(List.of("missing-program"), ids(findings));
        Finding f = findings.get(0);
        assertTrue(f.fix().en().contains("sudo apt-get install -y conntrack"), f.fix().en());
        assertEquals(List.of("[ERROR FileExisting-conntrack]: conntrack not found in system path"), f.evidence());
    }
}
