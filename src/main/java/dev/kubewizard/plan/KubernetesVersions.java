package dev.kubewizard.plan;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What kubewizard knows about each Kubernetes minor line it installs. The sandbox (pause) image is the one kubeadm of
 * that line expects (`kubeadm config images list`); the course's pause:3.8 is wrong for all of them. The node checks
 * the table against the installed kubeadm and stops with a clear message if they ever disagree.
 */
public final class KubernetesVersions {
    /** Minor → pause image tag. */
    private static final Map<Integer, String> PAUSE = new TreeMap<>(Map.of(
            31, "3.10",
            32, "3.10",
            33, "3.10",
            34, "3.10.1",
            35, "3.10.1"));

    private KubernetesVersions() {
    }

    /** Supported minor lines as "1.NN", oldest first. */
    public static List<String> supported() {
        return PAUSE.keySet().stream().map(m -> "1." + m).toList();
    }

    public static boolean isSupported(int minor) {
        return PAUSE.containsKey(minor);
    }

    public static String pauseTag(int minor) {
        String tag = PAUSE.get(minor);
        if (tag == null) {
            throw new IllegalArgumentException("Kubernetes 1." + minor + " is not supported; supported: " + supported());
        }
        return tag;
    }

    /** kubeadm's configuration API for a minor line: v1beta4 from 1.31 on ({@code extraArgs} as name/value lists). */
    public static String kubeadmApiVersion(int minor) {
        return minor >= 31 ? "kubeadm.k8s.io/v1beta4" : "kubeadm.k8s.io/v1beta3";
    }
}
