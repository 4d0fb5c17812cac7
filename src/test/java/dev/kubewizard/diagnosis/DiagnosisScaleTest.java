package dev.kubewizard.diagnosis;

import static dev.kubewizard.diagnosis.Samples.failed;
import static dev.kubewizard.diagnosis.Samples.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.recipe.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A step may print thousands of lines (apt, kubectl apply, retry loops): the diagnosis reads each line once. Not a
 * timed test: the bound only catches work that grows faster than the output (100,000 lines take about 0.1 s).
 */
class DiagnosisScaleTest {
    @Test
    void timeGrowsWithTheOutputNoFasterThanLinearly() {
        List<String> small = output(10_000);
        List<String> large = output(100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 3; i++) {
                Diagnosis.diagnose(failed(Phase.PREP, 100, large));   // warm-up
            }
            long smallNanos = fastest(small);
            long largeNanos = fastest(large);
            // ten times the lines: linear is about 10x; quadratic would be 100x
            assertTrue(largeNanos < 30 * smallNanos + Duration.ofMillis(50).toNanos(),
                    "10k lines: " + smallNanos / 1000 + " us, 100k lines: " + largeNanos / 1000 + " us");
        });
        // the failure printed last, after 100,000 lines of noise, is still found
        assertEquals(List.of("dpkg-lock"), ids(Diagnosis.diagnose(failed(Phase.PREP, 100, large))));
    }

    private static long fastest(List<String> output) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            Diagnosis.diagnose(failed(Phase.PREP, 100, output));
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    /** Realistic noise (an apt install, kubeadm's progress and harmless warnings), then apt failing on the lock. */
    static List<String> output(int lines) {
        List<String> noise = new ArrayList<>();
        noise.addAll(Samples.lines("harmless-warnings.txt"));
        noise.addAll(List.of(
                "Get:2 https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb  kubeadm 1.34.1-1.1 [12.2 MB]",
                "Selecting previously unselected package kubeadm.",
                "Preparing to unpack .../kubeadm_1.34.1-1.1_amd64.deb ...",
                "Unpacking kubeadm (1.34.1-1.1) ...",
                "Setting up kubeadm (1.34.1-1.1) ...",
                "[certs] Generating \"apiserver\" certificate and key",
                "[kubelet-check] The kubelet is healthy after 501.894876ms",
                "customresourcedefinition.apiextensions.k8s.io/bgpconfigurations.crd.projectcalico.org created"));
        List<String> output = new ArrayList<>(lines);
        for (int i = 0; output.size() < lines - 1; i++) {
            output.add(noise.get(i % noise.size()));
        }
        output.add("E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 1843 (unattended-upgr)");
        return output;
    }
}
