package dev.kubewizard.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real console captures from the shared fixtures folder (../shared/fixtures), adapted to the plan: the hostnames,
 * addresses, endpoint and versions of the capture's cluster become the plan's, and what the generated scripts keep
 * secret (kubeadm init runs with --skip-token-print and --skip-certificate-key-print) is withheld as kubeadm would.
 * Every method is empty when there is no folder or the file is missing; the project's own transcripts are used then.
 */
final class SharedFixtures {
    private final Path dir;

    SharedFixtures(Path dir) {
        this.dir = dir;
    }

    /** kubeadm-init-output.txt: a 1.32 init with --upload-certs behind a DNS endpoint. */
    Optional<String> kubeadmInit(Map<String, String> v) {
        return read("kubeadm-init-output.txt").map(text -> {
            List<String> out = new ArrayList<>();
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i];
                if (l.matches("[IW]\\d{4} .*")) {
                    continue;   // the version lookup and the pause warning: the kubewizard config avoids both
                }
                if (l.startsWith("[upload-certs] Using certificate key:")) {
                    i++;        // --skip-certificate-key-print
                    continue;
                }
                if (l.startsWith("[bootstrap-token] Using token:")) {
                    continue;   // --skip-token-print
                }
                out.add(l);
            }
            String adapted = String.join("\n", out);
            adapted = adapted.replaceAll("--token \\S+", "--token <value withheld>")
                    .replaceAll("--certificate-key \\S+", "--certificate-key <value withheld>")
                    .replaceAll("sha256:[0-9a-f]{64}", Matcher.quoteReplacement(v.get("CA_HASH")));
            Map<String, String> names = new LinkedHashMap<>();
            names.put("k8s-lab.lab.vezpi.me:6443", v.get("ENDPOINT"));
            names.put("k8s-lab.lab.vezpi.me", v.get("ENDPOINT_HOST"));
            names.put("apex-master", v.get("HOST"));
            names.put("192.168.66.167", v.get("ADDRESS"));
            names.put("v1.32.7", "v" + v.get("K8S_PATCH"));
            names.put("10.96.0.1", v.get("SERVICE_IP"));
            return replaceAll(adapted, names);
        });
    }

    /** The complete control-plane join capture, or the worker join capture. */
    Optional<String> kubeadmJoin(boolean controlPlane, Map<String, String> v) {
        if (!controlPlane) {
            return read("kubeadm-join-worker-output.txt");
        }
        return read("kubeadm-join-controlplane-output.txt").map(text -> {
            Map<String, String> names = new LinkedHashMap<>();
            names.put("k8sm-controlplane02", v.get("HOST"));
            names.put("192.168.1.231", v.get("ADDRESS"));
            names.put("192.168.1.240", v.get("VIP"));
            names.put("192.168.1.230", v.get("FIRST_MASTER_ADDRESS"));
            names.put("10.96.0.1", v.get("SERVICE_IP"));
            return replaceAll(text, names);
        });
    }

    /** The apt-get update, install and apt-mark hold part of apt-install-kube-output.txt, for the plan's mirrors. */
    Optional<String> kubernetesPackages(Map<String, String> v) {
        return read("apt-install-kube-output.txt").map(text -> {
            List<String> out = new ArrayList<>();
            for (String l : text.split("\n", -1)) {
                if (l.matches("\\S+@\\S+:.*\\$ .*") || l.contains("nvidia") || l.contains("slurmd")
                        || l.contains("dell")) {
                    continue;   // the prompt lines and what belongs to that one machine
                }
                out.add(l);
            }
            Map<String, String> names = new LinkedHashMap<>();
            names.put("https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.31/deb",
                    v.get("KUBE_REPO"));
            names.put("http://kr.archive.ubuntu.com/ubuntu", v.get("UBUNTU_MIRROR"));
            names.put("http://security.ubuntu.com/ubuntu", v.get("UBUNTU_MIRROR"));
            names.put("https://download.docker.com/linux/ubuntu", v.get("DOCKER_MIRROR"));
            names.put("1.31.14-1.1", v.get("K8S_PATCH") + "-1.1");
            names.put("1.31.1-1.1", v.get("CRI_TOOLS"));
            names.put("1.5.1-1.1", v.get("K8S_CNI"));
            return replaceAll(String.join("\n", out).strip(), names);
        });
    }

    /** The objects of the kubectl apply capture of Calico 3.28, without their "created". */
    Optional<List<String>> calicoObjects() {
        return read("kubectl-apply-calico-v3.28.0-output.txt").map(text -> text.lines()
                .filter(l -> !l.isBlank()).map(l -> l.replaceAll(" (created|configured|unchanged)$", "")).toList());
    }

    private Optional<String> read(String name) {
        if (dir == null) {
            return Optional.empty();
        }
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Every key replaced at once, so that a replacement is never replaced again. */
    static String replaceAll(String text, Map<String, String> replacements) {
        StringBuilder pattern = new StringBuilder();
        for (String key : replacements.keySet()) {
            pattern.append(pattern.length() == 0 ? "" : "|").append(Pattern.quote(key));
        }
        Matcher m = Pattern.compile(pattern.toString()).matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String value = replacements.get(m.group());
            m.appendReplacement(b, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(b);
        return b.toString();
    }
}
