package dev.kubewizard.recipe;

import dev.kubewizard.plan.KubernetesVersions;
import dev.kubewizard.plan.ClusterPlan;
import java.util.List;

/**
 * /etc/containerd/config.toml, written whole (never a sed over {@code containerd config default}: 2.0/2.1's default
 * has no SystemdCgroup key to flip, and containerd.io's own file disables "cri"). Two variants, picked on the node from
 * {@code containerd --version}: containerd 2.x reads {@code version = 3} with the {@code io.containerd.cri.v1.images}
 * / {@code io.containerd.cri.v1.runtime} plugins; 1.7 (and 1.6) read {@code version = 2} with
 * {@code io.containerd.grpc.v1.cri}. Both set SystemdCgroup = true, the certs.d folder for registry hosts (and no
 * {@code registry.mirrors}: together with config_path it stops the CRI plugin from loading), and the sandbox image
 * kubeadm of the plan's minor expects, from the plan's image repository.
 */
public final class ContainerdConfig {
    public static final String PATH = "/etc/containerd/config.toml";
    public static final String CERTS_DIR = "/etc/containerd/certs.d";
    public static final String VARIANT_2 = "containerd-2.x";
    public static final String VARIANT_17 = "containerd-1.7";
    public static final String DEFAULT_IMAGE_REPOSITORY = "registry.k8s.io";

    /** {@code prep_containerd_major BINARY}: the major version of containerd, e.g. 2 for "containerd.io v2.2.1". */
    static final String MAJOR_FUNCTION = """
            prep_containerd_major() {
              "$1" --version | awk '{ v = $3; sub(/^v/, "", v); split(v, p, "."); print p[1] }'
            }

            """;

    /**
     * {@code prep_cri_ok SOCKET CTR}: true when containerd's CRI plugin is loaded: {@code ctr plugins ls} lists
     * io.containerd.grpc.v1 cri as ok and no io.containerd.cri.v1 plugin (2.x) in another state.
     */
    static final String CRI_OK_FUNCTION = """
            prep_cri_ok() {
              local plugins
              plugins=$("$2" --address "$1" plugins ls) || return 1
              printf '%s\\n' "$plugins" | awk '
                $1 == "io.containerd.grpc.v1" && $2 == "cri" { grpc = $NF }
                $1 == "io.containerd.cri.v1" && $NF != "ok" { bad = 1 }
                END { exit !(grpc == "ok" && !bad) }'
            }

            """;

    /** The CRI check on a node: the default socket, the ctr that containerd.io installs. */
    static final String CRI_OK = "prep_cri_ok /run/containerd/containerd.sock ctr";
    static final String MAJOR = "prep_containerd_major containerd";

    private ContainerdConfig() {
    }

    /** The sandbox (pause) image: the plan's image repository and the pause tag of its Kubernetes minor. */
    public static String sandboxImage(ClusterPlan plan) {
        String repo = plan.mirrors() == null || plan.mirrors().imageRepository() == null
                || plan.mirrors().imageRepository().isBlank()
                ? DEFAULT_IMAGE_REPOSITORY : plan.mirrors().imageRepository().strip().replaceAll("/+$", "");
        return repo + "/pause:" + KubernetesVersions.pauseTag(plan.kubernetesMinor());
    }

    /** containerd 2.x. */
    public static String forContainerd2(String sandboxImage) {
        return """
                # Written by kubewizard for containerd 2.x (config version 3). The whole file: kubewizard rewrites it.
                version = 3

                [plugins."io.containerd.cri.v1.images"]
                  [plugins."io.containerd.cri.v1.images".pinned_images]
                    sandbox = %1$s
                  [plugins."io.containerd.cri.v1.images".registry]
                    # one hosts.toml per registry (mirrors, Harbor); never registry.mirrors beside it
                    config_path = %2$s

                [plugins."io.containerd.cri.v1.runtime".containerd]
                  default_runtime_name = "runc"
                  [plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc]
                    runtime_type = "io.containerd.runc.v2"
                    [plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc.options]
                      # kubelet uses the systemd cgroup driver; runc must use the same
                      SystemdCgroup = true
                """.formatted(tomlString(sandboxImage), tomlString(CERTS_DIR));
    }

    /** containerd 1.7 (also read by 1.6). */
    public static String forContainerd17(String sandboxImage) {
        return """
                # Written by kubewizard for containerd 1.7 (config version 2). The whole file: kubewizard rewrites it.
                version = 2

                [plugins."io.containerd.grpc.v1.cri"]
                  sandbox_image = %1$s
                  [plugins."io.containerd.grpc.v1.cri".containerd]
                    default_runtime_name = "runc"
                    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
                      runtime_type = "io.containerd.runc.v2"
                      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                        # kubelet uses the systemd cgroup driver; runc must use the same
                        SystemdCgroup = true
                  [plugins."io.containerd.grpc.v1.cri".registry]
                    # one hosts.toml per registry (mirrors, Harbor); never registry.mirrors beside it
                    config_path = %2$s
                """.formatted(tomlString(sandboxImage), tomlString(CERTS_DIR));
    }

    /** Both variants: 2.x first. */
    public static List<StepFile> files(String sandboxImage) {
        return List.of(
                StepFile.variant(PATH, "0644", forContainerd2(sandboxImage), VARIANT_2),
                StepFile.variant(PATH, "0644", forContainerd17(sandboxImage), VARIANT_17));
    }

    /** A TOML basic string. */
    static String tomlString(String value) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        b.append(String.format("\\u%04X", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
