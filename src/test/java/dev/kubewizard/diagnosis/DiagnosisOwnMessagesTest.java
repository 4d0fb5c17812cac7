package dev.kubewizard.diagnosis;

import static dev.kubewizard.diagnosis.Samples.failed;
import static dev.kubewizard.diagnosis.Samples.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubewizard.recipe.Phase;
import dev.kubewizard.text.Messages;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kubewizard's own steps stop with messages from the prep and cluster bundles. Built here from the bundles, printed as
 * the scripts print them, so that a changed wording there breaks this test instead of silently losing the diagnosis.
 */
class DiagnosisOwnMessagesTest {
    private static final String URL = "https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/";

    /** prep_fail: one line, "kubewizard: " + Chinese + " / " + English. */
    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({
        "prep.error.criNotLoaded, , cri-not-loaded",
        "prep.error.unsupportedUbuntu, , unsupported-os",
        "prep.error.aptUpdate, https://mirrors.aliyun.com/ubuntu, mirror-unreachable",
        "prep.error.download, " + URL + "Release.key, mirror-unreachable",
        "prep.error.notAKey, " + URL + "Release.key, mirror-wrong",
        "prep.error.noPackage, 1.34, mirror-wrong",
        "prep.error.otherMinorInCluster, 1.34, other-kubernetes-version",
    })
    void prepFailuresAreRecognised(String key, String argument, String expected) {
        Object[] args = argument == null ? new Object[0]
                : key.endsWith("noPackage") ? new Object[] {argument, URL} : new Object[] {argument};
        String line = "kubewizard: " + Messages.format(key, "zh", args) + " / " + Messages.format(key, "en", args);
        assertEquals(List.of(expected), ids(Diagnosis.diagnose(failed(Phase.PREP, 1, List.of(line)))));
    }

    /** needs_reset and its siblings: two lines, Chinese then English, exit 4. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "cluster.message.needs-reset, needs-reset",
        "cluster.message.config-changed, needs-reset",
        "cluster.message.half-initialised, needs-reset",
        "cluster.message.not-registered, needs-reset",
    })
    void kubeadmStepMessagesAskForAReset(String key, String expected) {
        List<String> output = List.of("kubewizard: " + Messages.format(key, "zh", "k8s-master2"),
                "kubewizard: " + Messages.format(key, "en", "k8s-master2"));
        List<Finding> findings = Diagnosis.diagnose(
                FailedStep.exited("kubeadm-join", Phase.JOIN_MASTER, "k8s-master2", 4, output));
        assertEquals(List.of(expected), ids(findings));
        assertEquals(Remedy.RESET_NODE, findings.get(0).remedy());
        assertEquals(List.of(output.get(1)), findings.get(0).evidence());
    }
}
