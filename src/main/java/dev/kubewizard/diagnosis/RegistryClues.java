package dev.kubewizard.diagnosis;

import static dev.kubewizard.diagnosis.Lines.group;
import static dev.kubewizard.diagnosis.Lines.hasAny;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Image pulls by containerd, crictl, kubeadm config images pull and the kubelet (pod events), as printed in 1.31-1.35
 * and containerd 1.7/2.x wording.
 */
final class RegistryClues {
    /** An image reference after "image" or "reference", quoted, escaped-quoted or bare. */
    private static final Pattern IMAGE = Pattern.compile(
            "(?:image|reference)\\s+\\\\?\"?"
                    + "([a-z0-9][\\w.-]*(?::\\d+)?(?:/[\\w.-]+)+(?::[\\w.-]+|@sha256:[0-9a-f]+)?)");
    /** The registry a request went to: Head "https://registry.k8s.io/v2/kube-apiserver/manifests/v1.34.1". */
    private static final Pattern REGISTRY_URL = Pattern.compile("https?://([\\w.-]+(?::\\d+)?)/v2/");
    private static final Set<String> KUBERNETES_REGISTRIES = Set.of("registry.k8s.io", "k8s.gcr.io");
    private static final Set<String> FOREIGN_HUBS = Set.of("docker.io", "quay.io", "ghcr.io", "gcr.io");

    private RegistryClues() {
    }

    /** Lines about pulling an image; other lines may say "timeout" or "unauthorized" about something else. */
    static boolean aboutPulling(String line) {
        return hasAny(line, "pull image", "pulling image", "PullImage", "ailed to pull", "ErrImagePull",
                "ImagePullBackOff", "failed to resolve reference", "/v2/", "pull access denied", "crictl pull",
                "failed to get sandbox image", "pulling from host");
    }

    /** HTTP Harbor reached over HTTPS, and a self-signed HTTPS Harbor. */
    static Clue protocol(String line, ScanState state) {
        if (line.contains("server gave HTTP response to HTTPS client")) {
            String registry = registry(line);
            return registry == null ? null : Clue.of(Cause.REGISTRY_HTTP, registry);
        }
        if (hasAny(line, "certificate signed by unknown authority", "certificate is not trusted")
                && aboutPulling(line)) {
            String registry = registry(line);
            return registry == null ? null : Clue.of(Cause.REGISTRY_UNTRUSTED_CERT, registry);
        }
        return null;
    }

    /** Why a pull failed: credentials, Docker Hub's rate limit, a missing tag, or the network. */
    static Clue pulls(String line, ScanState state) {
        if (hasAny(line, "toomanyrequests", "429 Too Many Requests", "pull rate limit")) {
            return Clue.of(Cause.REGISTRY_RATE_LIMIT);
        }
        if (!aboutPulling(line)) {
            return null;
        }
        String registry = registry(line);
        if (hasAny(line, "401 Unauthorized", "unauthorized:", "pull access denied", "authorization failed",
                "insufficient_scope", "no basic auth credentials", "403 Forbidden")) {
            return registry == null ? null : Clue.of(Cause.REGISTRY_UNAUTHORIZED, registry);
        }
        if (hasAny(line, ": not found", "manifest unknown", "NotFound")) {
            String image = group(IMAGE, line);
            return image == null ? null : Clue.of(Cause.IMAGE_NOT_FOUND, image);
        }
        if (hasAny(line, "i/o timeout", "TLS handshake timeout", "context deadline exceeded", "DeadlineExceeded",
                "Client.Timeout exceeded", "connection reset by peer", "connection refused", "no route to host",
                "network is unreachable", "connection timed out", ": EOF")) {
            if (registry == null) {
                return null;
            }
            if (KUBERNETES_REGISTRIES.contains(registry)) {
                return Clue.of(Cause.IMAGE_PULL_TIMEOUT_K8S, registry);
            }
            if (FOREIGN_HUBS.contains(registry)) {
                return Clue.of(Cause.IMAGE_PULL_TIMEOUT_HUB, registry);
            }
            return Clue.of(Cause.IMAGE_PULL_TIMEOUT, registry);
        }
        return null;
    }

    /** A pull failed and no line said why in words the diagnosis knows. */
    static Clue pullFailed(String line, ScanState state) {
        if (line.contains("the test image was pulled on")
                || aboutPulling(line) && hasAny(line, "ailed to pull", "ErrImagePull", "ImagePullBackOff",
                        "Back-off pulling image")) {
            return Clue.hint(Cause.IMAGE_PULL_FAILED);
        }
        return null;
    }

    /**
     * The registry the failing request went to: the host of its URL (a mirror from hosts.toml, when one was tried),
     * else the registry part of the image reference (Docker Hub when it has none).
     */
    static String registry(String line) {
        String host = group(REGISTRY_URL, line);
        if (host == null) {
            String image = group(IMAGE, line);
            if (image == null) {
                return null;
            }
            int slash = image.indexOf('/');
            String first = image.substring(0, slash);
            host = first.contains(".") || first.contains(":") || first.equals("localhost") ? first : "docker.io";
        }
        return switch (host) {
            case "registry-1.docker.io", "index.docker.io", "auth.docker.io" -> "docker.io";
            default -> host;
        };
    }
}
