package dev.kubewizard.recipe;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanHost;
import java.util.List;

/**
 * kubelet, kubeadm and kubectl from the per-minor pkgs.k8s.io layout on the plan's mirror (e.g.
 * {@code https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/}; the course's kubernetes-xenial repo is
 * frozen at 1.28), its Release.key de-armored into /etc/apt/keyrings, held with apt-mark so that an apt upgrade cannot
 * move them. Last, kubeadm's own list of images must name the same pause image containerd was given.
 */
public final class KubernetesPackages {
    public static final String KEYRING = "/etc/apt/keyrings/kubernetes-apt-keyring.gpg";
    public static final String SOURCES_FILE = "/etc/apt/sources.list.d/kubernetes.sources";
    /** The course's (and upstream docs') file name for this repository, one-line format. */
    public static final String LEGACY_LIST = "/etc/apt/sources.list.d/kubernetes.list";
    public static final List<String> PACKAGES = List.of("kubelet", "kubeadm", "kubectl");

    /** {@code prep_at_minor PACKAGE 1.NN}: true when the package is installed at that minor line. */
    static final String AT_MINOR_FUNCTION = """
            prep_at_minor() {
              kw_installed "$1" || return 1
              # shellcheck disable=SC2016 # ${Version} is dpkg-query's field name, not a shell variable
              case "$(dpkg-query -W -f='${Version}' "$1")" in
                "$2".*) return 0 ;;
                *) return 1 ;;
              esac
            }

            """;

    /**
     * {@code prep_pause_image REPOSITORY}: the pause image the installed kubeadm asks for (`kubeadm config images
     * list` for its own version and the plan's image repository), empty when kubeadm names none.
     */
    static final String PAUSE_FUNCTION = """
            prep_pause_image() {
              kubeadm config images list --kubernetes-version "$(kubeadm version -o short)" \\
                --image-repository "$1" 2>/dev/null | grep '/pause:' || true
            }

            """;

    private KubernetesPackages() {
    }

    /** The repository of one minor line, e.g. {@code <mirror>/v1.34/deb/}. */
    public static String repository(String mirror, int minor) {
        return mirror.strip().replaceAll("/+$", "") + "/v1." + minor + "/deb/";
    }

    /** deb822 source of the flat per-minor repository (Suites "/" and no Components). */
    public static String sources(String repository) {
        return "# Written by kubewizard: kubelet, kubeadm, kubectl of one minor line from " + repository + "\n"
                + "Types: deb\n"
                + "URIs: " + repository + "\n"
                + "Suites: /\n"
                + "Signed-By: " + KEYRING + "\n";
    }

    public static Step step(ClusterPlan plan, PlanHost host) {
        int minor = plan.kubernetesMinor();
        String line = "1." + minor;
        String mirror = NodePrepSteps.required(plan.mirrors() == null ? null : plan.mirrors().kubernetes(),
                "mirrors.kubernetes");
        String repo = repository(mirror, minor);
        String sandbox = ContainerdConfig.sandboxImage(plan);
        String imageRepo = sandbox.substring(0, sandbox.lastIndexOf("/pause:"));
        StepFile sources = StepFile.of(SOURCES_FILE, "0644", sources(repo));
        String packages = String.join(" ", PACKAGES);
        String pauseCheck = "[ \"$(prep_pause_image " + Bash.quote(imageRepo) + ")\" = " + Bash.quote(sandbox) + " ]";
        StepBuilder s = new StepBuilder("kubernetes-packages", Phase.PREP, host)
                .texts("prep.kubernetesPackages", line, repo)
                .run(PrepShellFunctions.FAIL, PrepShellFunctions.RETIRE, AT_MINOR_FUNCTION, PAUSE_FUNCTION,
                        "minor=" + line,
                        "# the repository's key, de-armored into a keyring file of its own (no apt-key)",
                        "prep_retire " + LEGACY_LIST,
                        "work=$(mktemp -d)",
                        "trap 'rm -rf \"$work\"' EXIT",
                        "kw_retry 3 5 curl -fsSL --connect-timeout 20 -o \"$work/Release.key\" "
                                + Bash.quote(repo + "Release.key")
                                + " || " + PrepShellFunctions.failWith("prep.error.download", repo + "Release.key"),
                        "GNUPGHOME=\"$work\" gpg --batch --yes --dearmor -o \"$work/keyring.gpg\" "
                                + "\"$work/Release.key\" || "
                                + PrepShellFunctions.failWith("prep.error.notAKey", repo + "Release.key"),
                        "kw_write_file " + KEYRING + " 0644 < \"$work/keyring.gpg\"")
                .writeChecked(sources)
                .run("kw_apt update",
                        "# install the newest " + line + ".x unless all three are already at " + line,
                        "missing=0",
                        "for pkg in " + packages + "; do",
                        "  prep_at_minor \"$pkg\" \"$minor\" || missing=1",
                        "done",
                        "if [ \"$missing\" = 1 ]; then",
                        "  if [ -e /etc/kubernetes/kubelet.conf ]; then",
                        "    " + PrepShellFunctions.failWith("prep.error.otherMinorInCluster", line),
                        "  fi",
                        "  wanted=()",
                        "  for pkg in " + packages + "; do",
                        "    version=$(apt-cache madison \"$pkg\" | awk -v m=\"$minor.\" 'index($3, m) == 1 "
                                + "{ print $3; exit }')",
                        "    [ -n \"$version\" ] || " + PrepShellFunctions.failWith("prep.error.noPackage", line, repo),
                        "    wanted+=(\"$pkg=$version\")",
                        "  done",
                        "  kw_apt install --allow-change-held-packages --allow-downgrades \"${wanted[@]}\"",
                        "fi",
                        "apt-mark hold " + packages,
                        "systemctl is-enabled --quiet kubelet || systemctl enable kubelet",
                        "kubeadm version -o short",
                        "# kubeadm's own pause image must be the one containerd runs pods with",
                        "actual=$(prep_pause_image " + Bash.quote(imageRepo) + ")",
                        "if [ \"$actual\" != " + Bash.quote(sandbox) + " ]; then",
                        "  echo \"kubeadm expects: ${actual:-none}\" >&2",
                        "  " + PrepShellFunctions.failWith("prep.error.pauseMismatch", sandbox),
                        "fi")
                .check(AT_MINOR_FUNCTION, PAUSE_FUNCTION,
                        "[ -s " + KEYRING + " ]",
                        "[ ! -e " + LEGACY_LIST + " ]");
        for (String p : PACKAGES) {
            s.check("prep_at_minor " + p + " " + line);
        }
        s.check("held=$(apt-mark showhold)");
        for (String p : PACKAGES) {
            s.check("grep -qx " + p + " <<< \"$held\"");
        }
        return s.check("systemctl is-enabled --quiet kubelet", pauseCheck).build();
    }
}
