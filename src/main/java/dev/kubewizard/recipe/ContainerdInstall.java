package dev.kubewizard.recipe;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanHost;
import java.util.List;

/**
 * The containerd step: Docker CE's apt repository from the plan's mirror (key in /etc/apt/keyrings/docker.asc, deb822
 * docker.sources; never apt-key), only the containerd.io package (a kubeadm node needs no Docker engine, and dockerd
 * sets the iptables FORWARD policy to DROP), then the {@link ContainerdConfig} variant for the installed version.
 * containerd restarts only when its config changed (or still runs without CRI, when an earlier run was cut off between
 * writing the config and the restart), and the step ends when the CRI plugin reports ok.
 */
public final class ContainerdInstall {
    public static final String KEY_FILE = "/etc/apt/keyrings/docker.asc";
    public static final String SOURCES_FILE = "/etc/apt/sources.list.d/docker.sources";
    /** The course's file name for the same repository (one-line format, apt-key). */
    public static final String LEGACY_LIST = "/etc/apt/sources.list.d/docker.list";

    private ContainerdInstall() {
    }

    /** deb822 source for Docker's repository; {@code {{CODENAME}}} is filled on the node. */
    public static String dockerSources(String mirror) {
        String uri = mirror.strip().replaceAll("/+$", "");
        return "# Written by kubewizard: Docker CE packages (only containerd.io is installed) from " + uri + "\n"
                + "Types: deb\n"
                + "URIs: " + uri + "\n"
                + "Suites: {{CODENAME}}\n"
                + "Components: stable\n"
                + "Signed-By: " + KEY_FILE + "\n";
    }

    public static Step step(ClusterPlan plan, PlanHost host) {
        String mirror = NodePrepSteps.required(plan.mirrors() == null ? null : plan.mirrors().dockerCe(),
                "mirrors.dockerCe").replaceAll("/+$", "");
        String sandbox = ContainerdConfig.sandboxImage(plan);
        StepFile sources = StepFile.of(SOURCES_FILE, "0644", dockerSources(mirror));
        List<StepFile> configs = ContainerdConfig.files(sandbox);
        String codename = "CODENAME=\"$codename\"";
        return new StepBuilder("containerd", Phase.PREP, host).texts("prep.containerd", sandbox)
                .run(PrepShellFunctions.FAIL, PrepShellFunctions.RETIRE,
                        ContainerdConfig.MAJOR_FUNCTION, ContainerdConfig.CRI_OK_FUNCTION,
                        "codename=$(kw_os_codename)",
                        "# Docker's repository, its key in a keyring file of its own",
                        "prep_retire " + LEGACY_LIST,
                        "key=$(mktemp)",
                        "trap 'rm -f \"$key\"' EXIT",
                        "kw_retry 3 5 curl -fsSL --connect-timeout 20 -o \"$key\" " + Bash.quote(mirror + "/gpg")
                                + " || " + PrepShellFunctions.failWith("prep.error.download", mirror + "/gpg"),
                        "grep -q 'BEGIN PGP PUBLIC KEY BLOCK' \"$key\" || "
                                + PrepShellFunctions.failWith("prep.error.notAKey", mirror + "/gpg"),
                        "kw_write_file " + KEY_FILE + " 0644 < \"$key\"")
                .write(sources, codename)
                .run("kw_apt update",
                        "kw_apt_install containerd.io",
                        "# a config for the installed containerd, complete (containerd.io ships one that disables cri)",
                        "major=$(" + ContainerdConfig.MAJOR + ")",
                        "case \"$major\" in ''|*[!0-9]*) "
                                + PrepShellFunctions.failWith("prep.error.containerdVersion") + " ;; esac",
                        "before=$(kw_fingerprint " + ContainerdConfig.PATH + ")",
                        "if [ \"$major\" -ge 2 ]; then")
                .write(configs.get(0))
                .run("else")
                .write(configs.get(1))
                .run("fi",
                        "after=$(kw_fingerprint " + ContainerdConfig.PATH + ")",
                        "systemctl is-enabled --quiet containerd || systemctl enable containerd",
                        "if [ \"$before\" != \"$after\" ]; then",
                        "  systemctl restart containerd",
                        "elif ! systemctl is-active --quiet containerd; then",
                        "  systemctl start containerd",
                        "elif ! " + ContainerdConfig.CRI_OK + "; then",
                        "  # an earlier run wrote the config but was cut off before this restart",
                        "  systemctl restart containerd",
                        "fi",
                        "kw_retry 15 1 " + ContainerdConfig.CRI_OK + " || "
                                + PrepShellFunctions.failWith("prep.error.criNotLoaded"),
                        "containerd --version")
                .check(ContainerdConfig.MAJOR_FUNCTION, ContainerdConfig.CRI_OK_FUNCTION,
                        "codename=$(kw_os_codename)",
                        "[ ! -e " + LEGACY_LIST + " ]",
                        "grep -qs 'BEGIN PGP PUBLIC KEY BLOCK' " + KEY_FILE)
                .checkFile(sources, codename)
                .check("kw_installed containerd.io",
                        "major=$(" + ContainerdConfig.MAJOR + ")",
                        "if [ \"$major\" -ge 2 ]; then")
                .checkFile(configs.get(0))
                .check("else")
                .checkFile(configs.get(1))
                .check("fi",
                        "systemctl is-enabled --quiet containerd",
                        "systemctl is-active --quiet containerd",
                        ContainerdConfig.CRI_OK)
                .build();
    }
}
