package dev.kubewizard.sim;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How long each step takes on a simulated node at speed 1 (the demo's pace: the course plan installs in about three
 * minutes). A step is looked up by {@code phase/id} first, then by its id, then by a prefix key ending in {@code *}
 * ({@code join-data-*}); anything else takes {@link #otherSteps()}. Checks take {@link #check()}.
 */
public record StepDurations(Map<String, Duration> steps, Duration otherSteps, Duration check) {
    public StepDurations {
        steps = Map.copyOf(steps);
        Objects.requireNonNull(otherSteps, "otherSteps");
        Objects.requireNonNull(check, "check");
    }

    /** The demo profile: roughly the proportions of a real install on a classroom network, much shorter. */
    public static StepDurations demo() {
        Map<String, Duration> d = new LinkedHashMap<>();
        d.put("preflight", ms(2500));
        d.put("hostname", ms(800));
        d.put("hosts", ms(700));
        d.put("apt-mirror", ms(7000));
        d.put("firewall", ms(1200));
        d.put("swap", ms(900));
        d.put("kernel", ms(1000));
        d.put("base-packages", ms(8000));
        d.put("time-sync", ms(3500));
        d.put("containerd", ms(12000));
        d.put("registry-hosts", ms(600));
        d.put("crictl", ms(500));
        d.put("kubernetes-packages", ms(12000));
        d.put("lb-nginx", ms(6000));
        d.put("lb-haproxy", ms(6000));
        d.put("lb-keepalived", ms(5000));
        d.put("kubeadm-config", ms(800));
        d.put("kubeadm-images", ms(15000));
        d.put("kubeadm-init", ms(20000));
        d.put("kubectl-config", ms(500));
        d.put("join-data-*", ms(2000));
        d.put("join-master/kubeadm-join", ms(16000));
        d.put("join-worker/kubeadm-join", ms(8000));
        d.put("calico", ms(6000));
        d.put("harbor", ms(9000));
        d.put("verify-cluster", ms(5000));
        d.put("reset-node", ms(4000));
        return new StepDurations(d, ms(1000), ms(300));
    }

    /** Every step and check takes the same time: for benchmarks with known durations. */
    public static StepDurations uniform(Duration step, Duration check) {
        return new StepDurations(Map.of(), step, check);
    }

    /** This profile with one step's duration changed ({@code key} as described above). */
    public StepDurations with(String key, Duration duration) {
        Map<String, Duration> d = new LinkedHashMap<>(steps);
        d.put(key, duration);
        return new StepDurations(d, otherSteps, check);
    }

    /** The duration of a step at speed 1. */
    public Duration of(String phase, String stepId) {
        Duration d = steps.get(phase + "/" + stepId);
        if (d == null) {
            d = steps.get(stepId);
        }
        if (d == null) {
            for (Map.Entry<String, Duration> e : steps.entrySet()) {
                String k = e.getKey();
                if (k.endsWith("*") && stepId.startsWith(k.substring(0, k.length() - 1))) {
                    return e.getValue();
                }
            }
            d = otherSteps;
        }
        return d;
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
